package dev.isosync.contract;

import static dev.isosync.contract.TestJson.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.change.Change;
import dev.isosync.change.ChangeType;
import dev.isosync.change.Checkpoint;
import dev.isosync.demo.Todo;
import dev.isosync.error.SyncException;
import dev.isosync.query.Filter;
import dev.isosync.replica.ChangesPage;
import dev.isosync.replica.DiffResult;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replica.Replica;
import dev.isosync.replica.Update;
import dev.isosync.store.ChangeCursor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The replication operations as every {@link Replica} must answer them, whether it is a local replica over
 * a store or a remote one over HTTP: each case prepares data directly in the replica's store through
 * {@link #backing} and checks what {@link #replica} answers.
 */
public abstract class ReplicaContract {
    private static final String REV_T1 = "cfa1f9be556e475d7a488fe62162d165876a983d";

    /** The replica under test. */
    protected Replica replica;
    /** Direct access to the store behind {@link #replica}, for preparing and inspecting data. */
    protected LocalReplica backing;

    /** Sets {@link #replica} and {@link #backing} to a fresh, empty Todo replica. */
    protected abstract void open();

    /** Releases what {@link #open()} made. */
    protected void close() {
    }

    @BeforeEach
    void openReplica() {
        open();
    }

    @AfterEach
    void closeReplica() {
        close();
    }

    private void todo(String id, String title) {
        backing.upsert(obj("{'id':'" + id + "','title':'" + title + "'}"));
    }

    private long bump() {
        return backing.checkpoint().seq();
    }

    private static Change change(String id, String rev, String prev, long checkpoint) {
        Change c = Change.of("LocalTodo", id, rev, checkpoint);
        return prev == null ? c : c.withPrev(prev);
    }

    private static Set<String> ids(List<Change> changes) {
        Set<String> out = new HashSet<>();
        for (Change c : changes) {
            out.add(c.modelId());
        }
        return out;
    }

    @Test
    void checkpointBumpsAndIsRead() {
        long current = replica.currentCheckpoint();
        Checkpoint next = replica.checkpoint();
        assertEquals(current + 1, next.seq());
        assertEquals(next.seq(), replica.currentCheckpoint());
        assertNotNull(next.sourceId());
        assertEquals(next.sourceId(), replica.checkpoint().sourceId());
        assertNotNull(next.time());
    }

    @Test
    void recordsAreReadWrittenAndDeleted() {
        Map<String, Object> stored = replica.upsert(obj("{'id':'t1','title':'a'}"));
        assertEquals(obj("{'id':'t1','title':'a','completed':false,'created':null}"), stored);
        assertEquals(stored, replica.findById("t1"));
        assertEquals("b", replica.upsert(obj("{'id':'t1','title':'b'}")).get("title"));
        assertNull(replica.findById("nope"));
        assertTrue(replica.deleteById("t1"));
        assertFalse(replica.deleteById("t1"));
        assertNull(backing.findById("t1"));
    }

    @Test
    void invalidDataIsRefusedWith422() {
        SyncException e = assertThrows(SyncException.class,
                () -> replica.upsert(obj("{'id':'t1','title':'a','completed':'yes'}")));
        assertEquals(422, e.statusCode());
        assertTrue(e.getMessage().contains("completed"), e.getMessage());
        assertNull(backing.findById("t1"));
    }

    @Test
    void changesAreInclusiveSealedAndKeepTombstones() {
        todo("t1", "a");
        todo("t2", "b");
        assertTrue(replica.changes(-1, Filter.ALL).isEmpty(), "the open checkpoint is not sealed yet");
        long cp = bump();
        backing.deleteById("t2");
        todo("t3", "c");
        bump();
        assertEquals(new HashSet<>(Arrays.asList("t1", "t2", "t3")), ids(replica.changes(-1, Filter.ALL)));
        assertEquals(new HashSet<>(Arrays.asList("t2", "t3")), ids(replica.changes(cp, Filter.ALL)));
        assertTrue(replica.changes(cp + 100, Filter.ALL).isEmpty());
        Filter onlyA = Filter.parse(Todo.DEFINITION, obj("{'where':{'title':'a'}}"));
        assertEquals(new HashSet<>(Arrays.asList("t1", "t2")), ids(replica.changes(-1, onlyA)),
                "a filter restricts existing records; tombstones always pass");
        Change t2 = replica.changes(-1, Filter.ALL).stream().filter(c -> c.modelId().equals("t2")).findFirst().get();
        assertEquals(ChangeType.DELETE, t2.type());
        assertEquals(REV_T1.length(), t2.prev().length());
    }

    @Test
    void changePagesCoverEveryRowOnce() {
        for (int i = 0; i < 23; i++) {
            todo(String.format("p%02d", i), "x" + i);
            if (i % 5 == 0) {
                bump();
            }
        }
        bump();
        List<String> seen = new ArrayList<>();
        ChangeCursor cursor = null;
        int pages = 0;
        do {
            ChangesPage page = replica.changesPage(-1, Filter.ALL, cursor, 4, false);
            for (Change c : page.changes()) {
                seen.add(c.modelId());
            }
            cursor = page.next();
            pages++;
        } while (cursor != null && pages < 100);
        assertEquals(23, seen.size());
        assertEquals(23, new HashSet<>(seen).size());
    }

    @Test
    void diffFindsDeltasConflictsAndRebases() {
        todo("t1", "a");
        bump();
        assertEquals(REV_T1, backing.findLastChange("t1").rev());
        DiffResult based = replica.diff(null, Arrays.asList(change("t1", "r2", REV_T1, 7), change("t9", "r9", null, 7)));
        assertEquals(Arrays.asList("t1", "t9"), Arrays.asList(based.deltas().get(0).modelId(),
                based.deltas().get(1).modelId()));
        assertTrue(based.deltas().get(1).hasPrev(), "a new id is rebased onto nothing: prev is null, not absent");
        assertNull(based.deltas().get(1).prev());
        assertTrue(based.conflicts().isEmpty());

        DiffResult conflicting = replica.diff(null, Collections.singletonList(change("t1", "r2", "other", 7)));
        assertTrue(conflicting.deltas().isEmpty());
        assertEquals(REV_T1, conflicting.conflicts().get(0).rev(), "the target's own change is reported");

        assertTrue(replica.diff(null, Collections.singletonList(change("t1", REV_T1, null, 7))).deltas().isEmpty(),
                "the same revision is nothing to do");

        long later = bump() + 1;
        DiffResult rebased = replica.diff(later, Collections.singletonList(change("t1", "r2", "other", 7)));
        assertEquals(REV_T1, rebased.deltas().get(0).prev(), "a target change the source has seen is rebased onto");
        assertTrue(replica.diff(null, Collections.emptyList()).deltas().isEmpty());
    }

    @Test
    void createUpdatesShipsDataAndDeletesFirst() {
        todo("t1", "a");
        todo("t2", "b");
        bump();
        backing.deleteById("t2");
        bump();
        List<Change> changes = new ArrayList<>(replica.changes(-1, Filter.ALL));
        changes.sort((x, y) -> x.modelId().compareTo(y.modelId()));
        List<Update> updates = replica.createUpdates(changes);
        assertEquals(ChangeType.DELETE, updates.get(0).type());
        assertEquals("t2", updates.get(0).change().modelId());
        assertNull(updates.get(0).data());
        assertEquals(obj("{'id':'t1','title':'a','completed':false,'created':null}"), updates.get(1).data());
        SyncException missing = assertThrows(SyncException.class,
                () -> replica.createUpdates(Collections.singletonList(change("gone", "r", null, 1))));
        assertEquals(422, missing.statusCode());
        assertEquals("MISSING_DATA", missing.code());
    }

    @Test
    void bulkUpdateAppliesComparesAndSwapsAndBumps() {
        todo("t1", "a");
        todo("t2", "b");
        long before = replica.currentCheckpoint();
        List<Update> ok = Arrays.asList(
                new Update(ChangeType.UPDATE, change("t1", "x", REV_T1, 3), obj("{'id':'t1','title':'new'}")),
                new Update(ChangeType.CREATE, change("t5", "y", null, 3), obj("{'id':'t5','title':'five'}")),
                new Update(ChangeType.DELETE, change("t77", null, "p", 3), null));
        assertTrue(replica.bulkUpdate(ok).isEmpty());
        assertEquals("new", backing.findById("t1").get("title"));
        assertEquals("five", backing.findById("t5").get("title"));
        assertTrue(replica.currentCheckpoint() > before, "a batch bumps the checkpoint");

        String current = backing.findLastChange("t1").rev();
        assertTrue(replica.bulkUpdate(Collections.singletonList(new Update(ChangeType.UPDATE,
                change("t1", current, REV_T1, 3), obj("{'id':'t1','title':'new'}")))).isEmpty(),
                "a retried update that is already applied is no conflict");

        List<Update> stale = Arrays.asList(
                new Update(ChangeType.UPDATE, change("t1", "z", REV_T1, 3), obj("{'id':'t1','title':'lost?'}")),
                new Update(ChangeType.CREATE, change("t2", "w", null, 3), obj("{'id':'t2','title':'taken'}")));
        List<Update> conflicts = replica.bulkUpdate(stale);
        assertEquals(new HashSet<>(Arrays.asList("t1", "t2")), new HashSet<>(Arrays.asList(
                conflicts.get(0).change().modelId(), conflicts.get(1).change().modelId())));
        assertEquals("new", backing.findById("t1").get("title"));
        assertEquals("b", backing.findById("t2").get("title"));
    }

    @Test
    void bulkUpdateWithAnInvalidItemWritesNothing() {
        List<Update> mixed = Arrays.asList(
                new Update(ChangeType.CREATE, change("good", "r", null, 1), obj("{'id':'good','title':'fine'}")),
                new Update(ChangeType.CREATE, change("bad", "r", null, 1), obj("{'id':'bad','title':7}")));
        long before = replica.currentCheckpoint();
        SyncException e = assertThrows(SyncException.class, () -> replica.bulkUpdate(mixed));
        assertEquals(422, e.statusCode());
        assertTrue(e.getMessage().contains("bad"), e.getMessage());
        assertNull(backing.findById("good"));
        assertEquals(before, replica.currentCheckpoint());
    }

    @Test
    void lastChangeIsReadAndRebased() {
        assertNull(replica.findLastChange("nope"));
        todo("t1", "a");
        long cp = bump();
        Change updated = replica.updateLastChange("t1", obj("{'prev':'manual-prev'}"));
        assertEquals("manual-prev", updated.prev());
        assertEquals(REV_T1, updated.rev());
        assertEquals(cp, (long) updated.checkpoint(), "a resolution is re-stamped at the current checkpoint");
        assertEquals("manual-prev", replica.findLastChange("t1").prev());
        SyncException e = assertThrows(SyncException.class,
                () -> replica.updateLastChange("nope", obj("{'prev':'x'}")));
        assertEquals(404, e.statusCode());
    }
}
