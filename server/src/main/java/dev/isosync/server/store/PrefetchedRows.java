package dev.isosync.server.store;

import dev.isosync.change.Change;
import dev.isosync.model.Property;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records and change rows a write transaction read ahead ({@link dev.isosync.store.StoreTransaction#prefetch}),
 * absent ones included, so that reading them one by one asks the database nothing. What was read stays true to the
 * end of the transaction, because no other transaction can write those rows meanwhile: a write transaction holds
 * the change rows' locks, and a batch, where prefetching is used, the checkpoint lock that every write of a change
 * row waits for. A row the transaction writes is forgotten, so reading it again asks the database, which then
 * answers with the write.
 */
final class PrefetchedRows {
    /** A row that was looked for and does not exist. */
    private static final Object ABSENT = new Object();

    private final Map<String, Map<String, Object>> records = new HashMap<>();
    private final Map<String, Map<String, Object>> changes = new HashMap<>();

    private static Map<String, Object> of(Map<String, Map<String, Object>> byTable, ModelTable t) {
        return byTable.computeIfAbsent(t.table, k -> new HashMap<>());
    }

    private static boolean knows(Map<String, Map<String, Object>> byTable, ModelTable t, String id) {
        Map<String, Object> known = byTable.get(t.table);
        return known != null && known.containsKey(id);
    }

    private static void forget(Map<String, Map<String, Object>> byTable, ModelTable t, String id) {
        Map<String, Object> known = byTable.get(t.table);
        if (known != null) {
            known.remove(id);
        }
    }

    // ---- records --------------------------------------------------------------------------------------

    /** Whether the record of {@code id} is known (present or absent). */
    boolean knowsRecord(ModelTable t, String id) {
        return knows(records, t, id);
    }

    /** Whether the record of {@code id} is known to exist. */
    boolean hasRecord(ModelTable t, String id) {
        Map<String, Object> known = records.get(t.table);
        Object value = known == null ? null : known.get(id);
        return value != null && value != ABSENT;
    }

    /** The known record, a copy the caller may change, or {@code null} when it is known to be absent. */
    @SuppressWarnings("unchecked")
    Map<String, Object> record(ModelTable t, String id) {
        Object value = of(records, t).get(id);
        if (value == ABSENT) {
            return null;
        }
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) value);
        for (Property p : t.jsonProperties) {
            copy.put(p.name(), deepCopy(copy.get(p.name()))); // only JSON properties hold maps and lists
        }
        return copy;
    }

    /** Remembers what a read found for {@code id}: the record, or {@code null} when there is none. */
    void recordRead(ModelTable t, String id, Map<String, Object> record) {
        of(records, t).put(id, record == null ? ABSENT : record);
    }

    /** Forgets the record of {@code id}, which the transaction is writing. */
    void forgetRecord(ModelTable t, String id) {
        forget(records, t, id);
    }

    // ---- change rows ----------------------------------------------------------------------------------

    /** Whether the change row of {@code id} is known (present or absent). */
    boolean knowsChange(ModelTable t, String id) {
        return knows(changes, t, id);
    }

    /** The known change row, or {@code null} when it is known to be absent. Changes are immutable. */
    Change change(ModelTable t, String id) {
        Object value = of(changes, t).get(id);
        return value == ABSENT ? null : (Change) value;
    }

    /** Remembers what a read found for {@code id}: the change row, or {@code null} when there is none. */
    void changeRead(ModelTable t, String id, Change change) {
        of(changes, t).put(id, change == null ? ABSENT : change);
    }

    /** Forgets the change row of {@code id}, which the transaction is writing. */
    void forgetChange(ModelTable t, String id) {
        forget(changes, t, id);
    }

    /** Maps and lists copied all the way down; other values are immutable. */
    @SuppressWarnings("unchecked")
    private static Object deepCopy(Object value) {
        if (value instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) value).entrySet()) {
                out.put(e.getKey(), deepCopy(e.getValue()));
            }
            return out;
        }
        if (value instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object o : (List<Object>) value) {
                out.add(deepCopy(o));
            }
            return out;
        }
        return value;
    }
}
