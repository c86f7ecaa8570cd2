package dev.isosync.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP API as a LoopBack client sees it, over a real server on port 0 (PROTOCOL.md 4 and 9.1). */
class ServerApiTest {
    private static final String REV_T1 = "cfa1f9be556e475d7a488fe62162d165876a983d";
    private final HttpClient http = HttpClient.newHttpClient();
    private SyncServer server;

    @BeforeEach
    void start() {
        server = SyncServer.start(TestDatabases.h2Server());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void createStoresEveryPropertyAndHashesAsLoopBack() throws Exception {
        Response r = send("POST", "/api/Todos", "{\"id\":\"t1\",\"title\":\"a\"}");
        assertEquals(200, r.status);
        assertEquals("{\"id\":\"t1\",\"title\":\"a\",\"completed\":false,\"created\":null}", r.body);
        send("POST", "/api/Todos/checkpoint", null);
        assertEquals("[{\"id\":\"2bb6492ce284c2c660c29a92c95dc07c75c6986f\",\"rev\":\"" + REV_T1
                + "\",\"checkpoint\":1,\"modelName\":\"Todo\",\"modelId\":\"t1\"}]",
                send("GET", "/api/Todos/changes?since=-1", null).body);
        Response t2 = send("POST", "/api/Todos", "{\"id\":\"t2\",\"title\":\"b\",\"completed\":true,\"created\":1764115200123}");
        assertEquals(200, t2.status);
        send("POST", "/api/Todos/checkpoint", null);
        assertEquals("e915c72b2c0dbd47e99166ae67c7ecfa871454e9",
                send("GET", "/api/Todos/t2/changes/last", null).json().get("rev"));
    }

    @Test
    void unknownIdIsModelNotFound() throws Exception {
        Response r = send("GET", "/api/Todos/nope", null);
        assertEquals(404, r.status);
        assertEquals("{\"error\":{\"statusCode\":404,\"name\":\"Error\",\"message\":\"Unknown \\\"Todo\\\" id \\\"nope\\\".\","
                + "\"code\":\"MODEL_NOT_FOUND\"}}", r.body);
        assertEquals("null", send("GET", "/api/Todos/nope/changes/last", null).body);
        assertEquals(404, send("PUT", "/api/Todos/nope/changes/last", "{\"prev\":\"x\"}").status);
        assertEquals("{\"count\":0}", send("DELETE", "/api/Todos/nope", null).body);
        assertEquals("{\"exists\":false}", send("GET", "/api/Todos/nope/exists", null).body);
    }

    @Test
    void badInputIsRefusedAndChangesNothing() throws Exception {
        assertEquals(400, send("POST", "/api/Todos", "{\"title\":\"a\",").status);
        assertEquals(400, send("POST", "/api/Todos", "{\"title\":\"a\",\"title\":\"b\"}").status);
        Response invalid = send("POST", "/api/Todos", "{\"id\":\"v1\",\"title\":\"a\",\"completed\":\"yes\"}");
        assertEquals(422, invalid.status);
        assertTrue(invalid.body.contains("`completed` must be a boolean (value: \\\"yes\\\")"), invalid.body);
        assertEquals(422, send("POST", "/api/Todos", "{\"id\":\"v2\"}").status);
        assertEquals(422, send("POST", "/api/Todos", "{\"id\":\"v3\",\"title\":\"a\",\"extra\":1}").status);
        assertEquals(400, send("POST", "/api/Todos/bulk-update", "[]").status);
        assertEquals(400, send("POST", "/api/Todos/diff", "{\"since\":5,\"remoteChanges\":[]}").status);
        assertEquals(400, send("GET", "/api/Todos/changes?since=soon", null).status);
        Response badItem = send("POST", "/api/Todos/bulk-update", "{\"updates\":["
                + "{\"type\":\"create\",\"change\":{\"modelId\":\"ok1\",\"rev\":\"r\"},\"data\":{\"id\":\"ok1\",\"title\":\"fine\"}},"
                + "{\"type\":\"create\",\"change\":{\"modelId\":\"bad1\",\"rev\":\"r\"},\"data\":{\"id\":\"bad1\",\"title\":7}}]}");
        assertEquals(422, badItem.status);
        assertTrue(badItem.body.contains("bad1"), badItem.body);
        assertEquals("{\"count\":0}", send("GET", "/api/Todos/count", null).body);
        assertEquals("[]", send("GET", "/api/Todos/changes?since=-1", null).body);
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        server.close();
        server = SyncServer.start(TestDatabases.h2Server().bodyLimit(100));
        Response r = send("POST", "/api/Todos", "{\"title\":\"" + "x".repeat(200) + "\"}");
        assertEquals(413, r.status);
        assertTrue(r.body.contains("limit of 100 bytes"), r.body);
    }

    @Test
    void bulkUpdateAnswers204ThenConflicts409EchoingTheChange() throws Exception {
        send("POST", "/api/Todos", "{\"id\":\"t1\",\"title\":\"a\"}");
        String update = "{\"updates\":[{\"type\":\"update\",\"change\":{\"modelName\":\"LocalTodo\",\"modelId\":\"t1\","
                + "\"rev\":\"r2\",\"prev\":\"" + REV_T1 + "\",\"checkpoint\":9},"
                + "\"data\":{\"id\":\"t1\",\"title\":\"b\",\"completed\":true,\"created\":null}}]}";
        assertEquals(204, send("POST", "/api/Todos/bulk-update", update).status);
        assertEquals(204, send("POST", "/api/Todos/bulk-update", update.replace("\"r2\"",
                "\"" + revOf("t1") + "\"")).status, "a retried update that is already applied is no conflict");
        String stale = update.replace("\"b\"", "\"c\"").replace("\"r2\"", "\"r3\"");
        Response r = send("POST", "/api/Todos/bulk-update", stale);
        assertEquals(409, r.status);
        assertEquals("{\"error\":{\"statusCode\":409,\"name\":\"Error\",\"message\":\"Conflict\",\"details\":{\"conflicts\":"
                + "[{\"modelName\":\"LocalTodo\",\"modelId\":\"t1\",\"rev\":\"r3\",\"prev\":\"" + REV_T1
                + "\",\"checkpoint\":9}]}}}", r.body);
        assertEquals("b", send("GET", "/api/Todos/t1", null).json().get("title"));
    }

    @Test
    void diffFindsDeltasAndConflicts() throws Exception {
        send("POST", "/api/Todos", "{\"id\":\"t1\",\"title\":\"a\"}");
        Map<String, Object> based = send("POST", "/api/Todos/diff", "[{\"modelName\":\"LocalTodo\",\"modelId\":\"t1\","
                + "\"rev\":\"r2\",\"prev\":\"" + REV_T1 + "\",\"checkpoint\":4},{\"modelName\":\"LocalTodo\","
                + "\"modelId\":\"t9\",\"rev\":\"r9\",\"checkpoint\":4}]").json();
        assertEquals(2, ((List<?>) based.get("deltas")).size());
        assertEquals(null, ((Map<?, ?>) ((List<?>) based.get("deltas")).get(1)).get("prev"));
        assertTrue(((Map<?, ?>) ((List<?>) based.get("deltas")).get(1)).containsKey("prev"));
        Map<String, Object> conflicting = send("POST", "/api/Todos/diff", "[{\"modelName\":\"LocalTodo\","
                + "\"modelId\":\"t1\",\"rev\":\"r2\",\"prev\":\"other\",\"checkpoint\":4}]").json();
        assertEquals(0, ((List<?>) conflicting.get("deltas")).size());
        assertEquals(REV_T1, ((Map<?, ?>) ((List<?>) conflicting.get("conflicts")).get(0)).get("rev"));
    }

    @Test
    void staticPathsWinOverId() throws Exception {
        assertEquals(200, send("GET", "/api/Todos/checkpoint", null).status);
        assertEquals("1", send("GET", "/api/Todos/checkpoint", null).body);
        assertEquals("[]", send("GET", "/api/Todos/changes", null).body);
        assertEquals(404, send("GET", "/api/Todos/replicate", null).status);
    }

    @Test
    void filtersSelectRecords() throws Exception {
        send("POST", "/api/Todos", "{\"id\":\"a\",\"title\":\"O'Brien\",\"created\":1}");
        send("POST", "/api/Todos", "{\"id\":\"b\",\"title\":\"x\",\"completed\":true,\"created\":2}");
        send("POST", "/api/Todos", "{\"id\":\"c\",\"title\":\"y\",\"created\":3}");
        assertEquals("[{\"id\":\"a\"}]", send("GET", "/api/Todos?filter=" + enc("{\"where\":{\"title\":\"O'Brien\"},"
                + "\"fields\":[\"id\"]}"), null).body);
        assertEquals("{\"count\":2}", send("GET", "/api/Todos/count?where=" + enc("{\"created\":{\"gte\":2}}"), null).body);
        assertEquals("c", ((Map<?, ?>) ((List<?>) Json.parse(send("GET", "/api/Todos?filter="
                + enc("{\"order\":\"created DESC\",\"limit\":1}"), null).body)).get(0)).get("id"));
        assertEquals(400, send("GET", "/api/Todos?filter=" + enc("{\"where\":{\"nope\":1}}"), null).status);
    }

    private String revOf(String id) throws Exception {
        send("POST", "/api/Todos/checkpoint", null);
        return (String) send("GET", "/api/Todos/" + id + "/changes/last", null).json().get("rev");
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private Response send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body());
    }

    private static final class Response {
        final int status;
        final String body;

        Response(int status, String body) {
            this.status = status;
            this.body = body;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return (Map<String, Object>) Json.parse(body);
        }
    }
}
