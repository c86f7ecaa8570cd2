package dev.isosync.json;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The JSON structure written once for both forms: {@link Json#write} keeps map order and escapes as
 * {@code JSON.stringify}; {@link CanonicalJson#write} sorts keys and escapes as canonical-json. Numbers are
 * ECMAScript's in both.
 */
final class JsonWriter {
    /** How one form writes a string, quotes included. */
    interface StringStyle {
        void write(StringBuilder out, String s);
    }

    private final boolean sortKeys;
    private final StringStyle strings;

    JsonWriter(boolean sortKeys, StringStyle strings) {
        this.sortKeys = sortKeys;
        this.strings = strings;
    }

    String write(Object value) {
        StringBuilder out = new StringBuilder();
        writeValue(out, value);
        return out.toString();
    }

    private void writeValue(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String) {
            strings.write(out, (String) value);
        } else if (value instanceof Boolean) {
            out.append(((Boolean) value).booleanValue() ? "true" : "false");
        } else if (value instanceof Number) {
            double d = ((Number) value).doubleValue();
            int i = (int) d;
            if (i == d && i != Integer.MIN_VALUE) {
                out.append(i); // the common case (checkpoints, counts, flags as numbers), as ECMAScript writes it
            } else {
                out.append(Json.numbers().write(d));
            }
        } else if (value instanceof Map) {
            writeObject(out, (Map<?, ?>) value);
        } else if (value instanceof List) {
            out.append('[');
            boolean first = true;
            for (Object element : (List<?>) value) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeValue(out, element);
            }
            out.append(']');
        } else {
            throw unsupported(value);
        }
    }

    private void writeObject(StringBuilder out, Map<?, ?> object) {
        if (!sortKeys) {
            writeInOrder(out, object);
            return;
        }
        String[] keys = new String[object.size()];
        int n = 0;
        for (Object key : object.keySet()) {
            keys[n++] = keyOf(key);
        }
        sort(keys);
        out.append('{');
        boolean first = true;
        for (String key : keys) {
            if (!first) {
                out.append(',');
            }
            first = false;
            strings.write(out, key);
            out.append(':');
            // canonical-json skips only undefined and functions, which Java values cannot be: null is written.
            writeValue(out, object.get(key));
        }
        out.append('}');
    }

    /**
     * Sorts in String order, which is UTF-16 code-unit order, as JavaScript's default sort. A record has a handful
     * of keys, where an insertion sort beats a general one (every revision sorts a record's keys).
     */
    private static void sort(String[] keys) {
        if (keys.length > 16) {
            Arrays.sort(keys);
            return;
        }
        for (int i = 1; i < keys.length; i++) {
            String key = keys[i];
            int j = i - 1;
            while (j >= 0 && keys[j].compareTo(key) > 0) {
                keys[j + 1] = keys[j];
                j--;
            }
            keys[j + 1] = key;
        }
    }

    private void writeInOrder(StringBuilder out, Map<?, ?> object) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : object.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            strings.write(out, keyOf(e.getKey()));
            out.append(':');
            writeValue(out, e.getValue());
        }
        out.append('}');
    }

    /**
     * Appends the short escape both forms use for {@code " \\ \b \f \n \r \t}; returns false for any other
     * character, which the form then writes its own way.
     */
    static boolean appendShortEscape(StringBuilder out, char c) {
        switch (c) {
            case '"': out.append("\\\""); return true;
            case '\\': out.append("\\\\"); return true;
            case '\b': out.append("\\b"); return true;
            case '\f': out.append("\\f"); return true;
            case '\n': out.append("\\n"); return true;
            case '\r': out.append("\\r"); return true;
            case '\t': out.append("\\t"); return true;
            default: return false;
        }
    }

    private static String keyOf(Object key) {
        if (key instanceof String) {
            return (String) key;
        }
        throw new IllegalArgumentException("Cannot write a map key of type "
                + (key == null ? "null" : key.getClass().getName()) + " as JSON: keys must be Strings");
    }

    private static IllegalArgumentException unsupported(Object value) {
        return new IllegalArgumentException("Cannot write a " + value.getClass().getName()
                + " as JSON: supported are null, Boolean, Number, String, List and Map with String keys");
    }
}
