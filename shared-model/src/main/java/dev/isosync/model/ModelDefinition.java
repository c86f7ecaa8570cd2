package dev.isosync.model;

import dev.isosync.error.ValidationError;
import dev.isosync.error.ValidationException;
import dev.isosync.json.Json;
import dev.isosync.json.Sha1;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A model: its name, its plural (the REST path), a string id, and its declared properties. Nothing below
 * this layer knows about any particular model; applications declare theirs with {@link #builder(String)}.
 *
 * <p>Records are {@code Map<String, Object>} holding every declared property in declaration order, the id
 * first, {@code null} when unset (LoopBack's {@code persistUndefinedAsNull}, PROTOCOL.md 9.2). Models are
 * strict: unknown properties and values of the wrong type are refused, never coerced.
 */
public final class ModelDefinition {
    /** Longest id accepted (PROTOCOL.md 9.2.5). */
    public static final int MAX_ID_LENGTH = 255;

    private final String name;
    private final String plural;
    private final String idName;
    private final Map<String, Property> properties;
    private final String ownerName;
    /** Whether some property is hidden, so that what clients see is less than the record. */
    private final boolean hasHidden;

    private ModelDefinition(String name, String plural, String idName, Map<String, Property> properties,
            String ownerName) {
        this.name = name;
        this.plural = plural;
        this.idName = idName;
        this.properties = Collections.unmodifiableMap(properties);
        this.ownerName = ownerName;
        boolean hidden = false;
        for (Property p : properties.values()) {
            hidden |= p.isHidden();
        }
        this.hasHidden = hidden;
    }

    /** Starts a definition; the id property {@code id} (a string, generated as a UUID when absent) is implied. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public String plural() {
        return plural;
    }

    /** The id property's name, {@code "id"}. */
    public String idName() {
        return idName;
    }

    /**
     * The owner property's name, or {@code null} when the model has none. A server sets it from the caller's
     * access token and scopes every read and write to the caller's records (PROTOCOL.md 9.7); it is hidden:
     * stored, never hashed or returned.
     */
    public String ownerName() {
        return ownerName;
    }

    /**
     * This model with an owner property added (see {@link Builder#owner(String)}): how a server scopes a model that
     * its clients declare without one, since the owner is the server's business and never reaches them.
     *
     * @throws IllegalArgumentException when the model already has an owner or a property of that name
     */
    public ModelDefinition withOwner(String propertyName) {
        if (ownerName != null) {
            throw new IllegalArgumentException("model '" + name + "' already has the owner '" + ownerName + "'");
        }
        Builder builder = new Builder(name).plural(plural);
        for (Property p : properties.values()) {
            if (!p.name().equals(idName)) {
                builder.property(p);
            }
        }
        return builder.owner(propertyName).build();
    }

    /** Every declared property in declaration order, the id first. */
    public Collection<Property> properties() {
        return properties.values();
    }

    /** The declared property of that name, or {@code null}. */
    public Property property(String propertyName) {
        return properties.get(propertyName);
    }

    /** A new random id, as LoopBack's {@code defaultFn: uuid}. */
    public String generateId() {
        return UUID.randomUUID().toString();
    }

    /**
     * The record a create stores: declared properties from {@code data}, defaults for those it leaves out,
     * {@code null} for the rest, and a generated id when it has none.
     *
     * @throws ValidationException naming every invalid property; never returns an invalid record
     */
    public Map<String, Object> newRecord(Map<String, Object> data) {
        Map<String, Object> source = new LinkedHashMap<>(data);
        if (source.get(idName) == null) {
            source.put(idName, generateId());
        }
        return buildValid(source, null);
    }

    /**
     * The record a full replace stores: like {@link #newRecord(Map)}, except that hidden properties keep
     * their stored values unless {@code data} names them (bulk-update replaces what clients see,
     * PROTOCOL.md 9.5.2).
     */
    public Map<String, Object> replacement(Map<String, Object> stored, Map<String, Object> data) {
        Map<String, Object> source = data; // only read: copied only to add what it leaves out
        if (stored != null && hasHidden) {
            source = new LinkedHashMap<>(data);
            for (Property p : properties.values()) {
                if (p.isHidden() && !source.containsKey(p.name())) {
                    source.put(p.name(), stored.get(p.name()));
                }
            }
        }
        return buildValid(source, idOf(stored));
    }

    /** The record a patch stores: the stored record with the properties {@code data} names replaced. */
    public Map<String, Object> patched(Map<String, Object> stored, Map<String, Object> data) {
        Map<String, Object> source = new LinkedHashMap<>(stored);
        source.putAll(data);
        return buildValid(source, idOf(stored));
    }

    /** The record without its hidden properties: what clients see and what {@code rev} hashes. */
    public Map<String, Object> visible(Map<String, Object> record) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Property p : properties.values()) {
            if (!p.isHidden()) {
                out.put(p.name(), record.get(p.name()));
            }
        }
        return out;
    }

    /** {@code rev} of a stored record: SHA-1 of the canonical JSON of its visible properties (PROTOCOL.md 1.2). */
    public String revisionOf(Map<String, Object> record) {
        return Revisions.of(isVisibleAsIs(record) ? record : visible(record));
    }

    /**
     * Whether a record is already what {@link #visible} would make of it, but for the order of its keys, which
     * revisions do not see: no property is hidden, and it holds every property and nothing else, as every record this
     * class builds does. Hashing it as it is saves a copy per record written.
     */
    private boolean isVisibleAsIs(Map<String, Object> record) {
        if (hasHidden || record.size() != properties.size()) {
            return false;
        }
        for (String p : properties.keySet()) {
            if (!record.containsKey(p)) {
                return false;
            }
        }
        return true;
    }

    /** The change id LoopBack derives: {@code sha1(modelName + "-" + modelId)} (PROTOCOL.md 1.1). */
    public String changeIdFor(String modelId) {
        return Sha1.hexOfUtf8(name + "-" + modelId);
    }

    /**
     * The problems of {@code data} as property values of this model, without building a record: unknown
     * properties, wrong types, unstorable strings, a bad id. Required properties are checked on records.
     */
    public List<ValidationError> checkValues(Map<String, Object> data) {
        List<ValidationError> errors = new ArrayList<>();
        for (Map.Entry<String, Object> e : data.entrySet()) {
            Property p = properties.get(e.getKey());
            Object value = e.getValue();
            if (p == null) {
                errors.add(new ValidationError(e.getKey(), "unknown-property",
                        "is not defined in the model `" + name + "`", value, true));
            } else if (value != null) {
                checkValue(p, value, errors);
            }
        }
        return errors;
    }

    /** Checks an id: a string of 1 to 255 characters without control characters (PROTOCOL.md 9.2.5). */
    public static String idProblem(Object id) {
        if (!(id instanceof String)) {
            return "must be a string";
        }
        String s = (String) id;
        if (s.isEmpty() || s.length() > MAX_ID_LENGTH) {
            return "must have 1 to " + MAX_ID_LENGTH + " characters";
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "must not contain control characters";
            }
            if (Character.isSurrogate(c) && !isPairedSurrogate(s, i)) {
                return "must not contain a lone surrogate";
            }
        }
        return null;
    }

    private void checkValue(Property p, Object value, List<ValidationError> errors) {
        if (p.name().equals(idName)) {
            String problem = idProblem(value);
            if (problem != null) {
                errors.add(new ValidationError(p.name(), "format", problem, value, true));
            }
            return;
        }
        if (!p.type().accepts(value)) {
            String expected = p.type() == PropertyType.DATE
                    ? "must be a date like \"2020-01-02T03:04:05.006Z\"" : "must be a " + p.type().label();
            errors.add(new ValidationError(p.name(), "type", expected, value, true));
            return;
        }
        String problem = unstorable(value);
        if (problem != null) {
            errors.add(new ValidationError(p.name(), "format", problem, value, true));
        }
    }

    private Map<String, Object> buildValid(Map<String, Object> source, String expectedId) {
        List<ValidationError> errors = checkValues(source);
        Map<String, Object> record = new LinkedHashMap<>();
        for (Property p : properties.values()) {
            Object value;
            if (source.containsKey(p.name())) {
                value = source.get(p.name());
            } else {
                value = p.defaultValue();
            }
            if (value == null && p.isRequired()) {
                errors.add(new ValidationError(p.name(), "presence", "can't be blank", null,
                        source.containsKey(p.name())));
            }
            record.put(p.name(), value);
        }
        Object id = record.get(idName);
        if (id == null) {
            errors.add(new ValidationError(idName, "presence", "can't be blank", null, false));
        } else if (expectedId != null && !expectedId.equals(id)) {
            errors.add(new ValidationError(idName, "immutable", "cannot change from " + Json.write(expectedId),
                    id, true));
        }
        if (!errors.isEmpty()) {
            throw ValidationException.of(name, id instanceof String ? (String) id : expectedId, errors);
        }
        return record;
    }

    private static String idOf(Map<String, Object> stored) {
        return stored == null ? null : (String) stored.get("id");
    }

    /** Strings a supported database cannot hold are refused rather than stored altered (PROTOCOL.md 9.2.4). */
    @SuppressWarnings("unchecked")
    private static String unstorable(Object value) {
        if (value instanceof String) {
            String s = (String) value;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == 0) {
                    return "must not contain the character U+0000";
                }
                if (Character.isSurrogate(c) && !isPairedSurrogate(s, i)) {
                    return "must not contain a lone surrogate";
                }
            }
        } else if (value instanceof Map) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) value).entrySet()) {
                String problem = unstorable(e.getKey());
                if (problem == null && e.getValue() != null) {
                    problem = unstorable(e.getValue());
                }
                if (problem != null) {
                    return problem;
                }
            }
        } else if (value instanceof List) {
            for (Object item : (List<Object>) value) {
                String problem = item == null ? null : unstorable(item);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    private static boolean isPairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** Declares a model. */
    public static final class Builder {
        private final String name;
        private String plural;
        private final Map<String, Property> properties = new LinkedHashMap<>();
        private String ownerName;

        private Builder(String name) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("a model needs a name");
            }
            this.name = name;
            this.plural = name + "s";
            properties.put("id", Property.of("id", PropertyType.STRING));
        }

        /** The plural used in REST paths; defaults to the name plus "s". */
        public Builder plural(String value) {
            this.plural = value;
            return this;
        }

        /** Adds a property; declaration order is the order of records. */
        public Builder property(Property property) {
            if (properties.containsKey(property.name())) {
                throw new IllegalArgumentException("model '" + name + "' declares '" + property.name() + "' twice");
            }
            properties.put(property.name(), property);
            return this;
        }

        /**
         * Declares the owner property: a hidden string property holding the id of the user who owns each record,
         * set by the server from the caller's access token (PROTOCOL.md 9.7). At most one per model.
         */
        public Builder owner(String propertyName) {
            if (ownerName != null) {
                throw new IllegalArgumentException("model '" + name + "' declares an owner twice");
            }
            property(Property.of(propertyName, PropertyType.STRING).hidden());
            ownerName = propertyName;
            return this;
        }

        public ModelDefinition build() {
            return new ModelDefinition(name, plural, "id", new LinkedHashMap<>(properties), ownerName);
        }
    }
}
