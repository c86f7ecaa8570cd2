package dev.isosync.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.demo.Todo;
import dev.isosync.error.SyncException;
import dev.isosync.memory.MemoryStore;
import dev.isosync.replica.LocalReplica;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The replicator tells the inbox of the conflicts its user resolved: once, before the next pull, with the
 * revision kept; again on the next sync when the report failed; never again after a 401 or 403; and not the
 * conflicts an admin resolved, which the server knows of.
 */
class ResolvedHereReportTest {
    private LocalReplica server;
    private LocalReplica mine;
    private LocalReplica other;
    private FakeInbox inbox;
    private Replicator replicator;
    private Replicator otherReplicator;

    @BeforeEach
    void setUp() {
        server = new LocalReplica(new MemoryStore(), Todo.DEFINITION);
        mine = new LocalReplica(new MemoryStore(), ReplicationScenariosTest.LOCAL_TODO);
        other = new LocalReplica(new MemoryStore(), ReplicationScenariosTest.LOCAL_TODO);
        inbox = new FakeInbox();
        replicator = new Replicator(mine, server, "server").withConflictInbox(inbox);
        otherReplicator = new Replicator(other, server, "server");
    }

    @Test
    void keepingTheirsIsReportedOnceBeforeTheNextPull() {
        givenConflict();
        assertTrue(inbox.resolvedReports.isEmpty());
        replicator.openConflicts().get(0).resolveUsingTarget();
        replicator.sync();
        assertEquals(1, inbox.resolvedReports.size());
        ResolvedConflict r = inbox.resolvedReports.get(0).get(0);
        assertEquals("t1", r.modelId());
        assertEquals(server.findLastChange("t1").rev(), r.rev(), "the server's revision, which it kept");
        assertEquals(1, inbox.callsBeforeResolutions, "sent before the resolutions are asked for and the pull");
        replicator.sync();
        assertEquals(1, inbox.resolvedReports.size(), "reported once");
    }

    @Test
    void keepingMineReportsTheRevisionKept() {
        givenConflict();
        replicator.openConflicts().get(0).resolveUsingSource();
        String kept = mine.findLastChange("t1").rev();
        replicator.sync();
        assertEquals(kept, inbox.resolvedReports.get(0).get(0).rev());
    }

    @Test
    void keepingADeleteReportsNoRevision() {
        givenConflict();
        replicator.openConflicts().get(0).resolveManually(null);
        replicator.sync();
        assertNull(inbox.resolvedReports.get(0).get(0).rev());
    }

    @Test
    void aFailedReportIsSentAgainOnTheNextSyncAndTheSyncGoesOn() {
        givenConflict();
        replicator.openConflicts().get(0).resolveUsingTarget();
        inbox.failWith = 503;
        other.upsert(todo("t2", "new"));
        otherReplicator.sync();
        replicator.sync();
        assertEquals("new", mine.findById("t2").get("title"), "the pull went on");
        assertEquals(1, inbox.resolvedReports.size());
        inbox.failWith = 0;
        replicator.sync();
        assertEquals(2, inbox.resolvedReports.size());
        assertEquals("t1", inbox.resolvedReports.get(1).get(0).modelId());
        replicator.sync();
        assertEquals(2, inbox.resolvedReports.size());
    }

    @Test
    void aRefusedCallerIsNotAskedAgain() {
        for (int status : new int[] {401, 403}) {
            setUp();
            givenConflict();
            replicator.openConflicts().get(0).resolveUsingTarget();
            inbox.failWith = status;
            replicator.sync();
            inbox.failWith = 0;
            replicator.sync();
            assertEquals(1, inbox.resolvedReports.size(), "after " + status);
        }
    }

    @Test
    void anAdminResolutionIsNotReportedBack() {
        givenConflict();
        inbox.adminResolved = "t1";
        replicator.sync();
        assertTrue(replicator.openConflicts().isEmpty());
        replicator.sync();
        assertTrue(inbox.resolvedReports.isEmpty());
    }

    /** Both edit t1; the other side syncs first, so this side's sync conflicts and keeps it open. */
    private void givenConflict() {
        other.upsert(todo("t1", "base"));
        otherReplicator.sync();
        replicator.sync();
        other.upsert(todo("t1", "theirs"));
        mine.upsert(todo("t1", "mine"));
        otherReplicator.sync();
        assertEquals(1, replicator.sync().conflicts().size());
        assertEquals(1, replicator.openConflicts().size());
    }

    private static Map<String, Object> todo(String id, String title) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("title", title);
        return m;
    }

    /** An inbox that records what it is told and can fail or answer one admin resolution. */
    private static final class FakeInbox implements ConflictInbox {
        final List<List<ResolvedConflict>> resolvedReports = new ArrayList<>();
        int failWith;
        String adminResolved;
        int callsBeforeResolutions = -1;

        @Override
        public ResolutionsPage resolutions(long since, int limit) {
            if (callsBeforeResolutions < 0 && !resolvedReports.isEmpty()) {
                callsBeforeResolutions = resolvedReports.size();
            }
            if (adminResolved != null && since == 0) {
                return new ResolutionsPage(Collections.singletonList(new AdminResolution(1, 1, adminResolved,
                        "server")), 2);
            }
            return new ResolutionsPage(Collections.emptyList(), Math.max(since, adminResolved == null ? 0 : 2));
        }

        @Override
        public void report(List<ReportedConflict> conflicts) {
        }

        @Override
        public void reportResolved(List<ResolvedConflict> resolved) {
            resolvedReports.add(new ArrayList<>(resolved));
            if (failWith != 0) {
                throw new SyncException(failWith, "Error", null, "refused", null);
            }
        }
    }
}
