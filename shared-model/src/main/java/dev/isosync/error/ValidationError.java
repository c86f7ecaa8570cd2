package dev.isosync.error;

/**
 * One reason a record is invalid: the property, LoopBack's code ({@code presence}, {@code type},
 * {@code unknown-property}, {@code format}, {@code length}), a message, and the offending value.
 */
public final class ValidationError {
    private final String property;
    private final String code;
    private final String message;
    private final Object value;
    private final boolean valuePresent;

    public ValidationError(String property, String code, String message, Object value, boolean valuePresent) {
        this.property = property;
        this.code = code;
        this.message = message;
        this.value = value;
        this.valuePresent = valuePresent;
    }

    public String property() {
        return property;
    }

    public String code() {
        return code;
    }

    public String message() {
        return message;
    }

    /** The offending value, or {@code null}; see {@link #valuePresent()}. */
    public Object value() {
        return value;
    }

    /** False when the property was absent (LoopBack prints {@code undefined}). */
    public boolean valuePresent() {
        return valuePresent;
    }
}
