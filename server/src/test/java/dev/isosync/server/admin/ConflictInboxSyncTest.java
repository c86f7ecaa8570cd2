package dev.isosync.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.query.Filter;
import dev.isosync.replication.ReplicationResult;
import dev.isosync.server.TestDatabases;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our replicator in the server's conflict inbox (Replicator.withConflictInbox), against the real server: it
 * reports its pull conflicts with its own version, takes each admin resolution on its next sync, and ends where
 * the server and the other device are, with no new conflict.
 */
class ConflictInboxSyncTest {
    private InboxServer server;
    private TestDevice a;
    private TestDevice b;

    @BeforeEach
    void start() {
        server = new InboxServer(TestDatabases.h2Server());
        a = new TestDevice(server.port(), "device-a", true);
        b = new TestDevice(server.port(), "device-b", true);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aPullConflictIsReportedWithTheClientsVersion() {
        givenSharedT1();
        a.put("t1", "from a");
        b.put("t1", "from b");
        a.sync();
        ReplicationResult pull = b.replicator.pull(); // only the pull: the server never sees this conflict itself
        assertEquals(1, pull.conflicts().size());
        Map<String, Object> c = server.onlyConflict("open");
        assertEquals("client-report", c.get("source"));
        assertEquals("device-b", c.get("clientId"));
        assertEquals("from a", map(map(c.get("serverVersion")).get("data")).get("title"));
        assertEquals("from b", map(map(c.get("clientVersion")).get("data")).get("title"));
        assertEquals(b.local.findLastChange("t1").rev(), map(c.get("clientChange")).get("rev"));
        assertEquals(Collections.singletonList("title"), c.get("differingFields"));
    }

    @Test
    void aPushConflictGetsTheClientsVersionFromThePullThatFollows() {
        givenConflictOnB();
        Map<String, Object> c = server.onlyConflict("open");
        assertEquals("client-report", c.get("source"), "the diff's entry, completed by the client's report");
        assertEquals(2.0, c.get("reports"));
        assertEquals("from b", map(map(c.get("clientVersion")).get("data")).get("title"));
    }

    @Test
    void anOpenConflictIsReportedOncePerLocalVersion() {
        givenConflictOnB();
        a.put("t1", "from a, again");
        a.sync();
        assertEquals(1, b.sync().conflicts().size(), "the pull finds the open conflict again");
        assertEquals(2.0, server.onlyConflict("open").get("reports"), "b's version is the one reported already");
        b.put("t1", "from b, again");
        a.put("t1", "from a, a third time");
        a.sync();
        b.sync();
        Map<String, Object> c = server.onlyConflict("open");
        assertEquals(3.0, c.get("reports"), "a new local version is reported");
        assertEquals("from b, again", map(map(c.get("clientVersion")).get("data")).get("title"));
    }

    @ParameterizedTest
    @CsvSource({
        "{\"keep\":\"server\"}, from a",
        "{\"keep\":\"client\"}, from b",
        "'{\"keep\":\"merge\",\"data\":{\"title\":\"a and b\"}}', a and b",
    })
    void eachAdminResolutionReachesTheClientOnItsNextSync(String resolution, String expected) {
        givenConflictOnB();
        long id = ((Number) server.onlyConflict("open").get("id")).longValue();
        Http.Response r = server.resolve(id, resolution);
        assertEquals(200, r.status, r.body);

        b.requests.clear();
        assertTrue(b.sync().conflicts().isEmpty(), "b took the server's version before pulling");
        assertTrue(b.replicator.openConflicts().isEmpty(), "and shows the conflict resolved");
        assertTrue(b.requests.stream().anyMatch(q -> q.startsWith("POST /sync/Todos/pull?")
                && q.contains("&resolutionsSince=")), "the resolutions came with the pull: " + b.requests);
        assertTrue(b.requests.stream().noneMatch(q -> q.contains("/resolutions")), "and were not asked for apart: "
                + b.requests);
        assertTrue(a.sync().conflicts().isEmpty());
        assertTrue(b.sync().conflicts().isEmpty());
        List<Map<String, Object>> onServer = server.todos().find(Filter.ALL);
        assertEquals(expected, onServer.get(0).get("title"));
        assertEquals(onServer, a.local.find(Filter.ALL));
        assertEquals(onServer, b.local.find(Filter.ALL));
        assertTrue(server.conflicts("open").isEmpty(), "no conflict was reported again");
        assertEquals(1, server.conflicts("resolved").size());
    }

    @Test
    void anOldResolutionIsNotAppliedToALaterConflict() {
        givenConflictOnB();
        long id = ((Number) server.onlyConflict("open").get("id")).longValue();
        assertEquals(200, server.resolve(id, "{\"keep\":\"server\"}").status);
        b.sync();
        assertEquals("from a", b.title("t1"));

        // a later conflict on the same record is the user's to resolve: the old resolution is not applied again
        b.put("t1", "b's second edit");
        a.put("t1", "a's second edit");
        a.sync();
        assertEquals(1, b.sync().conflicts().size());
        assertEquals(1, b.replicator.openConflicts().size());
        b.sync();
        assertEquals(1, b.replicator.openConflicts().size());
        assertEquals("b's second edit", b.title("t1"));
        assertEquals(1, server.conflicts("open").size());
    }

    @Test
    void aResolutionOfAVersionTheUserHasSinceEditedIsNotAppliedOverTheEdit() {
        givenConflictOnB();
        long id = ((Number) server.onlyConflict("open").get("id")).longValue();
        assertEquals(200, server.resolve(id, "{\"keep\":\"server\"}").status);
        // before b syncs again, its user edits the todo in conflict once more: the admin decided on the version
        // b had then, not on this one, so taking the server's version now would lose the edit
        b.put("t1", "b's edit after the admin's decision");
        b.sync();
        assertEquals("b's edit after the admin's decision", b.title("t1"));
        assertEquals(1, b.replicator.openConflicts().size(), "the user decides on the conflict now");
        assertEquals("from a", server.todos().findById("t1").get("title"));
    }

    @Test
    void aReplicatorWithoutTheInboxReportsNothing() {
        TestDevice plain = new TestDevice(server.port(), "device-plain");
        a.put("t1", "base");
        a.sync();
        plain.sync();
        a.put("t1", "from a");
        plain.put("t1", "from plain");
        a.sync();
        assertEquals(1, plain.replicator.pull().conflicts().size());
        assertTrue(server.conflicts("open").isEmpty(), "a pull conflict stays with the client, as with LoopBack");
        assertEquals(1, plain.replicator.openConflicts().size());
    }

    /** a and b both hold t1. */
    private void givenSharedT1() {
        a.put("t1", "base");
        a.sync();
        b.sync();
    }

    /** Both edit t1; a syncs first, so b's sync conflicts (its push is found by the server's diff). */
    private void givenConflictOnB() {
        givenSharedT1();
        a.put("t1", "from a");
        b.put("t1", "from b");
        assertTrue(a.sync().conflicts().isEmpty());
        assertEquals(1, b.sync().conflicts().size());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
