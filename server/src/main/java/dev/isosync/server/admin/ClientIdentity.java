package dev.isosync.server.admin;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Who a replicating client is. Our clients send a stable {@code X-Client-Id} (PROTOCOL.md 9.8); a LoopBack
 * client is known by its access token when it sends one, and otherwise by its address. Immutable.
 */
public final class ClientIdentity {
    /** The header our clients identify themselves with. */
    public static final String HEADER = "X-Client-Id";
    /** Longest client id accepted. */
    public static final int MAX_CLIENT_ID_LENGTH = 200;

    /** How the identity was learnt. */
    public enum Kind {
        /** From {@code X-Client-Id}: one of our clients. */
        CLIENT_ID("client-id"),
        /** From an access token; the id holds a hash of it, never the token. */
        TOKEN("token"),
        /** From the remote address, when nothing else identifies the caller. */
        ADDRESS("address");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        /** The name the admin API shows, e.g. {@code "client-id"}. */
        public String wireName() {
            return wireName;
        }

        /** The kind of a {@link #wireName()}, or {@code null}. */
        public static Kind fromWire(String name) {
            for (Kind k : values()) {
                if (k.wireName.equals(name)) {
                    return k;
                }
            }
            return null;
        }
    }

    private final String id;
    private final Kind kind;

    public ClientIdentity(String id, Kind kind) {
        this.id = Objects.requireNonNull(id, "id");
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /**
     * The caller of a request: its {@code X-Client-Id} when that is a valid client id, else
     * {@code token:<hash>} of the access token in {@code Authorization}, {@code X-Access-Token} or
     * {@code access_token} (LoopBack's transports), else {@code address:<ip>}. An invalid {@code X-Client-Id}
     * is passed over rather than refused: LoopBack's endpoints answer the same whatever our extensions think.
     */
    public static ClientIdentity of(Context ctx) {
        String clientId = ctx.header(HEADER);
        if (clientId != null && clientIdProblem(clientId) == null) {
            return new ClientIdentity(clientId, Kind.CLIENT_ID);
        }
        String token = accessToken(ctx);
        if (token != null) {
            return new ClientIdentity("token:" + fingerprint(token), Kind.TOKEN);
        }
        return new ClientIdentity("address:" + ctx.ip(), Kind.ADDRESS);
    }

    /**
     * Why {@code value} is not a client id, or {@code null} when it is one: 1 to {@value #MAX_CLIENT_ID_LENGTH}
     * letters, digits, {@code .}, {@code _}, {@code ~} or {@code -} (a UUID is one). The narrow alphabet keeps
     * client ids apart from the {@code token:} and {@code address:} identities.
     */
    public static String clientIdProblem(String value) {
        if (value.isEmpty() || value.length() > MAX_CLIENT_ID_LENGTH) {
            return "must have 1 to " + MAX_CLIENT_ID_LENGTH + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '_' || c == '~' || c == '-';
            if (!ok) {
                return "may hold only letters, digits, '.', '_', '~' and '-'";
            }
        }
        return null;
    }

    private static String accessToken(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null && !authorization.isBlank()) {
            String trimmed = authorization.trim();
            // LoopBack takes the header as the token itself, and also accepts "Bearer <token>"
            return trimmed.regionMatches(true, 0, "Bearer ", 0, 7) ? trimmed.substring(7).trim() : trimmed;
        }
        String header = ctx.header("X-Access-Token");
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        String query = ctx.queryParam("access_token");
        return query == null || query.isBlank() ? null : query.trim();
    }

    /**
     * The first 16 hex digits of the token's SHA-256: enough to tell clients apart, while the admin tables
     * and console never hold a credential someone could replay.
     */
    static String fingerprint(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                hex.append(Character.forDigit((digest[i] >> 4) & 0xf, 16)).append(Character.forDigit(digest[i] & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The identity's key: the client id, {@code token:<hash>} or {@code address:<ip>}. Never null. */
    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientIdentity && ((ClientIdentity) o).id.equals(id) && ((ClientIdentity) o).kind == kind;
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return kind.wireName + " " + id;
    }
}
