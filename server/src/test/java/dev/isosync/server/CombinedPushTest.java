package dev.isosync.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.client.JdkHttpTransport;
import dev.isosync.demo.Todo;
import dev.isosync.json.Json;
import dev.isosync.memory.MemoryStore;
import dev.isosync.query.Filter;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replication.Replicator;
import dev.isosync.wire.HttpTransport;
import dev.isosync.wire.RemoteReplica;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our combined push, {@code POST /sync/Todos/push} (PROTOCOL.md 9.8): one request that does what a diff and a
 * bulk-update of its deltas do, and our clients' use of it, falling back to LoopBack's two requests where a server
 * has no such endpoint.
 */
class CombinedPushTest {
    private static final String REV_T1 = "cfa1f9be556e475d7a488fe62162d165876a983d";
    private SyncServer server;
    private JdkHttpTransport http;

    @BeforeEach
    void start() {
        server = SyncServer.start(TestDatabases.h2Server());
        http = new JdkHttpTransport("http://127.0.0.1:" + server.port());
    }

    @AfterEach
    void stop() {
        server.closeAndDrop();
    }

    private static String item(String type, String change, String data) {
        return "{\"type\":\"" + type + "\",\"change\":" + change + (data == null ? "" : ",\"data\":" + data) + "}";
    }

    private HttpTransport.Response push(String query, String... items) {
        return http.send("POST", "/sync/Todos/push" + query, "{\"updates\":[" + String.join(",", items) + "]}");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> record(String id) {
        HttpTransport.Response r = http.send("GET", "/api/Todos/" + id, null);
        return r.status() == 404 ? null : (Map<String, Object>) Json.parse(r.body());
    }

    @SuppressWarnings("unchecked")
    private String revOf(String id) {
        http.send("POST", "/api/Todos/checkpoint", null);
        return (String) ((Map<String, Object>) Json.parse(http.send("GET", "/api/Todos/" + id + "/changes/last", null)
                .body())).get("rev");
    }

    @Test
    void appliesTheDeltasAndReportsTheConflictsAsDiffAndBulkUpdateWould() {
        http.send("POST", "/api/Todos", "{\"id\":\"t1\",\"title\":\"a\"}");
        http.send("POST", "/api/Todos", "{\"id\":\"t2\",\"title\":\"server\"}");
        String t2 = revOf("t2");
        HttpTransport.Response r = push("",
                item("create", "{\"modelName\":\"LocalTodo\",\"modelId\":\"t5\",\"rev\":\"r5\",\"checkpoint\":3}",
                        "{\"id\":\"t5\",\"title\":\"new\",\"completed\":false,\"created\":null}"),
                item("update", "{\"modelName\":\"LocalTodo\",\"modelId\":\"t1\",\"rev\":\"r1\",\"prev\":\"" + REV_T1
                        + "\",\"checkpoint\":3}", "{\"id\":\"t1\",\"title\":\"b\",\"completed\":true,\"created\":null}"),
                item("update", "{\"modelName\":\"LocalTodo\",\"modelId\":\"t2\",\"rev\":\"r2\",\"prev\":\"stale\","
                        + "\"checkpoint\":3}", "{\"id\":\"t2\",\"title\":\"client\",\"completed\":false,\"created\":null}"),
                item("delete", "{\"modelName\":\"LocalTodo\",\"modelId\":\"t9\",\"rev\":null,\"prev\":\"gone\","
                        + "\"checkpoint\":3}", null));
        assertEquals(200, r.status(), r.body());
        assertEquals("{\"updates\":2,\"conflicts\":[{\"id\":\"" + changeId("t2") + "\",\"rev\":\"" + t2
                + "\",\"checkpoint\":1,\"modelName\":\"Todo\",\"modelId\":\"t2\"}],\"rejected\":[]}", r.body(),
                "the create and the update went; t2 conflicts; the delete of a record the server never had is nothing");
        assertEquals("new", record("t5").get("title"));
        assertEquals("b", record("t1").get("title"));
        assertEquals("server", record("t2").get("title"), "a conflicting change is not applied");
        HttpTransport.Response again = push("", item("update", "{\"modelName\":\"LocalTodo\",\"modelId\":\"t1\","
                + "\"rev\":\"" + revOf("t1") + "\",\"prev\":\"" + REV_T1 + "\",\"checkpoint\":3}",
                "{\"id\":\"t1\",\"title\":\"b\",\"completed\":true,\"created\":null}"));
        assertEquals("{\"updates\":0,\"conflicts\":[],\"rejected\":[]}", again.body(),
                "a change whose revision the server holds is no update");
    }

    @Test
    void sinceRebasesOntoServerChangesTheClientHasSeen() {
        http.send("POST", "/api/Todos", "{\"id\":\"t1\",\"title\":\"a\"}");
        long seen = Long.parseLong(http.send("POST", "/api/Todos/checkpoint", null).body().replaceAll(".*\"seq\":(\\d+).*",
                "$1"));
        String change = "{\"modelName\":\"LocalTodo\",\"modelId\":\"t1\",\"rev\":\"r1\",\"prev\":\"unrelated\","
                + "\"checkpoint\":3}";
        String data = "{\"id\":\"t1\",\"title\":\"b\",\"completed\":false,\"created\":null}";
        assertEquals("{\"updates\":0,\"conflicts\":[{\"id\":\"" + changeId("t1") + "\",\"rev\":\"" + REV_T1
                + "\",\"checkpoint\":1,\"modelName\":\"Todo\",\"modelId\":\"t1\"}],\"rejected\":[]}",
                push("", item("update", change, data)).body(), "without since every server change counts");
        assertEquals("{\"updates\":1,\"conflicts\":[],\"rejected\":[]}",
                push("?since=" + seen, item("update", change, data)).body(),
                "a server change older than since is one the client has: the update is rebased onto it");
        assertEquals("b", record("t1").get("title"));
    }

    @Test
    void badRequestsAreRefusedAndWriteNothing() {
        String good = item("create", "{\"modelId\":\"ok1\",\"rev\":\"r\"}", "{\"id\":\"ok1\",\"title\":\"fine\"}");
        assertEquals(400, http.send("POST", "/sync/Todos/push", "[" + good + "]").status(), "a bare array");
        assertEquals(400, push("?since=soon", good).status());
        HttpTransport.Response invalid = push("", good,
                item("create", "{\"modelId\":\"bad1\",\"rev\":\"r\"}", "{\"id\":\"bad1\",\"title\":7}"));
        assertEquals(422, invalid.status());
        assertTrue(invalid.body().contains("bad1"), invalid.body());
        assertEquals("{\"count\":0}", http.send("GET", "/api/Todos/count", null).body());
        assertEquals("[]", http.send("GET", "/api/Todos/changes?since=-1", null).body());
    }

    /** Our transport, recording each request, answering 404 for the combined push when the server lacks it. */
    private HttpTransport recording(List<String> requests, boolean withoutCombinedPush) {
        return RecordingTransport.to(http, requests, withoutCombinedPush ? "POST /sync/Todos/push" : null);
    }

    private static Map<String, Object> todo(String id, String title) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("title", title);
        return m;
    }

    private static List<String> pushing(List<String> requests) {
        List<String> out = new ArrayList<>();
        for (String r : requests) {
            if (r.endsWith("/push") || r.endsWith("/diff") || r.endsWith("/bulk-update")
                    || r.endsWith("/create-updates")) {
                out.add(r);
            }
        }
        return out;
    }

    @Test
    void ourClientPushesABatchInOneRequest() {
        List<String> requests = new ArrayList<>();
        LocalReplica local = new LocalReplica(new MemoryStore(), Todo.DEFINITION);
        Replicator replicator = new Replicator(local, new RemoteReplica(recording(requests, false), Todo.DEFINITION),
                "server", 2, Filter.ALL);
        for (int i = 1; i <= 5; i++) {
            local.create(todo("t" + i, "todo " + i));
        }
        assertEquals(5, replicator.push().applied());
        assertEquals(Arrays.asList("POST /sync/Todos/push", "POST /sync/Todos/push", "POST /sync/Todos/push"),
                pushing(requests), "three batches of at most two, one request each; the empty second pass asks none");
        for (int i = 1; i <= 5; i++) {
            assertEquals("todo " + i, record("t" + i).get("title"));
        }
    }

    @Test
    void aServerWithoutTheCombinedPushGetsLoopBacksRequests() {
        List<String> requests = new ArrayList<>();
        LocalReplica local = new LocalReplica(new MemoryStore(), Todo.DEFINITION);
        Replicator replicator = new Replicator(local, new RemoteReplica(recording(requests, true), Todo.DEFINITION),
                "server", 10, Filter.ALL);
        local.create(todo("t1", "one"));
        assertEquals(1, replicator.push().applied());
        local.patchById("t1", todo("t1", "two"));
        assertEquals(1, replicator.push().applied());
        assertEquals(Arrays.asList("POST /sync/Todos/push", "POST /api/Todos/diff", "POST /api/Todos/bulk-update",
                "POST /api/Todos/diff", "POST /api/Todos/bulk-update"), pushing(requests),
                "asked once, then LoopBack's diff and bulk-update");
        assertEquals("two", record("t1").get("title"));
    }

    private static String changeId(String modelId) {
        return dev.isosync.json.Sha1.hexOfUtf8("Todo-" + modelId);
    }
}
