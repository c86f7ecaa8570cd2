package dev.isosync.browserclient.auth;

import dev.isosync.error.SyncException;
import dev.isosync.json.Json;
import dev.isosync.json.JsonException;
import dev.isosync.wire.HttpTransport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's user endpoints as the page uses them (PROTOCOL.md 9.7): create an account, sign in, sign out.
 * Errors carry the server's own message, which names what was wrong.
 */
public final class Accounts {
    private static final String BASE = "/api/Users";
    private final HttpTransport transport;

    /** @param transport sends without a token: these calls are how a token is obtained */
    public Accounts(HttpTransport transport) {
        this.transport = transport;
    }

    /**
     * Signs in.
     *
     * @throws SyncException 401 when the email or password is wrong, 503 when the server cannot be reached
     */
    public Session login(String email, String password, double now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("password", password);
        Map<String, Object> answer = call("POST", BASE + "/login", body);
        double ttlSeconds = ((Number) answer.get("ttl")).doubleValue();
        return new Session((String) answer.get("id"), String.valueOf(answer.get("userId")), email,
                now + ttlSeconds * 1000);
    }

    /**
     * Creates an account, then signs in with it.
     *
     * @throws SyncException 422 naming the invalid or taken property, 503 when the server cannot be reached
     */
    public Session register(String email, String password, double now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("password", password);
        call("POST", BASE, body);
        return login(email, password, now);
    }

    /** Revokes the token on the server. */
    public void logout(Session session) {
        call("POST", BASE + "/logout?" + session.tokenQuery(), null);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> call(String method, String path, Map<String, Object> body) {
        HttpTransport.Response r = transport.send(method, path, body == null ? null : Json.write(body));
        Object json;
        try {
            json = r.body().isEmpty() ? null : Json.parse(r.body());
        } catch (JsonException e) {
            throw new SyncException(502, "Error", "BAD_RESPONSE", method + " " + path + " answered " + r.status()
                    + " with a body that is not JSON", null);
        }
        if (r.status() >= 200 && r.status() < 300) {
            return json instanceof Map ? (Map<String, Object>) json : new LinkedHashMap<>();
        }
        throw new SyncException(r.status(), "Error", null, message(json, r.status()), null);
    }

    /** The message of LoopBack's error envelope, with a 422's per-property messages when it has them. */
    @SuppressWarnings("unchecked")
    private static String message(Object json, int status) {
        if (json instanceof Map && ((Map<String, Object>) json).get("error") instanceof Map) {
            Map<String, Object> error = (Map<String, Object>) ((Map<String, Object>) json).get("error");
            Object details = error.get("details");
            if (details instanceof Map && ((Map<String, Object>) details).get("messages") instanceof Map) {
                StringBuilder out = new StringBuilder();
                for (Map.Entry<String, Object> e
                        : ((Map<String, Object>) ((Map<String, Object>) details).get("messages")).entrySet()) {
                    for (Object m : (List<Object>) e.getValue()) {
                        out.append(out.length() == 0 ? "" : "; ").append(e.getKey()).append(' ').append(m);
                    }
                }
                if (out.length() > 0) {
                    return out.toString();
                }
            }
            if (error.get("message") instanceof String) {
                return (String) error.get("message");
            }
        }
        return "the server answered " + status;
    }
}
