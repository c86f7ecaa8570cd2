package dev.isosync.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.demo.Todo;
import dev.isosync.memory.MemoryStore;
import dev.isosync.query.Filter;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replication.Conflict;
import dev.isosync.replication.Replicator;
import dev.isosync.server.TestDatabases;
import dev.isosync.wire.RemoteReplica;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Conflicts a client resolves itself leave the inbox for the history: by its push of the record (any client, a
 * LoopBack one included) or by our client's report of a resolution that pushes nothing. Against the real
 * server on H2.
 */
class ClientResolvedConflictsTest {
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
    void aLoopBackClientThatResolvesUsingSourceAndPushesClosesItsEntry() {
        LocalReplica lbLocal = new LocalReplica(new MemoryStore(), Todo.DEFINITION);
        // no X-Client-Id and no inbox: the server knows this client by its address, as it knows a LoopBack one
        Replicator lb = new Replicator(lbLocal, new RemoteReplica(new NoClientIdTransport(server.port()),
                Todo.DEFINITION), "server", 50, Filter.ALL);
        a.put("t1", "base");
        a.sync();
        lb.sync();
        a.put("t1", "from a");
        lbLocal.upsert(todo("t1", "from loopback"));
        a.sync();
        List<Conflict> pushConflicts = lb.push().conflicts();
        assertEquals(1, pushConflicts.size());
        Map<String, Object> open = server.onlyConflict("open");
        assertEquals("address", open.get("clientKind"));

        pushConflicts.get(0).resolveUsingSource();
        assertEquals(1, server.conflicts("open").size(), "resolving locally tells the server nothing yet");
        assertTrue(lb.push().conflicts().isEmpty());

        assertTrue(server.conflicts("open").isEmpty());
        Map<String, Object> c = server.onlyConflict("resolved");
        assertEquals(open.get("id"), c.get("id"));
        assertEquals("client-pushed", c.get("resolution"));
        assertEquals("client", c.get("resolvedBy"));
        assertEquals("from loopback", map(c.get("resolvedData")).get("title"));
        assertEquals(server.lastChange("t1").rev(), c.get("resolvedRev"), "the server's version after the push");
        assertNull(c.get("resolutionSeq"));
    }

    @Test
    void keepingTheirsIsReportedBeforeThePullAndClosesTheEntry() {
        givenConflictOnB();
        b.replicator.openConflicts().get(0).resolveUsingTarget();
        assertEquals(1, server.conflicts("open").size());

        assertTrue(b.sync().conflicts().isEmpty());
        assertTrue(server.conflicts("open").isEmpty());
        Map<String, Object> c = server.onlyConflict("resolved");
        assertEquals("client-reported", c.get("resolution"));
        assertEquals("client", c.get("resolvedBy"));
        assertEquals("from a", map(c.get("resolvedData")).get("title"));
        assertEquals(server.lastChange("t1").rev(), c.get("resolvedRev"));
        assertNoResolutionsFor("device-b");
        assertEquals("from a", b.title("t1"));
    }

    @Test
    void keepingMineIsPushedAndThePushClosesTheEntry() {
        givenConflictOnB();
        b.replicator.openConflicts().get(0).resolveUsingSource();

        assertTrue(b.sync().conflicts().isEmpty());
        Map<String, Object> c = server.onlyConflict("resolved");
        assertEquals("client-pushed", c.get("resolution"));
        assertEquals("from b", map(c.get("resolvedData")).get("title"));
        assertEquals(b.local.findLastChange("t1").rev(), c.get("resolvedRev"));
        assertTrue(server.conflicts("open").isEmpty());
        assertNoResolutionsFor("device-b");
        assertTrue(a.sync().conflicts().isEmpty());
        assertEquals("from b", a.title("t1"));
    }

    @Test
    void aMergeIsPushedAndThePushClosesTheEntry() {
        givenConflictOnB();
        b.replicator.openConflicts().get(0).resolveManually(Collections.singletonMap("title", "a and b"));

        assertTrue(b.sync().conflicts().isEmpty());
        Map<String, Object> c = server.onlyConflict("resolved");
        assertEquals("client-pushed", c.get("resolution"));
        assertEquals("a and b", map(c.get("resolvedData")).get("title"));
        assertTrue(server.conflicts("open").isEmpty());
        assertTrue(a.sync().conflicts().isEmpty());
        assertEquals("a and b", a.title("t1"));
    }

    @Test
    void keepingMyDeleteIsPushedAndClosesTheEntryWithNoRecord() {
        a.put("t1", "base");
        a.sync();
        b.sync();
        a.put("t1", "from a");
        b.local.deleteById("t1");
        a.sync();
        assertEquals(1, b.sync().conflicts().size());
        b.replicator.openConflicts().get(0).resolveUsingSource();

        assertTrue(b.sync().conflicts().isEmpty());
        Map<String, Object> c = server.onlyConflict("resolved");
        assertEquals("client-pushed", c.get("resolution"));
        assertNull(c.get("resolvedData"));
        assertTrue(server.todos().find(Filter.ALL).isEmpty());
    }

    @Test
    void anotherClientsConflictOnTheSameRecordStaysOpen() {
        TestDevice d = new TestDevice(server.port(), "device-d", true);
        a.put("t1", "base");
        a.sync();
        b.sync();
        d.sync();
        a.put("t1", "from a");
        b.put("t1", "from b");
        d.put("t1", "from d");
        a.sync();
        assertEquals(1, b.sync().conflicts().size());
        assertEquals(1, d.sync().conflicts().size());
        assertEquals(2, server.conflicts("open").size());

        b.replicator.openConflicts().get(0).resolveUsingTarget();
        b.sync();
        Map<String, Object> stillOpen = server.onlyConflict("open");
        assertEquals("device-d", stillOpen.get("clientId"));
        assertEquals("device-b", server.onlyConflict("resolved").get("clientId"));

        // d's report of a record it has no open entry of, or of b's, closes nothing but its own
        Http.Response r = server.http.post("/sync/Todos/conflicts/resolved", "[{\"modelId\":\"t9\",\"rev\":null}]",
                "X-Client-Id", "device-d");
        assertEquals(200, r.status, r.body);
        assertEquals(Collections.emptyList(), r.json().get("closed"));
        assertEquals(1, server.conflicts("open").size());
    }

    @Test
    void aResolutionReportedAgainChangesNothing() {
        givenConflictOnB();
        String body = "[{\"modelId\":\"t1\",\"rev\":\"" + b.local.findLastChange("t1").rev() + "\"}]";
        Http.Response first = server.http.post("/sync/Todos/conflicts/resolved", body, "X-Client-Id", "device-b");
        assertEquals(200, first.status, first.body);
        List<?> closed = (List<?>) first.json().get("closed");
        assertEquals(1, closed.size());
        assertEquals("t1", map(closed.get(0)).get("modelId"));
        Map<String, Object> c = server.onlyConflict("resolved");
        assertEquals(c.get("id"), map(closed.get(0)).get("id"));

        Http.Response again = server.http.post("/sync/Todos/conflicts/resolved", body, "X-Client-Id", "device-b");
        assertEquals(200, again.status);
        assertEquals(Collections.emptyList(), again.json().get("closed"));
        assertEquals(c.get("resolvedAt"), server.onlyConflict("resolved").get("resolvedAt"));
        // the admin finds it resolved already
        Http.Response admin = server.resolve(((Number) c.get("id")).longValue(), "{\"keep\":\"server\"}");
        assertEquals(409, admin.status, admin.body);
    }

    @Test
    void badResolutionReportsAreRefusedAndCloseNothing() {
        givenConflictOnB();
        String good = "{\"modelId\":\"t1\",\"rev\":\"abc\"}";
        String[][] cases = {
            {"{}", "400", "takes an array"},
            {"", "400", "got null"},
            {"[1]", "400", "conflict 0 must be an object"},
            {"[{\"rev\":null}]", "400", "\\\"modelId\\\" is missing"},
            {"[{\"modelId\":\"t1\"}]", "400", "\\\"rev\\\" is missing"},
            {"[{\"modelId\":\"t1\",\"rev\":null,\"data\":{}}]", "400", "unknown property \\\"data\\\""},
            {"[{\"modelId\":7,\"rev\":null}]", "422", "`modelId` must be a string"},
            {"[{\"modelId\":\"\",\"rev\":null}]", "422", "`modelId` must have 1 to 255"},
            {"[{\"modelId\":\"t1\",\"rev\":5}]", "422", "`rev` must be a revision"},
            {"[{\"modelId\":\"t1\",\"rev\":\"\"}]", "422", "`rev` must be a revision"},
            {"[" + good + "," + good + "]", "422", "is reported twice"},
            {"[" + good + ",{\"modelId\":\"t2\",\"rev\":[]}]", "422", "t2"},
        };
        for (String[] c : cases) {
            Http.Response r = server.http.post("/sync/Todos/conflicts/resolved", c[0], "X-Client-Id", "device-b");
            assertEquals(Integer.parseInt(c[1]), r.status, c[0] + " -> " + r.body);
            assertTrue(r.body.contains(c[2]), c[0] + " -> " + r.body);
        }
        Http.Response badClient = server.http.post("/sync/Todos/conflicts/resolved", "[" + good + "]", "X-Client-Id",
                "no spaces");
        assertEquals(400, badClient.status);
        assertEquals("INVALID_CLIENT_ID", map(badClient.json().get("error")).get("code"));
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i <= ClientConflictApi.MAX_REPORT_ITEMS; i++) {
            many.append(i == 0 ? "" : ",").append("{\"modelId\":\"m").append(i).append("\",\"rev\":null}");
        }
        assertEquals(413, server.http.post("/sync/Todos/conflicts/resolved", many.append("]").toString(), "X-Client-Id",
                "device-b").status);
        assertEquals(1, server.conflicts("open").size(), "nothing closed");
        assertTrue(server.conflicts("resolved").isEmpty());
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** Both edit t1; a syncs first, so b's sync conflicts and leaves an open entry. */
    private void givenConflictOnB() {
        a.put("t1", "base");
        a.sync();
        b.sync();
        a.put("t1", "from a");
        b.put("t1", "from b");
        assertTrue(a.sync().conflicts().isEmpty());
        assertEquals(1, b.sync().conflicts().size());
        assertEquals(1, server.conflicts("open").size());
    }

    private void assertNoResolutionsFor(String clientId) {
        Http.Response r = server.http.get("/sync/Todos/resolutions?since=0", "X-Client-Id", clientId);
        assertEquals(200, r.status, r.body);
        assertEquals(Collections.emptyList(), r.json().get("resolutions"), "the client knows already");
    }

    private static Map<String, Object> todo(String id, String title) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("title", title);
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
