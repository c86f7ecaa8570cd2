package dev.isosync.contract;

import dev.isosync.json.Json;
import java.util.List;
import java.util.Map;

/** JSON literals for tests, written with single quotes so they read without escapes. */
public final class TestJson {
    private TestJson() {
    }

    /** Parses a JSON object written with {@code '} for {@code "}, e.g. {@code obj("{'id':'t1'}")}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> obj(String singleQuoted) {
        return (Map<String, Object>) Json.parse(singleQuoted.replace('\'', '"'));
    }

    /** Parses a JSON array written with {@code '} for {@code "}. */
    @SuppressWarnings("unchecked")
    public static List<Object> arr(String singleQuoted) {
        return (List<Object>) Json.parse(singleQuoted.replace('\'', '"'));
    }
}
