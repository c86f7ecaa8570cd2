package dev.isosync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.demo.Todo;
import dev.isosync.error.SyncException;
import dev.isosync.memory.MemoryStore;
import dev.isosync.query.Filter;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replication.ReplicationResult;
import dev.isosync.replication.Replicator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What an observed store tells its listeners: each committed write's records, as left; nothing else. */
class ObservedStoreTest {
    private final List<Map<String, Map<String, Object>>> told = new ArrayList<>();
    private ObservedStore store;
    private LocalReplica todos;

    @BeforeEach
    void setUp() {
        store = new ObservedStore(new MemoryStore());
        store.listen((model, records) -> {
            assertEquals(Todo.DEFINITION.name(), model.name());
            told.add(new LinkedHashMap<>(records));
        });
        todos = new LocalReplica(store, Todo.DEFINITION);
    }

    private static Map<String, Object> todo(String id, String title) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", id);
        t.put("title", title);
        t.put("completed", false);
        return t;
    }

    @Test
    void eachWriteTellsTheRecordAsStoredAndADeleteTellsNull() {
        todos.create(todo("t1", "buy milk"));
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("completed", true);
        todos.patchById("t1", patch);
        todos.deleteById("t1");

        assertEquals(3, told.size());
        assertEquals("buy milk", told.get(0).get("t1").get("title"));
        assertEquals(false, told.get(0).get("t1").get("completed"));
        assertEquals(true, told.get(1).get("t1").get("completed"));
        assertEquals("buy milk", told.get(1).get("t1").get("title"));
        assertTrue(told.get(2).containsKey("t1"));
        assertNull(told.get(2).get("t1"));
    }

    @Test
    void aPulledBatchTellsEveryRecordItAppliedOnce() {
        LocalReplica server = new LocalReplica(new MemoryStore(), Todo.DEFINITION);
        for (int i = 0; i < 25; i++) {
            server.create(todo("s" + i, "server todo " + i));
        }
        ReplicationResult pull = new Replicator(todos, server, "server", 10, Filter.ALL).pull();

        assertEquals(25, pull.applied());
        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
        for (Map<String, Map<String, Object>> batch : told) {
            assertTrue(batch.size() <= 10, "one batch of at most a page: " + batch.keySet());
            all.putAll(batch);
        }
        assertEquals(25, all.size());
        assertEquals("server todo 7", all.get("s7").get("title"));
    }

    @Test
    void aRefusedWriteAndAReadTellNothing() {
        todos.create(todo("t1", "first"));
        told.clear();

        assertThrows(SyncException.class, () -> todos.create(todo("t1", "taken id")));
        assertThrows(SyncException.class, () -> todos.patchById("missing", todo("missing", "x")));
        assertEquals(1, todos.find(Filter.ALL).size());
        assertEquals("first", todos.findById("t1").get("title"));

        assertEquals(0, told.size());
    }

    @Test
    void aWriteThatFailsAfterWritingTellsNothing() {
        assertThrows(IllegalStateException.class, () -> store.write(tx -> {
            tx.insert(Todo.DEFINITION, todo("t9", "rolled back"));
            throw new IllegalStateException("fails after its insert");
        }));

        assertEquals(0, told.size());
        assertNull(todos.findById("t9"));
    }
}
