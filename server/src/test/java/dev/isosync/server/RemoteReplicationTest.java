package dev.isosync.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.client.JdkHttpTransport;
import dev.isosync.demo.Todo;
import dev.isosync.memory.MemoryStore;
import dev.isosync.query.Filter;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replication.Conflict;
import dev.isosync.replication.Replicator;
import dev.isosync.replication.SyncResult;
import dev.isosync.wire.RemoteReplica;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Java replicator between in-memory clients and the real server over HTTP (memory ↔ server), on H2;
 * subclasses run the same scenarios with the server on PostgreSQL and MariaDB.
 */
class RemoteReplicationTest {
    private SyncServer server;
    private RemoteReplica remote;
    private Device a;
    private Device b;

    /** A client: its own store, replica and replicator against the server. */
    private final class Device {
        final LocalReplica local = new LocalReplica(new MemoryStore(), Todo.DEFINITION);
        final Replicator replicator = new Replicator(local, remote, "server", 2, Filter.ALL);

        SyncResult sync() {
            return replicator.sync();
        }

        void put(String id, String title) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("id", id);
            data.put("title", title);
            local.upsert(data);
        }

        String title(String id) {
            Map<String, Object> r = local.findById(id);
            return r == null ? null : (String) r.get("title");
        }
    }

    @BeforeEach
    void start() {
        server = SyncServer.start(config());
        remote = new RemoteReplica(new JdkHttpTransport("http://127.0.0.1:" + server.port()), Todo.DEFINITION);
        a = new Device();
        b = new Device();
    }

    /** The server's configuration; H2 here. */
    ServerConfig config() {
        return TestDatabases.h2Server();
    }

    @AfterEach
    void stop() {
        server.closeAndDrop();
    }

    @Test
    void createsUpdatesAndDeletesTravelBothWays() {
        a.put("t1", "one");
        a.put("t2", "two");
        a.put("t3", "three");
        assertTrue(a.sync().conflicts().isEmpty());
        b.sync();
        assertEquals("two", b.title("t2"));
        b.put("t2", "two, edited on b");
        b.local.deleteById("t3");
        b.sync();
        a.sync();
        assertEquals("two, edited on b", a.title("t2"));
        assertNull(a.title("t3"));
        assertConverged();
    }

    @Test
    void updateUpdateConflictResolvedEachWayConverges() {
        a.put("t1", "base");
        a.sync();
        b.sync();
        a.put("t1", "from a");
        b.put("t1", "from b");
        a.sync();
        SyncResult second = b.sync();
        List<Conflict> conflicts = second.conflicts();
        assertEquals(1, conflicts.size());
        assertEquals("t1", conflicts.get(0).modelId());
        assertEquals(1, b.replicator.openConflicts().size());
        // keep mine (b's): it wins everywhere
        b.replicator.openConflicts().get(0).resolveUsingSource();
        assertTrue(b.sync().conflicts().isEmpty());
        a.sync();
        assertEquals("from b", a.title("t1"));
        assertConverged();

        a.put("t1", "a again");
        b.put("t1", "b again");
        a.sync();
        b.sync();
        // keep theirs: b takes the server's version and never pushes it back
        b.replicator.openConflicts().get(0).resolveUsingTarget();
        b.sync();
        a.sync();
        assertEquals("a again", b.title("t1"));
        assertConverged();

        a.put("t1", "a third");
        b.put("t1", "b third");
        a.sync();
        b.sync();
        Map<String, Object> merged = new LinkedHashMap<>();
        merged.put("title", "merged");
        b.replicator.openConflicts().get(0).resolveManually(merged);
        b.sync();
        a.sync();
        assertEquals("merged", a.title("t1"));
        assertConverged();
    }

    @Test
    void deleteAgainstEditIsAConflictAndResolves() {
        a.put("t1", "base");
        a.sync();
        b.sync();
        a.local.deleteById("t1");
        b.put("t1", "edited");
        a.sync();
        SyncResult r = b.sync();
        assertEquals(1, r.conflicts().size());
        b.replicator.openConflicts().get(0).resolveManually(null);
        b.sync();
        a.sync();
        assertNull(a.title("t1"));
        assertNull(b.title("t1"));
        assertConverged();
    }

    @Test
    void manyRecordsPageThrough() {
        for (int i = 0; i < 25; i++) {
            a.put("p" + i, "item " + i);
        }
        a.sync();
        b.sync();
        assertEquals(25, b.local.count(dev.isosync.query.Where.ALL));
        assertConverged();
    }

    private void assertConverged() {
        a.sync();
        b.sync();
        a.sync();
        List<Map<String, Object>> server = serverRecords();
        assertEquals(server, a.local.find(Filter.ALL));
        assertEquals(server, b.local.find(Filter.ALL));
    }

    private List<Map<String, Object>> serverRecords() {
        return new LocalReplica(this.server.store(), Todo.DEFINITION).find(Filter.ALL);
    }
}
