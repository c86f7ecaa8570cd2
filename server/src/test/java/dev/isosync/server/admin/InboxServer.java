package dev.isosync.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.isosync.change.Change;
import dev.isosync.demo.Todo;
import dev.isosync.replica.LocalReplica;
import dev.isosync.server.ServerConfig;
import dev.isosync.server.SyncServer;
import java.util.List;
import java.util.Map;

/**
 * The real server on port 0 with its admin API open to {@link #TOKEN}, and what the conflict inbox tests ask of
 * it: the admin's list of conflicts, a resolution, the server's own todos. Devices are left to each test, which
 * says how they take part in the inbox.
 */
final class InboxServer implements AutoCloseable {
    static final String TOKEN = AdminAuthTest.TOKEN;

    private final SyncServer server;
    /** Plain requests to this server. */
    final Http http;

    InboxServer(ServerConfig config) {
        server = SyncServer.start(config.adminToken(TOKEN));
        http = new Http(server.port());
    }

    int port() {
        return server.port();
    }

    /** The server's todos, read from its store directly (no HTTP, no owner scope). */
    LocalReplica todos() {
        return new LocalReplica(server.store(), Todo.DEFINITION);
    }

    /** The server's last change of todo {@code id}, or {@code null}. */
    Change lastChange(String id) {
        return todos().findLastChange(id);
    }

    /** The inbox entries in {@code state} ("open" or "resolved"), as {@code GET /admin/api/conflicts} lists them. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> conflicts(String state) {
        Http.Response r = http.get("/admin/api/conflicts?state=" + state, "Authorization", "Bearer " + TOKEN);
        assertEquals(200, r.status, r.body);
        return (List<Map<String, Object>>) r.json().get("conflicts");
    }

    /** The one entry in {@code state}; fails the test when there is none or more than one. */
    Map<String, Object> onlyConflict(String state) {
        List<Map<String, Object>> found = conflicts(state);
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    /** The admin resolves entry {@code id} with {@code body} ({@code {"keep":...}}); the answer, whatever it is. */
    Http.Response resolve(long id, String body) {
        return http.post("/admin/api/conflicts/" + id + "/resolve", body, "Authorization", "Bearer " + TOKEN);
    }

    @Override
    public void close() {
        server.close();
    }
}
