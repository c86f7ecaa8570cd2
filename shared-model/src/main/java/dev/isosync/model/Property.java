package dev.isosync.model;

/**
 * One declared property of a model: its name, type, default, and whether it is required or hidden.
 * Immutable; build with {@link #of(String, PropertyType)} and the {@code with…} methods.
 */
public final class Property {
    private final String name;
    private final PropertyType type;
    private final boolean required;
    private final boolean hidden;
    private final Object defaultValue;

    private Property(String name, PropertyType type, boolean required, boolean hidden, Object defaultValue) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a property needs a name");
        }
        if (type == null) {
            throw new IllegalArgumentException("property '" + name + "' needs a type");
        }
        if (defaultValue != null && !type.accepts(defaultValue)) {
            throw new IllegalArgumentException("default of property '" + name + "' is not a " + type.label());
        }
        this.name = name;
        this.type = type;
        this.required = required;
        this.hidden = hidden;
        this.defaultValue = defaultValue;
    }

    /** An optional, visible property with no default (unset means {@code null}). */
    public static Property of(String name, PropertyType type) {
        return new Property(name, type, false, false, null);
    }

    /** The same property, required: {@code null} or absent is a validation error ("can't be blank"). */
    public Property required() {
        return new Property(name, type, true, hidden, defaultValue);
    }

    /** The same property, hidden: stored, but neither hashed into {@code rev} nor returned to clients. */
    public Property hidden() {
        return new Property(name, type, required, true, defaultValue);
    }

    /** The same property with a default applied when a new record leaves it out. */
    public Property withDefault(Object value) {
        return new Property(name, type, required, hidden, value);
    }

    public String name() {
        return name;
    }

    public PropertyType type() {
        return type;
    }

    public boolean isRequired() {
        return required;
    }

    public boolean isHidden() {
        return hidden;
    }

    /** The default value, or {@code null} when there is none. */
    public Object defaultValue() {
        return defaultValue;
    }
}
