package dev.isosync.contract;

import dev.isosync.json.Json;
import java.util.Objects;

/**
 * The few assertions the store checks need, without JUnit (which does not compile under TeaVM). Each throws an
 * {@link AssertionError} whose message shows the expected and the actual value.
 */
final class Expect {
    private Expect() {
    }

    static void equal(Object expected, Object actual, String what) {
        if (!Objects.equals(expected, actual)) {
            throw new AssertionError(what + ": expected " + show(expected) + " but was " + show(actual));
        }
    }

    static void isTrue(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    static void isNull(Object actual, String what) {
        if (actual != null) {
            throw new AssertionError(what + ": expected null but was " + show(actual));
        }
    }

    static void notNull(Object actual, String what) {
        if (actual == null) {
            throw new AssertionError(what + ": expected a value but was null");
        }
    }

    /** Runs {@code action}, which must throw a {@code type}; returns what it threw. */
    static <T extends Throwable> T fails(Class<T> type, Runnable action, String what) {
        try {
            action.run();
        } catch (Throwable t) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            throw new AssertionError(what + ": expected " + type.getName() + " but got " + t, t);
        }
        throw new AssertionError(what + ": expected " + type.getName() + " but nothing was thrown");
    }

    private static String show(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof java.util.Map || value instanceof java.util.List) {
            try {
                return Json.write(value);
            } catch (RuntimeException e) {
                return String.valueOf(value);
            }
        }
        return String.valueOf(value);
    }
}
