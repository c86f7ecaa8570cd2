package dev.isosync.replication;

import static dev.isosync.contract.TestJson.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.change.ChangeType;
import dev.isosync.demo.Todo;
import dev.isosync.error.SyncException;
import dev.isosync.memory.MemoryStore;
import dev.isosync.model.ModelDefinition;
import dev.isosync.model.Property;
import dev.isosync.query.Filter;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replica.Replica;
import dev.isosync.store.ChangeCursor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replication as users see it (PROTOCOL.md 2, 3 and 9.4): a server replica on its own memory store and
 * clients, each a {@code LocalTodo} replica on its own memory store, syncing with the real
 * {@link Replicator}. The server is reached through a {@link SteppedReplica}, so a scenario can cut the
 * network or let a third party write at a precise step. A subclass can put the server elsewhere (a real
 * server over HTTP) through {@link #newServer()} and {@link #clientView(LocalReplica)}.
 */
public class ReplicationScenariosTest {
    /** The clients' model: the same properties as {@code Todo} under another name, as in LoopBack's example. */
    static final ModelDefinition LOCAL_TODO = localModel();

    private static ModelDefinition localModel() {
        ModelDefinition.Builder b = ModelDefinition.builder("LocalTodo");
        for (Property p : Todo.DEFINITION.properties()) {
            if (!p.name().equals("id")) {
                b.property(p);
            }
        }
        return b.build();
    }

    private LocalReplica server;
    private Party alice;
    private Party bob;

    /** A new, empty server; the scenarios write to it directly as a third party does. */
    protected LocalReplica newServer() {
        return new LocalReplica(new MemoryStore(), Todo.DEFINITION);
    }

    /** How clients reach {@code server}: the replica itself here, or a remote replica to it. */
    protected Replica clientView(LocalReplica server) {
        return server;
    }

    /** A client: its store, its replica, its view of the server and its replicator. */
    private final class Party {
        final String name;
        final MemoryStore store = new MemoryStore();
        final LocalReplica local = new LocalReplica(store, LOCAL_TODO);
        SteppedReplica remote;
        Replicator replicator;

        Party(String name, LocalReplica server, int pageSize, Filter filter) {
            this.name = name;
            connect(server, pageSize, filter);
        }

        /** Points this client at a server, keeping what its store remembers under the same remote key. */
        void connect(LocalReplica server, int pageSize, Filter filter) {
            remote = new SteppedReplica(clientView(server));
            replicator = new Replicator(local, remote, "server", pageSize, filter);
        }

        SyncResult sync() {
            return replicator.sync();
        }

        Object title(String id) {
            Map<String, Object> r = local.findById(id);
            return r == null ? null : r.get("title");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeEach
    void setUp() {
        server = newServer();
        alice = new Party("alice", server, 500, Filter.ALL);
        bob = new Party("bob", server, 500, Filter.ALL);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static Map<String, Object> todo(String id, String title) {
        return obj("{'id':'" + id + "','title':'" + title + "'}");
    }

    private static Map<String, Object> titled(String title) {
        return obj("{'title':'" + title + "'}");
    }

    private Object serverTitle(String id) {
        Map<String, Object> r = server.findById(id);
        return r == null ? null : r.get("title");
    }

    /** The server creates a todo and every given client syncs it, with no conflict. */
    private void givenSyncedTodo(String id, String title, Party... parties) {
        server.create(todo(id, title));
        for (Party p : parties) {
            syncQuietly(p);
            assertEquals(title, p.title(id), p + " has the todo");
        }
    }

    /** Syncs and asserts that no conflict was reported. */
    private static SyncResult syncQuietly(Party p) {
        SyncResult r = p.sync();
        assertEquals(Collections.emptyList(), ids(r.conflicts()), p + " synced without conflicts");
        return r;
    }

    private static List<String> ids(List<Conflict> conflicts) {
        List<String> out = new ArrayList<>();
        for (Conflict c : conflicts) {
            out.add(c.modelId());
        }
        return out;
    }

    private static List<String> openIds(Party p) {
        return ids(p.replicator.openConflicts());
    }

    /** Every client holds exactly the server's records. */
    private void assertConverged(Party... parties) {
        List<Map<String, Object>> expected = server.find(Filter.ALL);
        for (Party p : parties) {
            assertEquals(expected, p.local.find(Filter.ALL), p + " holds what the server holds");
        }
    }

    /**
     * Alice and the server both edit a synced todo; alice's sync reports the conflict in both directions
     * (the push finds the server's change, the pull finds alice's open one).
     */
    private SyncResult givenUpdateConflictSync() {
        if (server.findById("t1") == null) {
            givenSyncedTodo("t1", "base", alice);
        } else {
            syncQuietly(alice);
        }
        server.patchById("t1", titled("server"));
        alice.local.patchById("t1", titled("alice"));
        SyncResult r = alice.sync();
        assertEquals(Arrays.asList("t1"), ids(r.push().conflicts()));
        assertEquals(Arrays.asList("t1"), ids(r.pull().conflicts()));
        assertEquals(Arrays.asList("t1"), openIds(alice));
        assertEquals("server", serverTitle("t1"));
        assertEquals("alice", alice.title("t1"));
        return r;
    }

    /** The push conflict of {@link #givenUpdateConflictSync()}. */
    private Conflict givenUpdateConflict() {
        return givenUpdateConflictSync().push().conflicts().get(0);
    }

    // ---- no conflicts ------------------------------------------------------------------------------

    @Test
    void emptyStoresSyncWithNothingToDo() {
        SyncResult r = syncQuietly(alice);
        assertEquals(0, r.push().applied());
        assertEquals(0, r.pull().applied());
        assertConverged(alice);
    }

    @Test
    void createOnAClientReachesTheServerAndTheOtherClient() {
        alice.local.create(todo("t1", "buy milk"));
        SyncResult r = syncQuietly(alice);
        assertEquals(1, r.push().applied());
        assertEquals("buy milk", serverTitle("t1"));
        syncQuietly(bob);
        assertEquals("buy milk", bob.title("t1"));
        assertConverged(alice, bob);
    }

    @Test
    void serverUpdateReachesEveryClient() {
        givenSyncedTodo("t1", "a", alice, bob);
        server.patchById("t1", titled("b"));
        syncQuietly(alice);
        syncQuietly(bob);
        assertEquals("b", alice.title("t1"));
        assertEquals("b", bob.title("t1"));
        assertConverged(alice, bob);
    }

    @Test
    void clientUpdateReachesTheServerAndTheOtherClient() {
        givenSyncedTodo("t1", "a", alice, bob);
        alice.local.patchById("t1", obj("{'completed':true}"));
        syncQuietly(alice);
        assertEquals(Boolean.TRUE, server.findById("t1").get("completed"));
        syncQuietly(bob);
        assertEquals(Boolean.TRUE, bob.local.findById("t1").get("completed"));
        assertConverged(alice, bob);
    }

    @Test
    void clientDeleteReachesTheServerAndTheOtherClient() {
        givenSyncedTodo("t1", "a", alice, bob);
        alice.local.deleteById("t1");
        syncQuietly(alice);
        assertNull(server.findById("t1"));
        syncQuietly(bob);
        assertNull(bob.local.findById("t1"));
        assertConverged(alice, bob);
    }

    @Test
    void serverDeleteReachesEveryClient() {
        givenSyncedTodo("t1", "a", alice, bob);
        server.deleteById("t1");
        syncQuietly(alice);
        syncQuietly(bob);
        assertNull(alice.local.findById("t1"));
        assertNull(bob.local.findById("t1"));
        assertConverged(alice, bob);
    }

    @Test
    void bothDeletedIsNoConflict() {
        givenSyncedTodo("t1", "a", alice);
        server.deleteById("t1");
        alice.local.deleteById("t1");
        syncQuietly(alice);
        assertEquals(Collections.emptyList(), openIds(alice));
        assertConverged(alice);
    }

    @Test
    void bothMadeTheSameEditIsNoConflict() {
        givenSyncedTodo("t1", "a", alice);
        server.patchById("t1", titled("same"));
        alice.local.patchById("t1", titled("same"));
        syncQuietly(alice);
        assertConverged(alice);
    }

    @Test
    void twoEditsInsideOneCheckpointArePushedAsOne() {
        givenSyncedTodo("t1", "a", alice, bob);
        alice.local.patchById("t1", titled("b"));
        alice.local.patchById("t1", titled("c"));
        SyncResult r = syncQuietly(alice);
        assertEquals(1, r.push().applied());
        assertEquals("c", serverTitle("t1"));
        syncQuietly(bob);
        assertConverged(alice, bob);
    }

    @Test
    void threePartiesEditInTurnWithoutFalseConflicts() {
        alice.local.create(todo("t1", "a1"));
        syncQuietly(alice);
        syncQuietly(bob);
        assertEquals("a1", bob.title("t1"));
        bob.local.patchById("t1", titled("b1"));
        syncQuietly(bob);
        syncQuietly(alice);
        assertEquals("b1", alice.title("t1"));
        alice.local.patchById("t1", titled("a2"));
        alice.local.patchById("t1", titled("a3"));
        syncQuietly(alice);
        syncQuietly(bob);
        assertEquals("a3", bob.title("t1"));
        bob.local.patchById("t1", titled("b2"));
        syncQuietly(bob);
        bob.local.patchById("t1", titled("b3"));
        syncQuietly(bob);
        syncQuietly(alice);
        assertEquals("b3", alice.title("t1"));
        alice.local.create(todo("t2", "from alice"));
        bob.local.create(todo("t3", "from bob"));
        bob.local.deleteById("t1");
        syncQuietly(alice);
        syncQuietly(bob);
        syncQuietly(alice);
        syncQuietly(bob);
        assertNull(alice.local.findById("t1"));
        assertEquals("from bob", alice.title("t3"));
        assertEquals("from alice", bob.title("t2"));
        assertConverged(alice, bob);
    }

    @Test
    void pulledRevisionIsNeverPushedBack() {
        givenSyncedTodo("t1", "a", alice, bob);
        bob.local.deleteById("t1");
        syncQuietly(bob);
        syncQuietly(alice);
        assertNull(alice.local.findById("t1"), "alice's pulled copy does not resurrect bob's delete");
        assertNull(server.findById("t1"));
        assertConverged(alice, bob);
    }

    @Test
    void filteredReplicationSendsOnlyMatchingRecordsAndEveryTombstone() {
        Filter open = Filter.parse(LOCAL_TODO, obj("{'where':{'completed':false}}"));
        alice.connect(server, 500, open);
        server.create(obj("{'id':'s-open','title':'x'}"));
        server.create(obj("{'id':'s-done','title':'x','completed':true}"));
        alice.local.create(obj("{'id':'a-open','title':'x'}"));
        alice.local.create(obj("{'id':'a-done','title':'x','completed':true}"));
        alice.local.create(obj("{'id':'gone','title':'x'}"));
        syncQuietly(alice);
        assertNotNull(server.findById("gone"));
        alice.local.deleteById("gone");
        syncQuietly(alice);
        assertEquals(Arrays.asList("a-open", "s-done", "s-open"), recordIds(server));
        assertEquals(Arrays.asList("a-done", "a-open", "s-open"), recordIds(alice.local));
    }

    private static List<String> recordIds(LocalReplica r) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> rec : r.find(Filter.ALL)) {
            out.add((String) rec.get("id"));
        }
        return out;
    }

    // ---- conflicts and their resolution ------------------------------------------------------------

    @Test
    void updateConflictIsReportedWithBothVersions() {
        Conflict c = givenUpdateConflict();
        assertEquals("t1", c.modelId());
        assertSame(alice.local, c.source());
        assertEquals(ChangeType.UPDATE, c.type());
        Conflict.Versions<Map<String, Object>> models = c.models();
        assertEquals("alice", models.source().get("title"));
        assertEquals("server", models.target().get("title"));
        assertEquals(alice.local.findLastChange("t1"), c.changes().source());
        assertEquals(server.findLastChange("t1"), c.changes().target());
        Conflict pulled = alice.replicator.openConflicts().get(0);
        assertSame(alice.local, pulled.source(), "open conflicts have the local side as the source");
    }

    @Test
    void updateConflictResolvedUsingSourceKeepsTheClientsVersion() {
        givenUpdateConflict().resolveUsingSource();
        assertEquals(Collections.emptyList(), openIds(alice));
        syncQuietly(alice);
        assertEquals("alice", serverTitle("t1"));
        assertConverged(alice);
        syncQuietly(alice);
        assertEquals(Collections.emptyList(), openIds(alice));
    }

    @Test
    void updateConflictResolvedUsingTargetTakesTheServersVersion() {
        givenUpdateConflict().resolveUsingTarget();
        assertEquals("server", alice.title("t1"));
        syncQuietly(alice);
        assertEquals("server", serverTitle("t1"));
        assertConverged(alice);
    }

    @Test
    void updateConflictResolvedManuallyStoresTheMergedData() {
        givenUpdateConflict().resolveManually(obj("{'title':'merged','completed':true}"));
        assertEquals("merged", alice.title("t1"));
        syncQuietly(alice);
        assertEquals(obj("{'id':'t1','title':'merged','completed':true,'created':null}"), server.findById("t1"));
        assertConverged(alice);
    }

    @Test
    void updateConflictResolvedManuallyWithNullDeletesEverywhere() {
        givenUpdateConflict().resolveManually(null);
        assertNull(alice.local.findById("t1"));
        syncQuietly(alice);
        assertNull(server.findById("t1"));
        assertConverged(alice);
    }

    @Test
    void pullConflictSwappedToTheLocalSideResolvesUsingSource() {
        Conflict pulled = givenPullConflict();
        Conflict mine = pulled.swapParties();
        assertSame(alice.local, mine.source());
        mine.resolveUsingSource();
        syncQuietly(alice);
        assertEquals("alice", serverTitle("t1"));
        assertConverged(alice);
    }

    @Test
    void pullConflictSwappedToTheLocalSideResolvesUsingTarget() {
        givenPullConflict().swapParties().resolveUsingTarget();
        assertEquals("server", alice.title("t1"));
        syncQuietly(alice);
        assertEquals("server", serverTitle("t1"));
        assertConverged(alice);
    }

    @Test
    void pullConflictResolvedUsingItsSourceKeepsTheServersVersion() {
        givenPullConflict().resolveUsingSource();
        assertEquals(Collections.emptyList(), openIds(alice));
        syncQuietly(alice);
        assertEquals("server", alice.title("t1"));
        assertConverged(alice);
    }

    @Test
    void pullConflictResolvedUsingItsTargetWritesTheClientsVersionToTheServer() {
        givenPullConflict().resolveUsingTarget();
        assertEquals("alice", serverTitle("t1"));
        syncQuietly(alice);
        assertConverged(alice);
    }

    @Test
    void pullConflictResolvedManuallyOnTheServer() {
        givenPullConflict().resolveManually(obj("{'title':'merged on the server'}"));
        assertEquals("merged on the server", serverTitle("t1"));
        syncQuietly(alice);
        assertEquals("merged on the server", alice.title("t1"));
        assertConverged(alice);
    }

    /** The pull conflict of {@link #givenUpdateConflictSync()}: the server is its source. */
    private Conflict givenPullConflict() {
        Conflict c = givenUpdateConflictSync().pull().conflicts().get(0);
        assertSame(alice.remote, c.source());
        assertSame(alice.local, c.target());
        return c;
    }

    /** The server (a third party) deletes a todo alice updated. */
    private Conflict givenClientUpdatedServerDeleted() {
        givenSyncedTodo("t1", "base", alice);
        server.deleteById("t1");
        alice.local.patchById("t1", titled("alice"));
        SyncResult r = alice.sync();
        assertEquals(Arrays.asList("t1"), ids(r.push().conflicts()));
        Conflict c = r.push().conflicts().get(0);
        assertEquals(ChangeType.DELETE, c.type());
        assertNull(c.models().target());
        return c;
    }

    /** Alice deletes a todo the server (a third party) updated. */
    private Conflict givenClientDeletedServerUpdated() {
        givenSyncedTodo("t1", "base", alice);
        server.patchById("t1", titled("server"));
        alice.local.deleteById("t1");
        SyncResult r = alice.sync();
        assertEquals(Arrays.asList("t1"), ids(r.push().conflicts()));
        Conflict c = r.push().conflicts().get(0);
        assertEquals(ChangeType.DELETE, c.type());
        assertNull(c.models().source());
        assertEquals("server", c.models().target().get("title"));
        return c;
    }

    @Test
    void updateAgainstDeleteResolvedUsingSourceRecreatesTheRecord() {
        givenClientUpdatedServerDeleted().resolveUsingSource();
        syncQuietly(alice);
        assertEquals("alice", serverTitle("t1"));
        assertConverged(alice);
    }

    @Test
    void updateAgainstDeleteResolvedUsingTargetDeletesLocally() {
        givenClientUpdatedServerDeleted().resolveUsingTarget();
        assertNull(alice.local.findById("t1"));
        syncQuietly(alice);
        assertNull(server.findById("t1"));
        assertConverged(alice);
    }

    @Test
    void updateAgainstDeleteResolvedManuallyWithNullStaysDeleted() {
        givenClientUpdatedServerDeleted().resolveManually(null);
        syncQuietly(alice);
        assertNull(server.findById("t1"));
        assertConverged(alice);
    }

    @Test
    void deleteAgainstUpdateResolvedUsingSourceDeletesOnTheServer() {
        givenClientDeletedServerUpdated().resolveUsingSource();
        syncQuietly(alice);
        assertNull(server.findById("t1"));
        assertConverged(alice);
    }

    @Test
    void deleteAgainstUpdateResolvedUsingTargetBringsTheRecordBack() {
        givenClientDeletedServerUpdated().resolveUsingTarget();
        assertEquals("server", alice.title("t1"));
        syncQuietly(alice);
        assertEquals("server", serverTitle("t1"));
        assertConverged(alice);
    }

    @Test
    void deleteAgainstUpdateResolvedManuallyStartsFromTheServersVersion() {
        givenClientDeletedServerUpdated().resolveManually(obj("{'completed':true}"));
        assertEquals(obj("{'id':'t1','title':'server','completed':true,'created':null}"), alice.local.findById("t1"));
        syncQuietly(alice);
        assertEquals(obj("{'id':'t1','title':'server','completed':true,'created':null}"), server.findById("t1"));
        assertConverged(alice);
    }

    @Test
    void deleteAgainstUpdateSeenFromThePullSide() {
        givenSyncedTodo("t1", "base", alice, bob);
        alice.local.patchById("t1", titled("alice"));
        syncQuietly(alice);
        bob.local.deleteById("t1");
        SyncResult r = bob.sync();
        assertEquals(Arrays.asList("t1"), ids(r.pull().conflicts()));
        Conflict mine = r.pull().conflicts().get(0).swapParties();
        assertEquals(ChangeType.DELETE, mine.type());
        mine.resolveUsingTarget();
        assertEquals("alice", bob.title("t1"));
        syncQuietly(bob);
        syncQuietly(alice);
        assertConverged(alice, bob);
    }

    @Test
    void nonConflictingChangesOfTheSameRunAreApplied() {
        givenSyncedTodo("t1", "a", alice);
        givenSyncedTodo("t2", "a", alice);
        server.patchById("t1", titled("server"));
        alice.local.patchById("t1", titled("alice"));
        alice.local.patchById("t2", titled("alice"));
        alice.local.create(todo("t3", "new"));
        SyncResult r = alice.sync();
        assertEquals(Arrays.asList("t1"), ids(r.push().conflicts()));
        assertEquals(2, r.push().applied());
        assertEquals("alice", serverTitle("t2"));
        assertEquals("new", serverTitle("t3"));
        assertEquals("server", serverTitle("t1"));
    }

    @Test
    void resolutionIsPushedAfterConflictedRun() {
        givenUpdateConflict();
        alice.local.patchById("t1", titled("alice again"));
        syncQuietly(alice);
        assertEquals("server", serverTitle("t1"), "a record with an open conflict is not pushed");
        assertEquals(Arrays.asList("t1"), openIds(alice), "it stays open until the user decides");
        syncQuietly(alice);
        syncQuietly(alice);
        Conflict open = alice.replicator.openConflicts().get(0);
        open.resolveUsingSource();
        syncQuietly(alice);
        assertEquals("alice again", serverTitle("t1"), "the resolution reached the server (LoopBack loses it, 2.9)");
        assertConverged(alice);
        assertEquals(Collections.emptyList(), openIds(alice));
    }

    @Test
    void resolutionMadeWhileASyncRunsIsPushed() {
        givenUpdateConflict();
        alice.local.create(todo("t2", "new"));
        // the user resolves while a sync is under way, just after its checkpoints were bumped
        alice.remote.hook((method, index, when) -> {
            if (method.equals("checkpoint") && index == 0 && when == SteppedReplica.When.AFTER) {
                alice.replicator.openConflicts().get(0).resolveUsingSource();
            }
        });
        syncQuietly(alice);
        alice.remote.hook(SteppedReplica.NONE);
        assertEquals(Collections.emptyList(), openIds(alice));
        syncQuietly(alice);
        syncQuietly(alice);
        assertEquals("alice", serverTitle("t1"), "the resolution is not lost");
        assertConverged(alice);
    }

    @Test
    void adoptedServerVersionIsNotPushedBackOverALaterDelete() {
        givenSyncedTodo("t1", "base", bob);
        givenUpdateConflict().resolveUsingTarget();
        assertEquals("server", alice.title("t1"));
        syncQuietly(bob);
        bob.local.deleteById("t1");
        syncQuietly(bob);
        syncQuietly(alice);
        assertNull(alice.local.findById("t1"));
        assertNull(server.findById("t1"), "the version alice adopted does not resurrect bob's delete");
        assertConverged(alice, bob);
    }

    @Test
    void versionAdoptedOverALocalDeleteDoesNotResurrectALaterDelete() {
        givenSyncedTodo("t1", "base", alice, bob);
        server.patchById("t1", titled("server"));
        alice.local.deleteById("t1");
        SyncResult r = alice.sync();
        assertEquals(Arrays.asList("t1"), ids(r.push().conflicts()));
        // adopted on top of alice's tombstone, the server's version is a "create" based on any tombstone
        alice.replicator.openConflicts().get(0).resolveUsingTarget();
        assertEquals("server", alice.title("t1"));
        syncQuietly(bob);
        bob.local.deleteById("t1");
        syncQuietly(bob);
        syncQuietly(alice);
        assertNull(server.findById("t1"), "alice's adopted copy is never pushed back (PROTOCOL.md 9.4.9)");
        assertNull(alice.local.findById("t1"));
        assertConverged(alice, bob);
    }

    @Test
    void deleteOfAVersionAdoptedOverALocalDeleteIsPushed() {
        givenClientDeletedServerUpdated().resolveUsingTarget();
        alice.local.patchById("t1", titled("edited"));
        alice.local.deleteById("t1");
        syncQuietly(alice);
        assertNull(server.findById("t1"), "alice deleted it again, after taking the server's version");
        assertConverged(alice);
    }

    @Test
    void editOfAVersionAdoptedOverALocalDeleteIsNoConflict() {
        givenClientDeletedServerUpdated().resolveUsingTarget();
        alice.local.patchById("t1", titled("edited"));
        syncQuietly(alice);
        assertEquals("edited", serverTitle("t1"));
        assertConverged(alice);
    }

    @Test
    void thirdPartyWriteBetweenDiffAndBulkUpdateIsAConflict() {
        givenSyncedTodo("t1", "base", alice);
        alice.local.patchById("t1", titled("alice"));
        alice.remote.hook((method, index, when) -> {
            if (method.equals("bulkUpdate") && when == SteppedReplica.When.BEFORE) {
                server.patchById("t1", titled("third party"));
            }
        });
        SyncResult r = alice.sync();
        alice.remote.hook(SteppedReplica.NONE);
        assertEquals(Arrays.asList("t1"), ids(r.push().conflicts()));
        assertEquals("third party", serverTitle("t1"), "the compare-and-swap refused to overwrite it");
        assertEquals("alice", alice.title("t1"));
        Conflict c = alice.replicator.openConflicts().get(0);
        assertEquals("third party", c.models().target().get("title"));
        c.resolveUsingSource();
        syncQuietly(alice);
        assertEquals("alice", serverTitle("t1"));
        assertConverged(alice);
    }

    @Test
    void thirdPartyWriteBetweenDiffAndBulkUpdateResolvedUsingTarget() {
        givenSyncedTodo("t1", "base", alice);
        alice.local.patchById("t1", titled("alice"));
        alice.remote.hook((method, index, when) -> {
            if (method.equals("bulkUpdate") && when == SteppedReplica.When.BEFORE) {
                server.patchById("t1", titled("third party"));
            }
        });
        alice.sync();
        alice.remote.hook(SteppedReplica.NONE);
        alice.replicator.openConflicts().get(0).resolveUsingTarget();
        syncQuietly(alice);
        assertEquals("third party", alice.title("t1"));
        assertConverged(alice);
    }

    // ---- failures --------------------------------------------------------------------------------

    @Test
    void pushThatSucceededBeforeAFailedPullDoesNotHideAnotherClientsWrite() {
        givenSyncedTodo("t1", "base", alice, bob);
        bob.local.patchById("t1", titled("bob"));
        syncQuietly(bob);
        alice.local.create(todo("t2", "new todo of alice"));
        assertEquals(Collections.emptyList(), ids(alice.replicator.push().conflicts()));
        assertEquals("new todo of alice", serverTitle("t2"));
        alice.remote.hook(SteppedReplica.unreachable());
        assertThrows(SyncException.class, () -> alice.replicator.pull());
        alice.remote.hook(SteppedReplica.NONE);
        assertEquals("base", alice.title("t1"), "alice never saw bob's write");

        alice.local.patchById("t1", titled("alice"));
        SyncResult r = alice.sync();
        assertEquals("bob", serverTitle("t1"), "bob's write is not overwritten without a conflict (PROTOCOL.md 9.4.3)");
        assertEquals(Arrays.asList("t1"), ids(r.push().conflicts()));
        Conflict c = alice.replicator.openConflicts().get(0);
        assertEquals("bob", c.models().target().get("title"));
        c.resolveUsingSource();
        syncQuietly(alice);
        syncQuietly(bob);
        assertEquals("alice", bob.title("t1"));
        assertConverged(alice, bob);
    }

    @Test
    void recreationWithTheSameDataAfterADeleteWhosePullFailedIsPushed() {
        givenSyncedTodo("t1", "base", alice);
        alice.local.deleteById("t1");
        alice.replicator.push();
        assertNull(server.findById("t1"));
        alice.remote.hook(SteppedReplica.unreachable());
        assertThrows(SyncException.class, () -> alice.replicator.pull());
        alice.remote.hook(SteppedReplica.NONE);
        alice.local.create(todo("t1", "base")); // the same data again: the revision repeats
        syncQuietly(alice);
        assertEquals("base", serverTitle("t1"), "alice's re-creation reaches the server");
        assertConverged(alice);
    }

    @Test
    void retriedBulkUpdateAfterALostResponseIsNoConflict() {
        givenSyncedTodo("t1", "base", alice, bob);
        alice.local.patchById("t1", titled("alice"));
        alice.local.create(todo("t2", "new"));
        alice.remote.hook((method, index, when) -> {
            if (method.equals("bulkUpdate") && when == SteppedReplica.When.AFTER) {
                throw SteppedReplica.networkFailure("after bulkUpdate: applied, 204 lost");
            }
        });
        assertThrows(SyncException.class, () -> alice.sync());
        alice.remote.hook(SteppedReplica.NONE);
        assertEquals("alice", serverTitle("t1"), "the server applied the batch");
        syncQuietly(alice);
        syncQuietly(bob);
        assertEquals("alice", bob.title("t1"));
        assertEquals("new", bob.title("t2"));
        assertConverged(alice, bob);
    }

    @Test
    void pullThatFailedAfterItsBatchWasAppliedIsNoConflictNextTime() {
        givenSyncedTodo("t1", "base", alice);
        server.patchById("t1", titled("server"));
        server.create(todo("t2", "server"));
        alice.remote.hook((method, index, when) -> {
            // alice has nothing to push, so her push asks the server nothing: the pull's passes are the first
            if (method.equals("checkpoint") && index > 1) {
                throw SteppedReplica.networkFailure("before the second pass");
            }
        });
        assertThrows(SyncException.class, () -> alice.sync());
        alice.remote.hook(SteppedReplica.NONE);
        assertEquals("server", alice.title("t1"));
        alice.local.patchById("t1", titled("alice"));
        syncQuietly(alice);
        assertEquals("alice", serverTitle("t1"));
        assertConverged(alice);
    }

    @Test
    void networkFailureAtEveryStepOfASyncLeavesNothingInconsistent() {
        for (int failAt = 0; failAt < 40; failAt++) {
            setUp();
            givenSyncedTodo("t1", "base", alice, bob);
            givenSyncedTodo("t2", "base", alice, bob);
            alice.local.patchById("t1", titled("alice"));
            alice.local.create(todo("a" + failAt, "alice"));
            server.patchById("t2", titled("server"));
            server.create(todo("s" + failAt, "server"));
            int stop = failAt;
            alice.remote.hook((method, index, when) -> {
                if (index * 2 + (when == SteppedReplica.When.AFTER ? 1 : 0) == stop) {
                    throw SteppedReplica.networkFailure("at step " + stop);
                }
            });
            try {
                alice.sync();
            } catch (SyncException expected) {
                assertEquals(503, expected.statusCode());
            }
            alice.remote.hook(SteppedReplica.NONE);
            syncQuietly(alice);
            syncQuietly(bob);
            syncQuietly(alice);
            assertEquals("alice", serverTitle("t1"), "failure at step " + failAt);
            assertEquals("server", alice.title("t2"), "failure at step " + failAt);
            assertConverged(alice, bob);
        }
    }

    @Test
    void pullCutOffPartWayResumesAfterTheLastAppliedPage() {
        alice.connect(server, 3, Filter.ALL);
        for (int i = 0; i < 10; i++) {
            server.create(todo("r0" + i, "x"));
        }
        int[] pages = {0};
        alice.remote.hook((method, index, when) -> {
            if (method.equals("changesPage") && when == SteppedReplica.When.BEFORE && ++pages[0] == 3) {
                throw SteppedReplica.networkFailure("before the third page");
            }
        });
        assertThrows(SyncException.class, () -> alice.replicator.pull());
        assertEquals(Arrays.asList("r00", "r01", "r02", "r03", "r04", "r05"), recordIds(alice.local),
                "the first two pages were applied");
        Since stopped = alice.replicator.since(Direction.PULL);
        assertNotNull(stopped.resumeCheckpoint());
        assertEquals("r05", stopped.resumeModelId());

        assertEquals(6, stopped.resumeApplied());

        alice.remote.hook(SteppedReplica.NONE);
        List<Integer> progress = new ArrayList<>();
        alice.replicator.onProgress((direction, applied) -> progress.add(applied));
        ReplicationResult r = alice.replicator.pull();
        assertEquals(Arrays.asList(9, 10), progress, "the progress shown goes on from the six applied before the cut");
        assertEquals(Collections.emptyList(), ids(r.conflicts()));
        ChangeCursor first = alice.remote.changesPageCursors.get(0);
        assertNotNull(first, "the resumed pull starts after the last applied page, not from the beginning");
        assertEquals("r05", first.modelId());
        List<String> shipped = new ArrayList<>();
        for (List<String> page : alice.remote.changesPageIds) {
            shipped.addAll(page);
        }
        assertEquals(Arrays.asList("r06", "r07", "r08", "r09"), shipped);
        assertEquals(4, r.applied());
        assertNull(alice.replicator.since(Direction.PULL).resumeCheckpoint());
        syncQuietly(alice);
        assertConverged(alice);
    }

    @Test
    void aPullTakesEachRecordWithItsPageAndAsksCreateUpdatesOnlyOfASourceThatSendsNone() {
        alice.connect(server, 3, Filter.ALL);
        for (int i = 0; i < 5; i++) {
            server.create(todo("p0" + i, "with the page"));
        }
        assertEquals(5, alice.replicator.pull().applied());
        assertEquals(Collections.emptyList(), alice.remote.createUpdatesIds, "the pages carried the records");
        assertEquals(Arrays.asList("p00", "p01", "p02", "p03", "p04"), recordIds(alice.local));

        alice.remote.hook(SteppedReplica.NONE);
        alice.remote.withoutRecords = true;
        server.create(todo("p05", "asked for"));
        server.patchById("p00", java.util.Map.of("title", "changed"));
        server.deleteById("p01");
        assertEquals(3, alice.replicator.pull().applied());
        assertEquals(Arrays.asList(Arrays.asList("p00", "p01", "p05")), alice.remote.createUpdatesIds,
                "a source whose pages carry no records is asked for the updates, as LoopBack's protocol does");
        assertEquals(Arrays.asList("p00", "p02", "p03", "p04", "p05"), recordIds(alice.local));
        assertEquals("changed", alice.local.findById("p00").get("title"));
        syncQuietly(alice);
        assertConverged(alice);
    }

    @Test
    void pagedSyncsConvergeInBothDirections() {
        alice.connect(server, 2, Filter.ALL);
        bob.connect(server, 1, Filter.ALL);
        for (int i = 0; i < 7; i++) {
            alice.local.create(todo("a" + i, "alice"));
            server.create(todo("s" + i, "server"));
        }
        syncQuietly(alice);
        syncQuietly(bob);
        for (int i = 0; i < 7; i += 2) {
            bob.local.deleteById("a" + i);
            bob.local.patchById("s" + i, titled("bob"));
        }
        syncQuietly(bob);
        syncQuietly(alice);
        assertConverged(alice, bob);
    }

    @Test
    void aPushWithNothingToSendAsksTheRemoteNothing() {
        givenSyncedTodo("t1", "base", alice);
        server.patchById("t1", titled("server"));
        alice.remote.hook(SteppedReplica.NONE);
        alice.sync();
        assertEquals("server", alice.title("t1"));
        // the pull's two passes, each a checkpoint and a page; the echo of the pull is not pushed back later
        assertEquals(List.of("checkpoint", "changesPage", "checkpoint", "changesPage"), alice.remote.methods);
        alice.remote.hook(SteppedReplica.NONE);
        alice.sync();
        assertEquals(List.of("checkpoint", "changesPage"), alice.remote.methods);
        alice.local.patchById("t1", titled("alice"));
        alice.sync();
        assertEquals("alice", serverTitle("t1"));
        assertConverged(alice);
    }

    @Test
    void aSyncThatStartsWithThePullEndsAsOneThatStartsWithThePush() {
        givenSyncedTodo("t1", "base", alice, bob);
        server.patchById("t1", titled("server"));
        SyncResult r = alice.replicator.pullThenPush();
        assertEquals(1, r.pull().applied());
        assertEquals("server", alice.title("t1"));
        alice.remote.hook(SteppedReplica.NONE);
        alice.sync();
        assertEquals(List.of("checkpoint", "changesPage"), alice.remote.methods, "the pull's echo is not pushed back");

        // the server comes back as a new database: the push that follows the pull sends alice's writes again
        alice.local.create(todo("a1", "from alice"));
        alice.sync();
        server = newServer();
        alice.connect(server, 500, Filter.ALL);
        alice.replicator.pullThenPush();
        assertEquals("from alice", serverTitle("a1"), "alice's own writes are sent again");
    }

    @Test
    void remoteWithANewIdentityIsReplicatedFromTheBeginning() {
        alice.local.create(todo("t1", "from alice"));
        bob.local.create(todo("t2", "from bob"));
        syncQuietly(alice);
        syncQuietly(bob);
        syncQuietly(alice);
        assertConverged(alice, bob);

        // the server comes back as a new database that already holds a record of its own
        server = newServer();
        server.create(todo("s1", "from the new server"));
        alice.connect(server, 500, Filter.ALL);
        bob.connect(server, 500, Filter.ALL);
        syncQuietly(alice);
        assertEquals("from alice", serverTitle("t1"), "alice's own writes are sent again");
        assertEquals("from the new server", alice.title("s1"));
        syncQuietly(bob);
        syncQuietly(alice);
        assertEquals("from bob", serverTitle("t2"));
        assertConverged(alice, bob);
    }

    @Test
    void writesRacingCheckpointBumpsFromManyThreadsAreAllReplicated() throws Exception {
        int writers = 4;
        int perWriter = 60;
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
        List<Future<?>> work = new ArrayList<>();
        try {
            for (int t = 0; t < writers; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        String id = "w" + thread + "-" + i;
                        alice.local.create(todo(id, "created"));
                        if (i % 2 == 0) {
                            alice.local.patchById(id, titled("edited"));
                        }
                    }
                    return null;
                }));
            }
            work.add(pool.submit(() -> {
                for (int i = 0; i < perWriter; i++) {
                    server.create(todo("s-" + i, "server"));
                    server.checkpoint();
                }
                return null;
            }));
            Future<?> bobSyncs = pool.submit(() -> {
                while (writing.get()) {
                    syncQuietly(bob);
                }
                return null;
            });
            while (!allDone(work)) {
                syncQuietly(alice);
            }
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
            writing.set(false);
            bobSyncs.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        syncQuietly(alice);
        syncQuietly(bob);
        syncQuietly(alice);
        assertEquals(writers * perWriter + perWriter, server.find(Filter.ALL).size());
        for (int t = 0; t < writers; t++) {
            for (int i = 0; i < perWriter; i++) {
                assertEquals(i % 2 == 0 ? "edited" : "created", serverTitle("w" + t + "-" + i));
            }
        }
        assertConverged(alice, bob);
    }

    private static boolean allDone(List<Future<?>> futures) {
        for (Future<?> f : futures) {
            if (!f.isDone()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void resetStartsOverWithoutConflicts() {
        givenSyncedTodo("t1", "a", alice);
        alice.local.create(todo("t2", "b"));
        alice.replicator.reset();
        assertEquals(Since.START.source(), alice.replicator.since(Direction.PUSH).source());
        syncQuietly(alice);
        assertConverged(alice);
        assertFalse(alice.replicator.since(Direction.PULL).source() < 0);
        assertTrue(alice.replicator.since(Direction.PUSH).source() > 0);
    }
}
