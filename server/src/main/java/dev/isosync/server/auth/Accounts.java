package dev.isosync.server.auth;

import dev.isosync.error.SyncException;
import dev.isosync.error.ValidationError;
import dev.isosync.error.ValidationException;
import dev.isosync.model.ModelDefinition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Users and their access tokens, as LoopBack's {@code User} and {@code AccessToken} models keep them:
 * registration (422 naming each invalid or taken property), login by email or username (a random 64-character
 * token with a lifetime, two weeks unless configured or asked otherwise), logout (the token is revoked), and
 * the caller a token stands for. Passwords are hashed with bcrypt and never kept, logged or echoed in clear;
 * tokens are kept as their SHA-256 only.
 */
public final class Accounts {
    /** Shortest password accepted. */
    public static final int MIN_PASSWORD_LENGTH = 8;
    /** Longest username and email accepted. */
    public static final int MAX_NAME_LENGTH = 254;
    /** Characters of a token: 64 of 62 letters and digits, about 381 bits. */
    static final int TOKEN_LENGTH = 64;
    private static final String TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    /** LoopBack's email check, loosely: something@something.something, no spaces. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final String MODEL = SecurityConfig.USER_MODEL;
    /** What a validation message shows instead of a password. */
    private static final String HIDDEN = "[hidden]";

    private final UserStore store;
    private final SecurityConfig config;
    private final Clock clock;
    private final PasswordHasher hasher = new PasswordHasher();
    private final SecureRandom random = new SecureRandom();

    public Accounts(UserStore store, SecurityConfig config, Clock clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    /** A token issued by a login: the token itself (shown once) and what is stored of it. */
    public record Login(String token, AccessToken stored) {
        @Override
        public String toString() {
            return "Login(" + stored + ")";
        }
    }

    /**
     * Registers a user from {@code {"email", "password", "username"?}}.
     *
     * @throws ValidationException (422) naming every invalid property, a taken email or username included;
     *     nothing is stored then
     */
    public User register(Map<String, Object> body) {
        List<ValidationError> errors = new ArrayList<>();
        for (String key : body.keySet()) {
            if (!Set.of("email", "password", "username").contains(key)) {
                errors.add(new ValidationError(key, "unknown-property", "is not defined in the model `" + MODEL + "`",
                        key.equals("password") ? HIDDEN : body.get(key), true));
            }
        }
        String email = text(body, "email", errors, true);
        String username = text(body, "username", errors, false);
        if (email != null && !EMAIL.matcher(email).matches()) {
            errors.add(new ValidationError("email", "custom.email", "is invalid", email, true));
        }
        if (username != null && username.contains("@")) {
            // a username that looks like an email could log in as another user's email
            errors.add(new ValidationError("username", "format", "must not contain @", username, true));
        }
        Object password = body.get("password");
        if (password == null) {
            errors.add(new ValidationError("password", "presence", "can't be blank", null, body.containsKey("password")));
        } else if (!(password instanceof String)) {
            errors.add(new ValidationError("password", "type", "must be a string", HIDDEN, true));
        } else if (((String) password).length() < MIN_PASSWORD_LENGTH) {
            errors.add(new ValidationError("password", "length", "must have at least " + MIN_PASSWORD_LENGTH
                    + " characters", HIDDEN, true));
        } else if (((String) password).getBytes(StandardCharsets.UTF_8).length > PasswordHasher.MAX_BYTES) {
            errors.add(new ValidationError("password", "length", "must have at most " + PasswordHasher.MAX_BYTES
                    + " bytes in UTF-8", HIDDEN, true));
        }
        String normalized = email == null ? null : email.toLowerCase(Locale.ROOT);
        if (errors.isEmpty()) {
            if (store.userByEmail(normalized) != null) {
                errors.add(taken("email", email, "Email already exists"));
            }
            if (username != null && store.userByUsername(username) != null) {
                errors.add(taken("username", username, "User already exists"));
            }
        }
        if (!errors.isEmpty()) {
            throw ValidationException.of(MODEL, null, errors);
        }
        User user = new User(UUID.randomUUID().toString(), username, normalized, hasher.hash((String) password),
                clock.millis());
        String takenBy = store.addUser(user);
        if (takenBy != null) {
            // another registration of the same email or username won the race
            throw ValidationException.of(MODEL, null, List.of(taken(takenBy, takenBy.equals("email") ? email : username,
                    takenBy.equals("email") ? "Email already exists" : "User already exists")));
        }
        return user;
    }

    private static ValidationError taken(String property, String value, String message) {
        return new ValidationError(property, "uniqueness", message, value, true);
    }

    private static String text(Map<String, Object> body, String key, List<ValidationError> errors, boolean required) {
        Object value = body.get(key);
        if (value == null) {
            if (required) {
                errors.add(new ValidationError(key, "presence", "can't be blank", null, body.containsKey(key)));
            }
            return null;
        }
        if (!(value instanceof String)) {
            errors.add(new ValidationError(key, "type", "must be a string", value, true));
            return null;
        }
        String s = (String) value;
        String problem = s.isBlank() ? "can't be blank" : s.length() > MAX_NAME_LENGTH
                ? "must have at most " + MAX_NAME_LENGTH + " characters" : ModelDefinition.idProblem(s);
        if (problem != null) {
            errors.add(new ValidationError(key, "format", problem, s, true));
            return null;
        }
        return s;
    }

    /**
     * Logs in with {@code {"email" | "username", "password", "ttl"?}}.
     *
     * @throws SyncException 400 {@code USERNAME_EMAIL_REQUIRED} without email and username, 422 for a bad
     *     {@code ttl}, 401 {@code LOGIN_FAILED} for an unknown user or a wrong password (the same answer for both)
     */
    public Login login(Map<String, Object> body) {
        Object email = body.get("email");
        Object username = body.get("username");
        Object password = body.get("password");
        if (!(email instanceof String) && !(username instanceof String)) {
            throw SyncException.badRequest("USERNAME_EMAIL_REQUIRED", "username or email is required");
        }
        long ttl = config.tokenTtl();
        Object askedTtl = body.get("ttl");
        if (askedTtl != null) {
            if (!(askedTtl instanceof Number) || ((Number) askedTtl).doubleValue() < 1
                    || ((Number) askedTtl).doubleValue() != Math.floor(((Number) askedTtl).doubleValue())
                    || ((Number) askedTtl).doubleValue() > config.maxTokenTtl()) {
                throw ValidationException.of("AccessToken", null, List.of(new ValidationError("ttl", "range",
                        "must be a whole number of seconds from 1 to " + config.maxTokenTtl(), askedTtl, true)));
            }
            ttl = ((Number) askedTtl).longValue();
        }
        User user = email instanceof String ? store.userByEmail(((String) email).toLowerCase(Locale.ROOT))
                : store.userByUsername((String) username);
        boolean ok = password instanceof String && hasher.matches((String) password, user == null ? null
                : user.passwordHash());
        if (!ok || user == null) {
            throw new SyncException(401, "Error", "LOGIN_FAILED", "login failed", null);
        }
        String token = newToken();
        AccessToken stored = new AccessToken(digest(token), user.id(), ttl, clock.millis());
        store.addToken(stored);
        return new Login(token, stored);
    }

    /** Revokes the caller's token; a caller without a valid one gets LoopBack's 401. */
    public void logout(Caller caller) {
        if (!caller.isAuthenticated()) {
            throw new SyncException(401, "Error", "AUTHORIZATION_REQUIRED", "accessToken is required to logout", null);
        }
        store.removeToken(caller.tokenDigest());
    }

    /**
     * The caller a request's token candidates stand for ({@link TokenTransports}): the user of the first
     * candidate that is a valid token, else anonymous when there was none, else a caller with an invalid token.
     * An expired token is removed.
     */
    public Caller authenticate(List<String> candidates) {
        if (candidates.isEmpty()) {
            return Caller.ANONYMOUS;
        }
        for (String candidate : candidates) {
            if (candidate.isEmpty() || candidate.length() > 4096) {
                continue;
            }
            String digest = digest(candidate);
            AccessToken token = store.token(digest);
            if (token == null) {
                continue;
            }
            if (token.isExpired(clock.millis())) {
                store.removeToken(digest);
                continue;
            }
            User user = store.userById(token.userId());
            if (user != null) {
                return Caller.user(user, digest, config.rolesOf(user));
            }
        }
        return Caller.invalidToken();
    }

    /** The configured lifetimes and roles. */
    public SecurityConfig config() {
        return config;
    }

    private String newToken() {
        StringBuilder b = new StringBuilder(TOKEN_LENGTH);
        for (int i = 0; i < TOKEN_LENGTH; i++) {
            b.append(TOKEN_ALPHABET.charAt(random.nextInt(TOKEN_ALPHABET.length())));
        }
        return b.toString();
    }

    /** Hex SHA-256 of a token: what the store keeps and looks tokens up by. */
    static String digest(String token) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(64);
            for (byte x : d) {
                hex.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
