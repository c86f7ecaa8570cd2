package dev.isosync.model;

import dev.isosync.json.CanonicalJson;
import dev.isosync.json.Sha1;
import java.util.Map;

/**
 * The revision of a record's visible properties: {@code sha1_hex(canonicalJSON(record))} (PROTOCOL.md 1.2), which
 * every write and every compared change computes. {@link #portable} is the rule written in Java; a platform where
 * that Java runs slowly (the browser, through TeaVM) may put in a native function that gives the same text for every
 * value, checked against this one.
 */
public final class Revisions {
    /** A revision function: the 40 lowercase hex digits of the SHA-1 of the value's canonical JSON. */
    public interface Function {
        /**
         * @param value a JSON value tree as {@link CanonicalJson#write} takes it, not modified
         * @return never null
         */
        String revisionOf(Object value);
    }

    private static Function current = Revisions::portable;

    private Revisions() {
    }

    /**
     * The revision of {@code value} by the function in use.
     *
     * @param value a JSON value tree, usually a record's visible properties
     * @return 40 lowercase hex digits
     */
    public static String of(Object value) {
        return current.revisionOf(value);
    }

    /** The rule in Java: the reference every other function must agree with. */
    public static String portable(Object value) {
        return Sha1.hexOfUtf8(CanonicalJson.write(value));
    }

    /**
     * Puts in the function this platform uses from now on, once at start-up, before any store is opened.
     *
     * @param function gives the same revision as {@link #portable} for every value; not null
     */
    public static void use(Function function) {
        if (function == null) {
            throw new IllegalArgumentException("a revision function is required");
        }
        current = function;
    }
}
