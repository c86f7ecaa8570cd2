package dev.isosync.server.http;

import dev.isosync.json.Json;
import io.javalin.http.sse.SseClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live change stream of one model ({@code GET /change-stream}): LoopBack's server-sent events,
 * {@code event: data} with {@code {"target","data","type"}} for creates and updates and
 * {@code {"target","where","type":"remove"}} for deletes (PROTOCOL.md 4.2, 9.6).
 */
public final class ChangeStream {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeStream.class);

    private final CopyOnWriteArrayList<SseClient> clients = new CopyOnWriteArrayList<>();

    /** Keeps a client open until it disconnects. */
    public void add(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        synchronized (client) {
            client.sendComment("ok");
        }
    }

    /** Whether anyone listens: publishers skip the work of building events when nobody does. */
    public boolean hasClients() {
        return !clients.isEmpty();
    }

    /** Tells every client that a record was created or updated. */
    public void saved(String id, Map<String, Object> record, boolean created) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("target", id);
        event.put("data", record);
        event.put("type", created ? "create" : "update");
        publish(event);
    }

    /** Tells every client that a record was deleted. */
    public void removed(String id) {
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("id", id);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("target", id);
        event.put("where", where);
        event.put("type", "remove");
        publish(event);
    }

    private void publish(Map<String, Object> event) {
        if (clients.isEmpty()) {
            return;
        }
        String data = Json.write(event);
        for (SseClient c : clients) {
            if (c.terminated()) {
                clients.remove(c);
            } else {
                send(c, data);
            }
        }
    }

    /**
     * Sends one event to one listener. Writes of two requests may publish at once, and Jetty refuses a second
     * write on a connection while one is under way, so each listener takes one event at a time. A listener that
     * cannot take it (its connection broke) is dropped: the write it announces has committed, and its request
     * must not fail because of someone else's connection.
     */
    private void send(SseClient c, String data) {
        try {
            synchronized (c) {
                c.sendEvent("data", data);
            }
        } catch (RuntimeException e) {
            clients.remove(c);
            LOG.debug("Dropped a change-stream listener that could not take an event", e);
        }
    }
}
