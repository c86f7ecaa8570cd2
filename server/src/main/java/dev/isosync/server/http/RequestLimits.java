package dev.isosync.server.http;

import dev.isosync.error.SyncException;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * The limits on what one request may carry beyond its body size: items in a replication array, characters in
 * one string of a body or filter, characters in the query string. Every check answers in LoopBack's error envelope with a
 * message naming the limit and the value that broke it. Filter complexity is bounded where filters are parsed
 * ({@code Where.MAX_DEPTH}, {@code Where.MAX_TERMS}), ids by {@code ModelDefinition.MAX_ID_LENGTH}, and JSON
 * nesting by the parser.
 */
public final class RequestLimits {
    /** Items of one diff, create-updates or bulk-update: ten times a stock LoopBack client's 10,000-todo push. */
    public static final int DEFAULT_MAX_ITEMS = 100_000;
    /** Characters of one string in a body (a property value, a key, a revision). */
    public static final int DEFAULT_MAX_STRING_LENGTH = 1024 * 1024;
    /** Characters of a query string (a filter travels there). */
    public static final int DEFAULT_MAX_QUERY_LENGTH = 16 * 1024;

    private final int maxItems;
    private final int maxStringLength;
    private final int maxQueryLength;

    /**
     * @throws IllegalArgumentException when a limit is not positive
     */
    public RequestLimits(int maxItems, int maxStringLength, int maxQueryLength) {
        this.maxItems = positive("maxItems", maxItems);
        this.maxStringLength = positive("maxStringLength", maxStringLength);
        this.maxQueryLength = positive("maxQueryLength", maxQueryLength);
    }

    /** The defaults, which let a stock LoopBack client push 10,000 todos in one request. */
    public static RequestLimits defaults() {
        return new RequestLimits(DEFAULT_MAX_ITEMS, DEFAULT_MAX_STRING_LENGTH, DEFAULT_MAX_QUERY_LENGTH);
    }

    public int maxItems() {
        return maxItems;
    }

    public int maxStringLength() {
        return maxStringLength;
    }

    public int maxQueryLength() {
        return maxQueryLength;
    }

    /**
     * Refuses (413) a query string longer than {@link #maxQueryLength()}, and (422) a query parameter holding
     * U+0000 once decoded, which no endpoint can take and PostgreSQL cannot compare; run before every handler.
     */
    public void checkQuery(Context ctx) {
        String query = ctx.queryString();
        if (query == null) {
            return;
        }
        if (query.length() > maxQueryLength) {
            throw SyncException.tooLarge("Query string of " + query.length() + " characters is over the limit of "
                    + maxQueryLength + " characters (maxQueryLength) for " + ctx.method() + " " + ctx.path());
        }
        if (query.contains("%00") || query.indexOf('\u0000') >= 0) {
            for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
                for (String value : e.getValue()) {
                    if (e.getKey().indexOf('\u0000') >= 0 || value.indexOf('\u0000') >= 0) {
                        throw SyncException.unprocessable("INVALID_STRING", "The query parameter \""
                                + abbreviate(e.getKey().replace('\u0000', '?')) + "\" of " + ctx.method() + " "
                                + ctx.path() + " contains the character U+0000, which strings may not hold");
                    }
                }
            }
        }
    }

    /**
     * Refuses (413) a replication array with more than {@link #maxItems()} items; anything but an array is
     * left for the wire format to refuse with its own message.
     */
    public void checkItems(Context ctx, Object array) {
        if (array instanceof List && ((List<?>) array).size() > maxItems) {
            throw SyncException.tooLarge(ctx.method() + " " + ctx.path() + " has " + ((List<?>) array).size()
                    + " items, over the limit of " + maxItems + " items (maxItems)");
        }
    }

    /**
     * Refuses (422) a body or filter holding a string, key or value, longer than {@link #maxStringLength()} or
     * holding U+0000, which PostgreSQL's text cannot store nor compare (it would fail the query, not miss).
     */
    public void checkStrings(Object json) {
        checkStrings(json, JsonPath.ROOT);
    }

    private void checkStrings(Object json, JsonPath path) {
        if (json instanceof String) {
            checkString((String) json, path, "");
        } else if (json instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) json).entrySet()) {
                String key = String.valueOf(e.getKey());
                checkString(key, path, " (a key)");
                checkStrings(e.getValue(), path.member(key));
            }
        } else if (json instanceof List) {
            List<?> list = (List<?>) json;
            for (int i = 0; i < list.size(); i++) {
                checkStrings(list.get(i), path.item(i));
            }
        }
    }

    private void checkString(String s, JsonPath path, String what) {
        if (s.length() > maxStringLength) {
            throw SyncException.unprocessable("VALUE_TOO_LONG", "The string at " + path + what + " has " + s.length()
                    + " characters, over the limit of " + maxStringLength + " characters (maxStringLength)");
        }
        if (s.indexOf('\u0000') >= 0) {
            throw SyncException.unprocessable("INVALID_STRING", "The string at " + path + what
                    + " contains the character U+0000, which strings may not hold");
        }
    }

    /**
     * Where a value sits in a body ({@code $.where.title}, {@code $.updates[3].data.title}), written out only for a
     * message: a push of 1,000 updates holds some 15,000 values, and writing each one's path as the walk went made
     * the walk take 450 microseconds where it now takes 260.
     */
    private static final class JsonPath {
        static final JsonPath ROOT = new JsonPath(null, null, -1);

        private final JsonPath parent;
        private final String key;
        private final int index;

        private JsonPath(JsonPath parent, String key, int index) {
            this.parent = parent;
            this.key = key;
            this.index = index;
        }

        JsonPath member(String name) {
            return new JsonPath(this, name, -1);
        }

        JsonPath item(int i) {
            return new JsonPath(this, null, i);
        }

        @Override
        public String toString() {
            if (parent == null) {
                return "$";
            }
            return parent + (key != null ? "." + abbreviate(key) : "[" + index + "]");
        }
    }

    /** A key quoted in a message is cut short: the key itself may be what is too long. */
    private static String abbreviate(String key) {
        return key.length() <= 40 ? key : key.substring(0, 40) + "...";
    }

    private static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }
}
