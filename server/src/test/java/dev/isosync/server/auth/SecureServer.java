package dev.isosync.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.isosync.client.JdkHttpTransport;
import dev.isosync.json.Json;
import dev.isosync.server.ServerConfig;
import dev.isosync.server.SyncServer;
import dev.isosync.server.TestDatabases;
import dev.isosync.wire.HttpTransport;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A real server on port 0 with an ACL file, and plain HTTP calls to it with or without a token. */
final class SecureServer implements AutoCloseable {
    final SyncServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    SecureServer(ServerConfig config, String aclJson) {
        this.server = SyncServer.start(config.security(SecurityConfig.parse(aclJson, "test ACL")));
    }

    /** A server on a fresh in-memory H2 database. */
    static SecureServer h2(String aclJson) {
        return new SecureServer(TestDatabases.h2Server(), aclJson);
    }

    String origin() {
        return "http://127.0.0.1:" + server.port();
    }

    /** A response: status, body, one header. */
    record Response(int status, String body, String wwwAuthenticate) {
        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return (Map<String, Object>) Json.parse(body);
        }
    }

    Response send(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(origin() + path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body(), r.headers().firstValue("WWW-Authenticate").orElse(null));
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A call with the token in {@code Authorization}, as LoopBack's own clients send it; {@code null}: none. */
    Response as(String token, String method, String path, String body) {
        return token == null ? send(method, path, body) : send(method, path, body, "Authorization", token);
    }

    /**
     * Opens the change stream and returns its status once the headers arrive, then hangs up (the stream never
     * ends by itself).
     */
    int changeStreamStatus(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(origin() + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "text/event-stream").GET().build();
        try {
            HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            r.body().close();
            return r.statusCode();
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Registers a user and returns their id. */
    String register(String username, String email, String password) {
        Response r = send("POST", "/api/Users", Json.write(Map.of("username", username, "email", email,
                "password", password)));
        assertEquals(200, r.status(), r.body());
        return (String) r.json().get("id");
    }

    /** Logs in by username and returns the token. */
    String login(String username, String password) {
        Response r = send("POST", "/api/Users/login", Json.write(Map.of("username", username, "password", password)));
        assertEquals(200, r.status(), r.body());
        return (String) r.json().get("id");
    }

    /** Registers and logs in; the password is the name repeated. */
    String signUp(String name) {
        register(name, name + "@example.com", name + "-password");
        return login(name, name + "-password");
    }

    private String inspector;

    /** The token of a user made once per server to look at the data (a check that a refused call wrote nothing). */
    String signUpOnce() {
        if (inspector == null) {
            inspector = signUp("inspector");
        }
        return inspector;
    }

    /** A transport for the JVM replicator that sends {@code token} as {@code access_token}. */
    HttpTransport transport(String token) {
        JdkHttpTransport plain = new JdkHttpTransport(origin());
        return (method, path, body) -> plain.send(method, token == null ? path
                : path + (path.contains("?") ? "&" : "?") + "access_token=" + token, body);
    }

    @Override
    public void close() {
        server.close();
    }
}
