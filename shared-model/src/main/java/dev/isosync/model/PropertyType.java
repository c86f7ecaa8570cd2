package dev.isosync.model;

/** The JSON types a declared property can hold. Values are never coerced from one type to another. */
public enum PropertyType {
    STRING("string"),
    NUMBER("number"),
    BOOLEAN("boolean"),
    /** An ISO-8601 UTC timestamp with milliseconds, stored as a string as LoopBack's Date serialises. */
    DATE("date"),
    OBJECT("object"),
    ARRAY("array"),
    ANY("any");

    private final String label;

    PropertyType(String label) {
        this.label = label;
    }

    /** The name used in error messages and model files, e.g. {@code "boolean"}. */
    public String label() {
        return label;
    }

    /** Whether {@code value} (a parsed JSON value, never null) has this type. */
    public boolean accepts(Object value) {
        switch (this) {
            case STRING:
                return value instanceof String;
            case NUMBER:
                return value instanceof Number && Double.isFinite(((Number) value).doubleValue());
            case BOOLEAN:
                return value instanceof Boolean;
            case DATE:
                return value instanceof String && IsoDates.isIsoInstant((String) value);
            case OBJECT:
                return value instanceof java.util.Map;
            case ARRAY:
                return value instanceof java.util.List;
            default:
                return true;
        }
    }
}
