package dev.isosync.kv;

import static dev.isosync.contract.TestJson.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isosync.demo.Todo;
import dev.isosync.error.SyncException;
import dev.isosync.replica.LocalReplica;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the key-value store adds to the contract: it survives a reload, a full storage and a dead page. */
class KeyValueStoreTest {
    private final MapKeyValues storage = new MapKeyValues();

    private LocalReplica open() {
        return new LocalReplica(KeyValueStore.open(storage, "app", Collections.singletonList(Todo.DEFINITION),
                "2026-01-01T00:00:00.000Z"), Todo.DEFINITION);
    }

    @Test
    void everythingSurvivesAReload() {
        LocalReplica first = open();
        first.create(obj("{'id':'t1','title':'a'}"));
        first.checkpoint();
        first.patchById("t1", obj("{'title':'b'}"));
        first.create(obj("{'id':'t2','title':'gone'}"));
        first.deleteById("t2");
        LocalReplica again = open();
        assertEquals(first.findById("t1"), again.findById("t1"));
        assertEquals(first.findLastChange("t1"), again.findLastChange("t1"));
        assertEquals(first.findLastChange("t2"), again.findLastChange("t2"));
        assertEquals(first.currentCheckpoint(), again.currentCheckpoint());
        assertEquals(first.sourceId(), again.sourceId());
    }

    @Test
    void twoTabsOnOneStorageSeeEachOthersCommits() {
        LocalReplica tab1 = open();
        LocalReplica tab2 = open();
        tab1.create(obj("{'id':'t1','title':'from tab 1'}"));
        assertEquals("from tab 1", tab2.findById("t1").get("title"));
        tab2.patchById("t1", obj("{'title':'from tab 2'}"));
        long bumped = tab2.checkpoint().seq();
        assertEquals("from tab 2", tab1.findById("t1").get("title"));
        assertEquals(bumped, tab1.currentCheckpoint(), "one checkpoint counter for both tabs");
        assertEquals(bumped + 1, tab1.checkpoint().seq(), "never one value twice");
        tab1.create(obj("{'id':'t2','title':'b'}"));
        assertEquals(tab1.findLastChange("t2"), tab2.findLastChange("t2"));
        assertEquals(2, open().find(dev.isosync.query.Filter.ALL).size());
    }

    @Test
    void aFullStorageRefusesTheWriteAndChangesNothing() {
        LocalReplica todos = open();
        todos.create(obj("{'id':'t1','title':'a'}"));
        storage.full = true;
        SyncException e = assertThrows(SyncException.class, () -> todos.patchById("t1", obj("{'title':'b'}")));
        assertEquals(507, e.statusCode());
        assertEquals("STORAGE_FULL", e.code());
        assertEquals("a", todos.findById("t1").get("title"), "nothing half-written in memory");
        storage.full = false;
        assertEquals("a", open().findById("t1").get("title"), "nothing half-written on disk");
    }

    @Test
    void aCommitCutOffAfterItsJournalIsFinishedOnTheNextOpen() {
        LocalReplica todos = open();
        todos.create(obj("{'id':'t1','title':'a'}"));
        Map<String, String> before = new HashMap<>(storage.map);
        storage.writesUntilCrash = 1; // the journal is written, then the page dies
        todos.patchById("t1", obj("{'title':'b'}"));
        assertEquals(before.get("isosync:app:r:Todo:t1"), storage.map.get("isosync:app:r:Todo:t1"),
                "the record key itself was never written");
        storage.writesUntilCrash = -1;
        storage.dead = false;
        LocalReplica reopened = open();
        assertEquals("b", reopened.findById("t1").get("title"), "the journal completes the commit");
        assertEquals(reopened.model().revisionOf(reopened.store().read(tx -> tx.findById(Todo.DEFINITION, "t1"))),
                reopened.findLastChange("t1").rev(), "record and change row agree");
        assertNull(storage.map.get("isosync:app:journal"));
    }

    @Test
    void aKeyThatCannotBeWrittenAfterTheJournalIsAppliedByTheNextCommit() {
        LocalReplica todos = open();
        todos.create(obj("{'id':'t1','title':'a'}"));
        KeyValues flaky = new KeyValues() {
            int puts;

            @Override
            public String get(String key) {
                return storage.get(key);
            }

            @Override
            public void put(String key, String value) {
                if (++puts == 2) {
                    throw new IllegalStateException("QuotaExceededError"); // the first key after the journal
                }
                storage.put(key, value);
            }

            @Override
            public void remove(String key) {
                storage.remove(key);
            }

            @Override
            public java.util.List<String> keys(String prefix) {
                return storage.keys(prefix);
            }
        };
        LocalReplica viaFlaky = new LocalReplica(KeyValueStore.open(flaky, "app",
                Collections.singletonList(Todo.DEFINITION), "2026-01-01T00:00:00.000Z"), Todo.DEFINITION);
        viaFlaky.patchById("t1", obj("{'title':'b'}"));
        assertEquals("b", viaFlaky.findById("t1").get("title"));
        assertEquals("b", open().findById("t1").get("title"), "the journal carries the commit to disk");
        viaFlaky.create(obj("{'id':'t2','title':'c'}"));
        assertNull(storage.get("isosync:app:journal"));
        assertEquals("b", open().findById("t1").get("title"));
        assertEquals("c", open().findById("t2").get("title"));
    }

    @Test
    void aCommitCutOffBeforeItsJournalLeavesThePreviousState() {
        LocalReplica todos = open();
        todos.create(obj("{'id':'t1','title':'a'}"));
        storage.writesUntilCrash = 0; // the page dies before the journal is written
        todos.patchById("t1", obj("{'title':'b'}"));
        storage.writesUntilCrash = -1;
        storage.dead = false;
        assertEquals("a", open().findById("t1").get("title"));
    }
}
