package dev.isosync.browserclient.auth;

import dev.isosync.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import org.teavm.jso.JSBody;
import org.teavm.jso.browser.Storage;

/**
 * The signed-in user of this browser profile: the access token the server handed out at login, whose it is, and
 * when it runs out. Kept in localStorage so every tab and every visit uses it; the token is sent on every call
 * and on the change stream. Immutable.
 */
public final class Session {
    private static final String KEY = "isosync:session";

    /** The access token, sent as {@code Authorization} and as {@code access_token} on the change stream. */
    public final String token;
    /** The server's id of the user. */
    public final String userId;
    /** What the user signed in with, shown on the page. */
    public final String email;
    /** Epoch milliseconds after which the server no longer takes the token. */
    public final double expiresAt;

    public Session(String token, String userId, String email, double expiresAt) {
        this.token = token;
        this.userId = userId;
        this.email = email;
        this.expiresAt = expiresAt;
    }

    /** The session kept by this profile, or {@code null} when nobody is signed in. */
    public static Session stored() {
        String json = Storage.getLocalStorage().getItem(KEY);
        if (json == null) {
            return null;
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) Json.parse(json);
            return new Session((String) m.get("token"), (String) m.get("userId"), (String) m.get("email"),
                    ((Number) m.get("expiresAt")).doubleValue());
        } catch (RuntimeException e) {
            return null; // not written by this client: nobody is signed in
        }
    }

    /** Keeps this session for every tab and visit of the profile. */
    public void store() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("token", token);
        m.put("userId", userId);
        m.put("email", email);
        m.put("expiresAt", expiresAt);
        Storage.getLocalStorage().setItem(KEY, Json.write(m));
    }

    /** Forgets the signed-in user. */
    public static void forget() {
        Storage.getLocalStorage().removeItem(KEY);
    }

    /** Whether the server no longer takes the token at {@code now} (epoch milliseconds). */
    public boolean expired(double now) {
        return now >= expiresAt;
    }

    /**
     * The name of the local database that holds this user's data: each user of a profile has their own, so one
     * user's records never appear while another is signed in.
     */
    public String databaseName(String base) {
        StringBuilder safe = new StringBuilder();
        for (int i = 0; i < userId.length(); i++) {
            char c = userId.charAt(i);
            // ASCII only: Character.isLetterOrDigit would bring Unicode's tables into the bundle
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-';
            safe.append(plain ? c : '_');
        }
        return base + "-user-" + safe;
    }

    /**
     * The token as a query parameter, {@code access_token=...}: how the change stream, which cannot send headers,
     * and the logout carry it.
     */
    public String tokenQuery() {
        return "access_token=" + encodeUriComponent(token);
    }

    // the browser's own encoder: Java's would bring its charset tables into the bundle
    @JSBody(params = "value", script = "return encodeURIComponent(value);")
    private static native String encodeUriComponent(String value);
}
