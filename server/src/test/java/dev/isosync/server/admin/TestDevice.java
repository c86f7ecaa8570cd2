package dev.isosync.server.admin;

import dev.isosync.change.Change;
import dev.isosync.client.JdkHttpTransport;
import dev.isosync.demo.Todo;
import dev.isosync.json.Json;
import dev.isosync.memory.MemoryStore;
import dev.isosync.query.Filter;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replication.Replicator;
import dev.isosync.replication.SyncResult;
import dev.isosync.wire.RemoteReplica;
import dev.isosync.wire.WireFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One of our clients: its own memory store and the JVM replicator against the server, with a fixed client id;
 * optionally taking part in the server's conflict inbox as the browser client does.
 */
final class TestDevice {
    final String clientId;
    final LocalReplica local = new LocalReplica(new MemoryStore(), Todo.DEFINITION);
    final RemoteReplica remote;
    final Replicator replicator;
    /** Every request sent, as method and path with its query. */
    final List<String> requests = new CopyOnWriteArrayList<>();

    TestDevice(int port, String clientId) {
        this(port, clientId, false);
    }

    /**
     * @param inbox whether it reports its pull conflicts and takes the admin's resolutions
     */
    TestDevice(int port, String clientId, boolean inbox) {
        this.clientId = clientId;
        JdkHttpTransport http = new JdkHttpTransport("http://127.0.0.1:" + port, clientId);
        this.remote = new RemoteReplica((method, path, body) -> {
            requests.add(method + " " + path);
            return http.send(method, path, body);
        }, Todo.DEFINITION);
        this.replicator = new Replicator(local, remote, "server", 50, Filter.ALL);
        if (inbox) {
            replicator.withConflictInbox(remote);
        }
    }

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

    /** The body of a conflict report of this device's own version of {@code id}, as our client would send it. */
    String conflictReport(String id) {
        Change change = local.findLastChange(id);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("change", WireFormat.change(change));
        item.put("data", local.findById(id));
        return Json.write(java.util.Collections.singletonList(item));
    }
}
