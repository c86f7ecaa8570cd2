package dev.isosync.server.http;

import dev.isosync.json.Json;
import io.javalin.http.sse.SseClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live change stream of one model ({@code GET /change-stream}): LoopBack's server-sent events,
 * {@code event: data} with {@code {"target","data","type"}} for creates and updates and
 * {@code {"target","where","type":"remove"}} for deletes (PROTOCOL.md 4.2, 9.6).
 *
 * <p>Each listener has the owner it was opened for: an event of an owned record reaches only that owner's
 * listeners (PROTOCOL.md 9.7). For a model without an owner property, events and listeners all have the owner
 * {@code null}, so every listener gets every event. The admin console's listeners get every event, whoever
 * owns the record ({@link #addForEveryOwner}).
 */
public final class ChangeStream {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeStream.class);

    private final CopyOnWriteArrayList<Listener> clients = new CopyOnWriteArrayList<>();

    /** A client and whose events it gets: those of {@code owner}, or every event when {@code everyOwner}. */
    private record Listener(SseClient client, String owner, boolean everyOwner) {
        boolean wants(String eventOwner) {
            return everyOwner || Objects.equals(eventOwner, owner);
        }
    }

    /**
     * Keeps a client open until it disconnects.
     *
     * @param owner the owner whose events it gets; {@code null} for a model without an owner property
     */
    public void add(SseClient client, String owner) {
        add(new Listener(client, owner, false));
    }

    /**
     * Keeps a client open until it disconnects, telling it of every write whoever owns the record: the admin
     * console's live feed. Only for callers the admin guard has let in.
     */
    public void addForEveryOwner(SseClient client) {
        add(new Listener(client, null, true));
    }

    private void add(Listener listener) {
        SseClient client = listener.client();
        client.keepAlive();
        client.onClose(() -> clients.remove(listener));
        clients.add(listener);
        synchronized (client) {
            client.sendComment("ok");
        }
    }

    /** Whether anyone listens: publishers skip the work of building events when nobody does. */
    public boolean hasClients() {
        return !clients.isEmpty();
    }

    /** Tells the owner's clients that a record was created or updated. */
    public void saved(String owner, String id, Map<String, Object> record, boolean created) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("target", id);
        event.put("data", record);
        event.put("type", created ? "create" : "update");
        publish(owner, event);
    }

    /** Tells the owner's clients that a record was deleted. */
    public void removed(String owner, String id) {
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("id", id);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("target", id);
        event.put("where", where);
        event.put("type", "remove");
        publish(owner, event);
    }

    private void publish(String owner, Map<String, Object> event) {
        if (clients.isEmpty()) {
            return;
        }
        String data = Json.write(event);
        for (Listener l : clients) {
            if (l.client().terminated()) {
                clients.remove(l);
            } else if (l.wants(owner)) {
                send(l, data);
            }
        }
    }

    /**
     * Sends one event to one listener. Writes of two requests may publish at once, and Jetty refuses a second
     * write on a connection while one is under way, so each listener takes one event at a time. A listener that
     * cannot take it (its connection broke) is dropped: the write it announces has committed, and its request
     * must not fail because of someone else's connection.
     */
    private void send(Listener listener, String data) {
        SseClient c = listener.client();
        try {
            synchronized (c) {
                c.sendEvent("data", data);
            }
        } catch (RuntimeException e) {
            clients.remove(listener);
            LOG.debug("Dropped a change-stream listener that could not take an event", e);
        }
    }
}
