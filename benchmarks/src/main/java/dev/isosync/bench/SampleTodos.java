package dev.isosync.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The todos every workload writes: ids in order, short titles, some completed, creation times a second apart. */
final class SampleTodos {
    private SampleTodos() {
    }

    static String id(int i) {
        return String.format(Locale.ROOT, "todo-%06d", i);
    }

    static Map<String, Object> todo(int i, String title) {
        Map<String, Object> todo = new LinkedHashMap<>();
        todo.put("id", id(i));
        todo.put("title", title);
        todo.put("completed", i % 4 == 0);
        todo.put("created", 1_767_225_600_000.0 + i * 1000.0);
        return todo;
    }
}
