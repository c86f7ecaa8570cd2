package dev.isosync.adminui.view;

import dev.isosync.json.Json;
import java.util.List;
import java.util.Map;
import org.teavm.jso.JSBody;

/**
 * How the console writes values: JSON numbers without a trailing {@code .0}, the API's UTC timestamps as
 * {@code 2030-01-01 10:00:30}, durations in the largest fitting units. Plain string work, without
 * {@code java.time}, {@code String.format} or regular expressions, which would bloat the bundle.
 */
final class Format {
    private Format() {
    }

    /** A JSON number as JavaScript writes it ({@code 3}, {@code 0.5}); "–" for null. */
    static String number(Object n) {
        return n instanceof Number ? Json.write(n) : "–";
    }

    /** A number as a long; {@code fallback} for null. */
    static long whole(Object n, long fallback) {
        return n instanceof Number ? (long) ((Number) n).doubleValue() : fallback;
    }

    /** A record's value as the admin reads it: a string as it is, anything else as JSON. */
    static String value(Object v) {
        return v instanceof String ? (String) v : Json.write(v);
    }

    /** An API timestamp ({@code 2030-01-01T10:00:30.000Z}) as {@code 2030-01-01 10:00:30}; "never" for null. */
    static String time(Object iso) {
        if (!(iso instanceof String)) {
            return "never";
        }
        String s = (String) iso;
        return s.length() >= 19 && s.charAt(10) == 'T' ? s.substring(0, 10) + " " + s.substring(11, 19) : s;
    }

    /** Only the clock of an API timestamp: {@code 10:00:30}. */
    static String clock(Object iso) {
        String t = time(iso);
        return t.length() == 19 ? t.substring(11) : t;
    }

    /** Milliseconds from {@code from} to {@code to}, both API timestamps; 0 when either is missing. */
    static double between(Object from, Object to) {
        if (!(from instanceof String) || !(to instanceof String)) {
            return 0;
        }
        return parseMillis((String) to) - parseMillis((String) from);
    }

    /** Seconds as the largest two units that fit: {@code 45 s}, {@code 12 min}, {@code 3 h 5 min}, {@code 2 d 4 h}. */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return hours + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
        }
        return hours / 24 + " d" + (hours % 24 == 0 ? "" : " " + hours % 24 + " h");
    }

    /** A revision cut to its first ten characters, enough to tell revisions apart at a glance. */
    static String rev(Object rev) {
        if (!(rev instanceof String)) {
            return "–";
        }
        String s = (String) rev;
        return s.length() > 10 ? s.substring(0, 10) + "…" : s;
    }

    /** {@code n thing} or {@code n things}. */
    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    /** The current time as an API timestamp, for events the console sees itself. */
    @JSBody(script = "return new Date().toISOString();")
    static native String nowIso();

    @JSBody(params = "iso", script = "var t = Date.parse(iso); return isNaN(t) ? 0 : t;")
    private static native double parseMillis(String iso);
}
