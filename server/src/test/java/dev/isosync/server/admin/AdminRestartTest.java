package dev.isosync.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.server.ServerConfig;
import dev.isosync.server.SyncServer;
import dev.isosync.server.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The admin console's data lives in the database: a server restarted on the same H2 file shows the same
 * clients, inbox, history, activity and resolutions, and carries on numbering; two servers on one PostgreSQL
 * database see one console.
 */
class AdminRestartTest {
    private static final String TOKEN = AdminAuthTest.TOKEN;
    private static final List<String> VIEWS = Arrays.asList("/admin/api/overview", "/admin/api/clients",
            "/admin/api/conflicts?state=open", "/admin/api/conflicts?state=resolved", "/admin/api/activity?minutes=5",
            "/admin/api/models/Todo/records");

    private final MutableClock clock = new MutableClock(Instant.parse("2030-06-01T08:00:10Z"));
    private SyncServer server;
    private SyncServer second;

    @AfterEach
    void stop() {
        if (second != null) {
            second.close();
        }
        if (server != null) {
            server.closeAndDrop();
        }
    }

    @Test
    void everyViewShowsTheSameAfterARestart() {
        String url = "jdbc:h2:file:" + Path.of("target", "admin-restart", UUID.randomUUID().toString(), "db")
                .toAbsolutePath();
        ServerConfig config = new ServerConfig().host("127.0.0.1").port(0).jdbcUrl(url).adminToken(TOKEN).clock(clock);
        server = SyncServer.start(config);
        Http http = new Http(server.port());
        TestDevice a = new TestDevice(server.port(), "device-a");
        TestDevice b = new TestDevice(server.port(), "device-b");
        a.put("t1", "base");
        a.put("t2", "base");
        a.sync();
        b.sync();
        clock.advance(Duration.ofMinutes(1));
        a.put("t1", "from a");
        a.put("t2", "from a");
        b.put("t1", "from b");
        b.put("t2", "from b");
        a.sync();
        b.sync(); // two conflicts
        assertEquals(200, http.post("/sync/Todos/conflicts", b.conflictReport("t1"), "X-Client-Id", "device-b").status);
        List<?> open = (List<?>) get(http, "/admin/api/conflicts").get("conflicts");
        assertEquals(2, open.size());
        long first = ((Number) ((Map<?, ?>) open.get(1)).get("id")).longValue();
        assertEquals(200, http.post("/admin/api/conflicts/" + first + "/resolve", "{\"keep\":\"client\"}",
                "Authorization", "Bearer " + TOKEN).status);
        http.send("DELETE", "/api/Todos/t2", null, "X-Client-Id", "device-a");

        String resolutions = http.get("/sync/Todos/resolutions?since=0", "X-Client-Id", "device-b").body;
        assertTrue(resolutions.contains("\"modelId\":\"t1\""), resolutions);
        Map<String, String> before = views(http);
        server.close();
        server = SyncServer.start(config);
        http = new Http(server.port());
        assertEquals(before, views(http));
        assertEquals(resolutions, http.get("/sync/Todos/resolutions?since=0", "X-Client-Id", "device-b").body);

        // numbering goes on where it stopped
        TestDevice c = new TestDevice(server.port(), "device-c");
        c.put("t7", "mine");
        assertEquals(200, http.post("/sync/Todos/conflicts", c.conflictReport("t7"), "X-Client-Id", "device-c").status);
        List<?> now = (List<?>) get(http, "/admin/api/conflicts").get("conflicts");
        long newest = ((Number) ((Map<?, ?>) now.get(0)).get("id")).longValue();
        assertTrue(newest > first + 1, "a new conflict takes a new id: " + newest);
        Map<String, Object> resolved = new Http(server.port()).post("/admin/api/conflicts/" + newest + "/resolve",
                "{\"keep\":\"server\"}", "Authorization", "Bearer " + TOKEN).json();
        assertEquals(2.0, resolved.get("resolutionSeq"));
    }

    @Test
    void twoServersOnOneDatabaseShareOneConsole() {
        ServerConfig config = TestDatabases.server(TestDatabases.POSTGRESQL).adminToken(TOKEN).clock(clock);
        server = SyncServer.start(config);
        second = SyncServer.start(config);
        Http one = new Http(server.port());
        Http two = new Http(second.port());
        TestDevice b = new TestDevice(second.port(), "device-b");
        b.put("t1", "mine");
        assertEquals(200, two.post("/sync/Todos/conflicts", b.conflictReport("t1"), "X-Client-Id", "device-b").status);
        assertEquals(200, one.get("/api/Todos", "X-Client-Id", "device-a").status);

        Map<String, Object> clients = get(one, "/admin/api/clients");
        assertEquals(2, ((List<?>) clients.get("clients")).size(), "the client of the other server too");
        List<?> open = (List<?>) get(one, "/admin/api/conflicts").get("conflicts");
        assertEquals(1, open.size());
        Object id = ((Map<?, ?>) open.get(0)).get("id");
        assertEquals(200, one.post("/admin/api/conflicts/" + ((Number) id).longValue() + "/resolve",
                "{\"keep\":\"client\"}", "Authorization", "Bearer " + TOKEN).status);
        assertEquals("mine", get(two, "/api/Todos/t1").get("title"));
        List<?> learnt = (List<?>) two.get("/sync/Todos/resolutions?since=0", "X-Client-Id", "device-b").json()
                .get("resolutions");
        assertEquals(1, learnt.size(), "the other server tells the client");
        assertEquals(1, ((List<?>) get(two, "/admin/api/conflicts?state=resolved").get("conflicts")).size());
    }

    private static Map<String, String> views(Http http) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String view : VIEWS) {
            Http.Response r = http.get(view, "Authorization", "Bearer " + TOKEN);
            assertEquals(200, r.status, view + " " + r.body);
            out.put(view, r.body);
        }
        return out;
    }

    private static Map<String, Object> get(Http http, String path) {
        Http.Response r = http.get(path, "Authorization", "Bearer " + TOKEN);
        assertEquals(200, r.status, path + " " + r.body);
        return r.json();
    }
}
