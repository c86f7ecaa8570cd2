package dev.isosync.json;

/**
 * Thrown by {@link Json#parse(String)} when the text is not strict JSON (RFC 8259) or breaks one of the parser's
 * limits (duplicate keys, nesting depth). The message says what was found and where, for example
 * {@code Duplicate key "title" at position 30}; positions are 0-based indexes of UTF-16 code units in the text.
 */
public final class JsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int position;

    /**
     * @param message  what was found and where
     * @param position the 0-based index into the text where the problem was found
     */
    public JsonException(String message, int position) {
        super(message);
        this.position = position;
    }

    /**
     * Returns the 0-based index into the parsed text (in UTF-16 code units) where the problem was found; equal to
     * the text's length when the input ended too early.
     */
    public int position() {
        return position;
    }
}
