package dev.isosync.server.auth;

import dev.isosync.json.Json;
import dev.isosync.json.JsonException;
import dev.isosync.model.ModelDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The server's access control, read from the JSON file of {@code --acl} (README, "Security"): the access
 * token lifetimes, named roles with their members, and per model LoopBack's ACL entries. Without a file
 * ({@link #open()}) there are no entries, so every request is allowed, as a LoopBack model without ACLs allows
 * it. Immutable.
 *
 * <pre>{@code
 * {
 *   "tokenTtl": 1209600,
 *   "roles": {"admin": ["root@example.com"], "editor": ["peter"]},
 *   "owners": {"Todo": "ownerId"},
 *   "acls": {
 *     "Todo": [
 *       {"principalType": "ROLE", "principalId": "$everyone", "permission": "DENY"},
 *       {"principalType": "ROLE", "principalId": "$authenticated", "accessType": "READ", "permission": "ALLOW"},
 *       {"principalType": "ROLE", "principalId": "editor", "accessType": "WRITE", "permission": "ALLOW"}
 *     ]
 *   }
 * }
 * }</pre>
 */
public final class SecurityConfig {
    /** LoopBack's default token lifetime: two weeks, in seconds. */
    public static final long DEFAULT_TOKEN_TTL = 14L * 24 * 3600;
    /** LoopBack's default longest lifetime a login may ask for: one year, in seconds. */
    public static final long DEFAULT_MAX_TOKEN_TTL = 31_556_926L;
    /** The role whose members may use the admin console and API. */
    public static final String ADMIN_ROLE = "admin";
    /** The name under which the User endpoints' entries are listed. */
    public static final String USER_MODEL = "User";

    private static final Set<String> TOP_LEVEL = Set.of("tokenTtl", "maxTokenTtl", "roles", "acls", "owners");
    private static final Set<String> ENTRY_KEYS = Set.of("principalType", "principalId", "permission", "accessType",
            "property", "model");

    private final boolean configured;
    private final long tokenTtl;
    private final long maxTokenTtl;
    private final Map<String, Set<String>> roles;
    private final List<AclEntry> entries;
    /** The models the file lists ACLs for, empty lists included. */
    private final Set<String> models;
    /** Per model name, the owner property that scopes it to its users (PROTOCOL.md 9.7). */
    private final Map<String, String> owners;

    private SecurityConfig(boolean configured, long tokenTtl, long maxTokenTtl, Map<String, Set<String>> roles,
            List<AclEntry> entries, Set<String> models, Map<String, String> owners) {
        this.owners = owners;
        this.configured = configured;
        this.tokenTtl = tokenTtl;
        this.maxTokenTtl = maxTokenTtl;
        this.roles = roles;
        this.entries = entries;
        this.models = models;
    }

    /** No ACL file: everyone may do everything, tokens live two weeks. */
    public static SecurityConfig open() {
        return new SecurityConfig(false, DEFAULT_TOKEN_TTL, DEFAULT_MAX_TOKEN_TTL, Collections.emptyMap(),
                Collections.emptyList(), Collections.emptySet(), Collections.emptyMap());
    }

    /**
     * Reads an ACL file.
     *
     * @throws IllegalArgumentException naming the file and the problem when it cannot be read or is invalid
     */
    public static SecurityConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the ACL file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /**
     * Parses the text of an ACL file.
     *
     * @param source where the text came from, for messages
     * @throws IllegalArgumentException naming the problem
     */
    public static SecurityConfig parse(String text, String source) {
        Object json;
        try {
            json = Json.parse(text);
        } catch (JsonException e) {
            throw new IllegalArgumentException(source + " is not valid JSON: " + e.getMessage(), e);
        }
        Map<String, Object> root = object(json, source, "the file");
        for (String key : root.keySet()) {
            if (!TOP_LEVEL.contains(key)) {
                throw new IllegalArgumentException(source + ": unknown setting \"" + key + "\"; expected one of "
                        + new TreeSet<>(TOP_LEVEL));
            }
        }
        long ttl = seconds(root.get("tokenTtl"), DEFAULT_TOKEN_TTL, source, "tokenTtl");
        long maxTtl = seconds(root.get("maxTokenTtl"), Math.max(DEFAULT_MAX_TOKEN_TTL, ttl), source, "maxTokenTtl");
        if (ttl > maxTtl) {
            throw new IllegalArgumentException(source + ": tokenTtl " + ttl + " is above maxTokenTtl " + maxTtl);
        }
        Map<String, Set<String>> roles = new LinkedHashMap<>();
        if (root.containsKey("roles")) {
            for (Map.Entry<String, Object> e : object(root.get("roles"), source, "\"roles\"").entrySet()) {
                String role = e.getKey();
                if (role.isEmpty() || role.startsWith("$")) {
                    throw new IllegalArgumentException(source + ": role \"" + role + "\" must not be empty or start "
                            + "with $ (those are LoopBack's built-in roles)");
                }
                Set<String> members = new HashSet<>();
                for (Object m : list(e.getValue(), source, "role \"" + role + "\"")) {
                    if (!(m instanceof String) || ((String) m).isEmpty()) {
                        throw new IllegalArgumentException(source + ": members of role \"" + role
                                + "\" are usernames or emails, got " + Json.write(m));
                    }
                    members.add((String) m);
                }
                roles.put(role, Collections.unmodifiableSet(members));
            }
        }
        List<AclEntry> entries = new ArrayList<>();
        Set<String> models = new TreeSet<>();
        if (root.containsKey("acls")) {
            for (Map.Entry<String, Object> e : object(root.get("acls"), source, "\"acls\"").entrySet()) {
                models.add(e.getKey());
                List<Object> list = list(e.getValue(), source, "the ACL of " + e.getKey());
                for (int i = 0; i < list.size(); i++) {
                    entries.add(entry(e.getKey(), list.get(i), source + ": acls." + e.getKey() + "[" + i + "]"));
                }
            }
        }
        Map<String, String> owners = new LinkedHashMap<>();
        if (root.containsKey("owners")) {
            for (Map.Entry<String, Object> e : object(root.get("owners"), source, "\"owners\"").entrySet()) {
                if (!(e.getValue() instanceof String) || ((String) e.getValue()).isEmpty()) {
                    throw new IllegalArgumentException(source + ": owners." + e.getKey() + " must name the owner "
                            + "property, e.g. \"ownerId\", got " + Json.write(e.getValue()));
                }
                owners.put(e.getKey(), (String) e.getValue());
            }
        }
        return new SecurityConfig(true, ttl, maxTtl, Collections.unmodifiableMap(roles),
                Collections.unmodifiableList(entries), Collections.unmodifiableSet(models),
                Collections.unmodifiableMap(owners));
    }

    private static AclEntry entry(String model, Object json, String where) {
        Map<String, Object> m = object(json, where, "an ACL entry");
        for (String key : m.keySet()) {
            if (!ENTRY_KEYS.contains(key)) {
                throw new IllegalArgumentException(where + ": unknown property \"" + key + "\"; expected "
                        + new TreeSet<>(ENTRY_KEYS));
            }
        }
        if (m.containsKey("model") && !model.equals(m.get("model"))) {
            throw new IllegalArgumentException(where + ": \"model\" " + Json.write(m.get("model"))
                    + " differs from the model it is listed under, \"" + model + "\"");
        }
        AclEntry.PrincipalType type = choice(AclEntry.PrincipalType.class, m.get("principalType"), where,
                "principalType", false);
        Object id = m.get("principalId");
        if (!(id instanceof String) || ((String) id).isEmpty()) {
            throw new IllegalArgumentException(where + ": \"principalId\" must be a role, user name or email, got "
                    + Json.write(id));
        }
        String principal = (String) id;
        if (type == AclEntry.PrincipalType.ROLE && principal.startsWith("$")
                && !Set.of(AclEntry.EVERYONE, AclEntry.AUTHENTICATED, AclEntry.UNAUTHENTICATED, AclEntry.OWNER)
                        .contains(principal)) {
            throw new IllegalArgumentException(where + ": unknown built-in role \"" + principal + "\"; expected "
                    + "$everyone, $authenticated, $unauthenticated or $owner");
        }
        Permission permission = choice(Permission.class, m.get("permission"), where, "permission", false);
        AccessType access = "*".equals(m.get("accessType")) ? null
                : choice(AccessType.class, m.get("accessType"), where, "accessType", true);
        Object property = m.containsKey("property") ? m.get("property") : AclEntry.ALL;
        if (!(property instanceof String) || ((String) property).isEmpty()) {
            throw new IllegalArgumentException(where + ": \"property\" must be a method name or \"*\", got "
                    + Json.write(property));
        }
        return new AclEntry(model, (String) property, access, type, principal, permission);
    }

    private static <E extends Enum<E>> E choice(Class<E> type, Object value, String where, String key,
            boolean optional) {
        if (value == null && optional) {
            return null;
        }
        if (value instanceof String) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(((String) value).toUpperCase(Locale.ROOT))) {
                    return e;
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name());
        }
        throw new IllegalArgumentException(where + ": \"" + key + "\" must be one of " + names
                + (optional ? " or \"*\"" : "") + ", got " + Json.write(value));
    }

    private static long seconds(Object value, long fallback, String source, String key) {
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number) || ((Number) value).doubleValue() < 1
                || ((Number) value).doubleValue() != Math.floor(((Number) value).doubleValue())
                || ((Number) value).doubleValue() > 100L * 365 * 24 * 3600) {
            throw new IllegalArgumentException(source + ": \"" + key + "\" must be a whole number of seconds from 1 "
                    + "to 100 years, got " + Json.write(value));
        }
        return ((Number) value).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object json, String source, String what) {
        if (!(json instanceof Map)) {
            throw new IllegalArgumentException(source + ": " + what + " must be a JSON object, got " + Json.write(json));
        }
        return (Map<String, Object>) json;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object json, String source, String what) {
        if (!(json instanceof List)) {
            throw new IllegalArgumentException(source + ": " + what + " must be a JSON array, got " + Json.write(json));
        }
        return (List<Object>) json;
    }

    /**
     * Checks that every model the file names is served (or is {@code *} or {@value #USER_MODEL}), so that a
     * misspelt model name fails the start instead of leaving that model open.
     *
     * @throws IllegalArgumentException naming the unknown model
     */
    public void checkModels(Collection<String> served) {
        for (String model : owners.keySet()) {
            if (!served.contains(model)) {
                throw new IllegalArgumentException("The ACL file gives model \"" + model + "\" an owner, but the "
                        + "server does not serve it; it serves " + served);
            }
        }
        for (String model : models) {
            if (!model.equals(AclEntry.ALL) && !model.equals(USER_MODEL) && !served.contains(model)) {
                throw new IllegalArgumentException("The ACL file names model \"" + model + "\", which the "
                        + "server does not serve; it serves " + served + " (and \"" + USER_MODEL + "\", \"*\")");
            }
        }
    }

    /**
     * The models as this file scopes them: each one named under {@code "owners"} gets that owner property
     * ({@link ModelDefinition#withOwner(String)}), so its records are kept per user; the others are unchanged.
     *
     * @throws IllegalArgumentException when such a model declares an owner already, or a property of that name
     */
    public List<ModelDefinition> scoped(List<ModelDefinition> served) {
        List<ModelDefinition> out = new ArrayList<>();
        for (ModelDefinition m : served) {
            String owner = owners.get(m.name());
            out.add(owner == null || owner.equals(m.ownerName()) ? m : m.withOwner(owner));
        }
        return Collections.unmodifiableList(out);
    }

    /** Whether an ACL file was given: then a request with an invalid token is refused everywhere. */
    public boolean isConfigured() {
        return configured;
    }

    /** Seconds a token is valid for when the login does not ask for another lifetime. */
    public long tokenTtl() {
        return tokenTtl;
    }

    /** The longest lifetime, in seconds, a login may ask for. */
    public long maxTokenTtl() {
        return maxTokenTtl;
    }

    /** Every ACL entry, in file order. */
    public List<AclEntry> entries() {
        return entries;
    }

    /** The named roles a user holds: those whose members list the user's username or email. */
    public Set<String> rolesOf(User user) {
        Set<String> out = new HashSet<>();
        for (Map.Entry<String, Set<String>> e : roles.entrySet()) {
            for (String member : e.getValue()) {
                if (member.equals(user.username()) || member.equalsIgnoreCase(user.email())) {
                    out.add(e.getKey());
                }
            }
        }
        return out;
    }
}
