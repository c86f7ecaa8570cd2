package dev.isosync.demo;

import java.util.LinkedHashMap;
import java.util.Map;

/** Converts {@link Todo} to and from records, by hand: TeaVM has no reflection. */
public final class TodoCodec {
    private TodoCodec() {
    }

    /** The record of a todo: every property present, the id left out while it is {@code null}. */
    public static Map<String, Object> toRecord(Todo todo) {
        Map<String, Object> r = new LinkedHashMap<>();
        if (todo.getId() != null) {
            r.put("id", todo.getId());
        }
        r.put("title", todo.getTitle());
        r.put("completed", todo.isCompleted());
        r.put("created", todo.getCreated());
        return r;
    }

    /** The todo of a stored record (as {@link Todo#DEFINITION} validated it). */
    public static Todo fromRecord(Map<String, Object> record) {
        Object created = record.get("created");
        return new Todo((String) record.get("id"), (String) record.get("title"),
                Boolean.TRUE.equals(record.get("completed")),
                created == null ? null : ((Number) created).doubleValue());
    }
}
