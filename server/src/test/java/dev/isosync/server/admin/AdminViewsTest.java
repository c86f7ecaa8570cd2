package dev.isosync.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.json.Json;
import dev.isosync.server.ServerConfig;
import dev.isosync.server.SyncServer;
import dev.isosync.server.TestDatabases;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The data of the console's views after real traffic: overview, clients, records, activity. On H2; a subclass
 * runs the same on the memory store.
 */
class AdminViewsTest {
    private static final String TOKEN = AdminAuthTest.TOKEN;
    /** Half a minute into a minute, so a few seconds of test never cross into the next one. */
    private static final Instant START = Instant.parse("2030-01-01T10:00:30Z");

    private final MutableClock clock = new MutableClock(START);
    private SyncServer server;
    private Http http;

    @BeforeEach
    void start() {
        server = SyncServer.start(config().adminToken(TOKEN).clock(clock));
        http = new Http(server.port());
    }

    /** The server's configuration: H2 here, memory in a subclass. */
    ServerConfig config() {
        return TestDatabases.h2Server();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void overviewCountsRecordsTombstonesChangesAndOpenConflicts() {
        TestDevice a = new TestDevice(server.port(), "device-a");
        TestDevice b = new TestDevice(server.port(), "device-b");
        for (int i = 1; i <= 4; i++) {
            a.put("t" + i, "todo " + i);
        }
        a.sync();
        b.sync();
        a.local.deleteById("t4");
        a.put("t1", "from a");
        b.put("t1", "from b");
        a.sync();
        b.sync(); // conflict on t1
        assertEquals(200, http.post("/api/Todos", "{\"id\":\"t5\",\"title\":\"direct\"}").status);
        assertEquals(200, http.send("DELETE", "/api/Todos/t5", null).status);

        Map<String, Object> overview = admin("/admin/api/overview");
        long checkpoint = server.store().read(tx -> tx.currentCheckpoint());
        assertEquals((double) checkpoint, overview.get("checkpoint"));
        assertEquals(server.store().sourceId(), overview.get("sourceId"));
        assertEquals("2030-01-01T10:00:30.000Z", overview.get("time"));
        Map<String, Object> todo = map(((List<?>) overview.get("models")).get(0));
        assertEquals("Todo", todo.get("name"));
        assertEquals("Todos", todo.get("plural"));
        assertEquals(3.0, todo.get("records"));
        assertEquals(2.0, todo.get("tombstones"), "t4 and t5");
        assertEquals((double) checkpoint, todo.get("checkpoint"));
        assertEquals(1.0, todo.get("openConflicts"));
        // 4 creates + a delete and an update pushed by a, 2 direct writes, 0 written by b's conflicting push
        assertEquals(8 / 10.0, todo.get("changesPerMinute"));
        clock.advance(Duration.ofMinutes(10));
        assertEquals(0.0, map(((List<?>) admin("/admin/api/overview").get("models")).get(0)).get("changesPerMinute"),
                "only the last ten minutes count");
    }

    @Test
    void clientsShowTheirCheckpointsLagAndStaleness() {
        // a puller that says exactly what it has: changes from -1 on, then a keyset page from 5 on
        assertEquals(200, http.post("/api/Todos", "{\"id\":\"t1\",\"title\":\"a\"}", "X-Client-Id", "writer").status);
        http.post("/api/Todos/checkpoint", null, "X-Client-Id", "puller");
        Http.Response pulled = http.get("/api/Todos/changes?since=-1", "X-Client-Id", "puller");
        assertEquals(1.0, map(((List<?>) Json.parse(pulled.body)).get(0)).get("checkpoint"));
        http.post("/api/Todos/checkpoint", null, "X-Client-Id", "puller");
        http.post("/api/Todos/diff", "[{\"modelId\":\"p1\",\"rev\":\"r1\",\"checkpoint\":7},"
                + "{\"modelId\":\"p2\",\"rev\":\"r2\",\"checkpoint\":9}]", "X-Client-Id", "puller");
        clock.advance(Duration.ofSeconds(90));
        assertEquals(404, http.get("/api/Todos/nope", "X-Client-Id", "puller").status);
        // a LoopBack client with an access token, and one with nothing but its address
        http.get("/api/Todos", "Authorization", "loopback-access-token-1");
        http.get("/api/Todos/changes?since=-1&access_token=loopback-access-token-1");
        http.get("/api/Todos");

        Http.Response r = http.get("/admin/api/clients", "Authorization", "Bearer " + TOKEN);
        assertEquals(200, r.status);
        assertFalse(r.body.contains("loopback-access-token-1"), "a token is never shown");
        Map<String, Object> body = r.json();
        assertEquals(3.0, body.get("serverCheckpoint"));
        assertEquals(3600.0, body.get("staleAfter"));
        Map<String, Map<String, Object>> byId = clients(body);
        assertEquals(4, byId.size(), byId.keySet().toString());

        Map<String, Object> puller = byId.get("puller");
        assertEquals("client-id", puller.get("kind"));
        assertEquals("2030-01-01T10:00:30.000Z", puller.get("firstSeen"));
        assertEquals("2030-01-01T10:02:00.000Z", puller.get("lastSeen"));
        assertEquals(1.0, puller.get("lastPulledCheckpoint"), "the highest checkpoint it received");
        assertEquals("2030-01-01T10:00:30.000Z", puller.get("lastPulledAt"));
        assertEquals(9.0, puller.get("lastPushedCheckpoint"), "the highest of its own checkpoints it pushed");
        assertEquals("2030-01-01T10:00:30.000Z", puller.get("lastPushedAt"));
        assertEquals(2.0, puller.get("lagCheckpoints"));
        assertEquals(90.0, puller.get("lagSeconds"), "since its last pull, two checkpoints ago");
        assertEquals("2030-01-01T10:00:30.000Z", puller.get("lastSyncedAt"));
        assertEquals(5.0, puller.get("requests"));
        assertEquals(1.0, puller.get("errors"));
        assertEquals(false, puller.get("stale"));

        Map<String, Object> token = byId.get("token:" + ClientIdentity.fingerprint("loopback-access-token-1"));
        assertNotNull(token, byId.keySet().toString());
        assertEquals("token", token.get("kind"));
        assertEquals(2.0, token.get("requests"), "Authorization and access_token name the same client");
        assertEquals(1.0, token.get("lastPulledCheckpoint"), "its pull from -1 received t1");
        Map<String, Object> address = byId.get("address:127.0.0.1");
        assertEquals("address", address.get("kind"));
        assertNull(address.get("lastPulledCheckpoint"));
        assertNull(address.get("lagCheckpoints"));
        assertNull(address.get("lagSeconds"));
        assertNull(address.get("lastSyncedAt"), "it only read");
        assertEquals("writer", ((Map<?, ?>) ((List<?>) body.get("clients")).get(3)).get("id"),
                "most recently seen first");

        // a later keyset pull moves the checkpoint even past the server's: the client says what it has
        http.get("/sync/Todos/changes?since=5", "X-Client-Id", "puller");
        assertEquals(5.0, clients(admin("/admin/api/clients")).get("puller").get("lastPulledCheckpoint"));
        clock.advance(Duration.ofSeconds(30));
        assertEquals(0.0, clients(admin("/admin/api/clients")).get("puller").get("lagCheckpoints"));
        assertEquals(0.0, clients(admin("/admin/api/clients")).get("puller").get("lagSeconds"), "not behind at all");

        clock.advance(Duration.ofHours(2));
        assertEquals(true, clients(admin("/admin/api/clients")).get("puller").get("stale"));
        Map<String, Object> lenient = admin("/admin/api/clients?staleAfter=86400");
        assertEquals(86400.0, lenient.get("staleAfter"));
        assertEquals(false, clients(lenient).get("puller").get("stale"));
        assertEquals(400, http.get("/admin/api/clients?staleAfter=-1", "Authorization", "Bearer " + TOKEN).status);
        assertEquals(400, http.get("/admin/api/clients?staleAfter=soon", "Authorization", "Bearer " + TOKEN).status);
    }

    @Test
    void staleMeansNotSyncedForThatLongWhateverElseTheClientAsks() {
        server.close();
        server = SyncServer.start(config().adminToken(TOKEN).clock(clock).staleAfter(Duration.ofSeconds(60)));
        http = new Http(server.port());
        http.get("/api/Todos/changes?since=-1", "X-Client-Id", "puller");
        http.post("/api/Todos/diff", "[]", "X-Client-Id", "pusher");
        http.get("/api/Todos", "X-Client-Id", "reader");
        clock.advance(Duration.ofSeconds(45));
        for (String client : Arrays.asList("puller", "pusher", "reader")) {
            // seen again, but none of these is a sync
            http.get("/api/Todos", "X-Client-Id", client);
            http.post("/api/Todos/checkpoint", null, "X-Client-Id", client);
            http.post("/api/Todos", "{\"title\":\"x\"}", "X-Client-Id", client);
        }
        clock.advance(Duration.ofSeconds(30));
        Map<String, Map<String, Object>> byId = clients(admin("/admin/api/clients"));
        for (String client : Arrays.asList("puller", "pusher", "reader")) {
            assertEquals("2030-01-01T10:01:15.000Z", byId.get(client).get("lastSeen"), client);
            assertEquals(true, byId.get(client).get("stale"), client + " last synced 75 s ago (or never)");
        }
        assertEquals("2030-01-01T10:00:30.000Z", byId.get("puller").get("lastSyncedAt"));
        assertEquals("2030-01-01T10:00:30.000Z", byId.get("pusher").get("lastSyncedAt"));
        assertNull(byId.get("reader").get("lastSyncedAt"), "it never synced: stale counts from its first request");

        http.get("/sync/Todos/changes?since=0", "X-Client-Id", "puller");
        http.post("/api/Todos/bulk-update", "{\"updates\":[]}", "X-Client-Id", "pusher");
        byId = clients(admin("/admin/api/clients"));
        assertEquals(false, byId.get("puller").get("stale"));
        assertEquals(false, byId.get("pusher").get("stale"));
        assertEquals("2030-01-01T10:01:45.000Z", byId.get("pusher").get("lastSyncedAt"));
        assertEquals(true, byId.get("reader").get("stale"));
    }

    @Test
    void staleAfterComesFromTheConfiguration() {
        server.close();
        server = SyncServer.start(config().adminToken(TOKEN).clock(clock).staleAfter(Duration.ofSeconds(30)));
        http = new Http(server.port());
        http.get("/api/Todos", "X-Client-Id", "someone");
        assertEquals(false, clients(admin("/admin/api/clients")).get("someone").get("stale"));
        clock.advance(Duration.ofSeconds(31));
        Map<String, Object> body = admin("/admin/api/clients");
        assertEquals(30.0, body.get("staleAfter"));
        assertEquals(true, clients(body).get("someone").get("stale"));
    }

    @Test
    void ourReplicatorsShowAsClientsWithBothCheckpoints() {
        TestDevice a = new TestDevice(server.port(), "device-a");
        a.put("t1", "one");
        a.sync();
        Map<String, Object> device = clients(admin("/admin/api/clients")).get("device-a");
        assertEquals("client-id", device.get("kind"));
        assertNotNull(device.get("lastPulledCheckpoint"));
        assertEquals((double) a.local.findLastChange("t1").checkpoint(), device.get("lastPushedCheckpoint"));
        assertEquals(0.0, device.get("errors"));
        // the combined push, the resolutions and the combined start of the pull
        assertTrue((Double) device.get("requests") >= 3, device.toString());
        long lag = server.store().read(tx -> tx.currentCheckpoint()) - ((Double) device.get("lastPulledCheckpoint")).longValue();
        assertEquals((double) lag, device.get("lagCheckpoints"));
    }

    @Test
    void recordBrowserListsRecordsWithChangeRowsAndTombstones() {
        http.post("/api/Todos", "{\"id\":\"t1\",\"title\":\"x\",\"created\":1}");
        http.post("/api/Todos", "{\"id\":\"t2\",\"title\":\"y\",\"created\":2}");
        http.post("/api/Todos", "{\"id\":\"t3\",\"title\":\"x\",\"created\":3}");
        http.post("/api/Todos/checkpoint", null);
        http.send("PATCH", "/api/Todos/t1", "{\"title\":\"x\",\"completed\":true}");
        http.send("DELETE", "/api/Todos/t3", null);

        Map<String, Object> all = admin("/admin/api/models/Todo/records");
        assertEquals("Todo", all.get("model"));
        List<?> records = (List<?>) all.get("records");
        assertEquals(2, records.size());
        Map<String, Object> t1 = map(records.get(0));
        assertEquals("t1", t1.get("modelId"));
        assertEquals("{\"id\":\"t1\",\"title\":\"x\",\"completed\":true,\"created\":1}", Json.write(t1.get("data")));
        Map<String, Object> change = map(t1.get("change"));
        assertEquals(2.0, change.get("checkpoint"));
        assertNotNull(change.get("rev"));
        assertNotNull(change.get("prev"), "updated across a checkpoint");
        assertEquals(1.0, all.get("tombstoneCount"));
        Map<String, Object> t3 = map(((List<?>) all.get("tombstones")).get(0));
        assertEquals("t3", t3.get("modelId"));
        assertTrue(t3.containsKey("data"));
        assertNull(t3.get("data"));
        assertNull(map(t3.get("change")).get("rev"));
        assertNotNull(map(t3.get("change")).get("prev"));

        Map<String, Object> filtered = admin("/admin/api/models/Todo/records?filter="
                + enc("{\"where\":{\"title\":\"x\"},\"fields\":[\"id\",\"title\"],\"order\":\"created DESC\"}")
                + "&tombstoneLimit=0");
        List<?> x = (List<?>) filtered.get("records");
        assertEquals(1, x.size());
        assertEquals("{\"id\":\"t1\",\"title\":\"x\"}", Json.write(map(x.get(0)).get("data")));
        assertEquals(Arrays.asList(), filtered.get("tombstones"));
        assertEquals(1.0, filtered.get("tombstoneCount"));

        assertEquals(404, http.get("/admin/api/models/Nope/records", "Authorization", "Bearer " + TOKEN).status);
        assertEquals(400, http.get("/admin/api/models/Todo/records?filter=" + enc("{\"where\":{\"nope\":1}}"),
                "Authorization", "Bearer " + TOKEN).status);
        assertEquals(400, http.get("/admin/api/models/Todo/records?filter=%7B", "Authorization", "Bearer " + TOKEN).status);
        assertEquals(400, http.get("/admin/api/models/Todo/records?tombstoneLimit=5000",
                "Authorization", "Bearer " + TOKEN).status);
    }

    @Test
    void activityCountsChangesSyncsAndConflictsPerMinute() {
        TestDevice a = new TestDevice(server.port(), "device-a");
        TestDevice b = new TestDevice(server.port(), "device-b");
        a.put("t1", "one");
        a.put("t2", "two");
        a.sync();
        b.sync();
        clock.advance(Duration.ofMinutes(1));
        a.put("t1", "from a");
        b.put("t1", "from b");
        a.sync();
        b.sync();
        http.post("/api/Todos", "{\"id\":\"t9\",\"title\":\"direct\"}");

        Map<String, Object> body = admin("/admin/api/activity?minutes=3");
        assertEquals(3.0, body.get("minutes"));
        List<?> buckets = (List<?>) body.get("buckets");
        assertEquals(3, buckets.size());
        Map<String, Object> before = map(buckets.get(0));
        Map<String, Object> first = map(buckets.get(1));
        Map<String, Object> second = map(buckets.get(2));
        assertEquals("2030-01-01T09:59:00.000Z", before.get("minute"));
        assertEquals("2030-01-01T10:00:00.000Z", first.get("minute"));
        assertEquals("2030-01-01T10:01:00.000Z", second.get("minute"));
        assertEquals(0.0, before.get("syncs"));
        assertEquals(2.0, first.get("changes"), "a's two creates");
        assertEquals(0.0, first.get("conflicts"));
        // two syncs, each several replication requests (push, resolutions, pull and its second pass)
        assertTrue((Double) first.get("syncs") >= 5, first.toString());
        assertEquals(2.0, second.get("changes"), "a's update and the direct create");
        assertEquals(1.0, second.get("conflicts"));
        assertTrue((Double) second.get("syncs") >= 5, second.toString());

        Map<String, Object> all = admin("/admin/api/activity");
        assertEquals(60, ((List<?>) all.get("buckets")).size());
        assertEquals(Json.write(second), Json.write(((List<?>) all.get("buckets")).get(59)));
        assertEquals(second.get("changes"), map(((List<?>) admin("/admin/api/activity?minutes=1&model=Todo")
                .get("buckets")).get(0)).get("changes"));
        for (String bad : Arrays.asList("minutes=0", "minutes=10081", "minutes=x", "model=Nope")) {
            assertEquals(400, http.get("/admin/api/activity?" + bad, "Authorization", "Bearer " + TOKEN).status, bad);
        }
    }

    @Test
    void conflictsListTakesStateModelAndLimit() {
        for (String bad : Arrays.asList("state=closed", "model=Nope", "limit=0", "limit=99999", "limit=x")) {
            assertEquals(400, http.get("/admin/api/conflicts?" + bad, "Authorization", "Bearer " + TOKEN).status, bad);
        }
        TestDevice b = new TestDevice(server.port(), "device-b");
        for (String id : Arrays.asList("c1", "c2", "c3")) {
            b.put(id, "mine");
            http.post("/sync/Todos/conflicts", b.conflictReport(id), "X-Client-Id", "device-b");
        }
        List<?> two = (List<?>) admin("/admin/api/conflicts?model=Todo&limit=2").get("conflicts");
        assertEquals(2, two.size());
        assertEquals("c3", map(two.get(0)).get("modelId"), "newest first");
        assertEquals("open", admin("/admin/api/conflicts").get("state"));
    }

    private Map<String, Object> admin(String path) {
        Http.Response r = http.get(path, "Authorization", "Bearer " + TOKEN);
        assertEquals(200, r.status, path + " " + r.body);
        return r.json();
    }

    private static Map<String, Map<String, Object>> clients(Map<String, Object> body) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        for (Object c : (List<?>) body.get("clients")) {
            out.put((String) map(c).get("id"), map(c));
        }
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
