package dev.isosync.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.demo.Todo;
import dev.isosync.error.SyncException;
import dev.isosync.memory.MemoryStore;
import dev.isosync.model.ModelDefinition;
import dev.isosync.query.Filter;
import dev.isosync.query.Where;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replication.Direction;
import dev.isosync.replication.Replicator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A pull over a transport that sends each request when it starts, as the browser's does: the next page of
 * changes is asked for before the page before it is applied, and a failure of that early request loses nothing.
 */
class ReadAheadTest {
    private static final ModelDefinition TODO = Todo.DEFINITION;

    /** Sends each request at once, noting how many records the client held then; fails pages after a cursor. */
    private static final class EagerTransport implements HttpTransport {
        private final HttpTransport server;
        private final LocalReplica client;
        private final List<String> started = new ArrayList<>();
        private String unreachable;

        EagerTransport(HttpTransport server, LocalReplica client) {
            this.server = server;
            this.client = client;
        }

        @Override
        public Response send(String method, String path, String jsonBody) {
            return server.send(method, path, jsonBody);
        }

        @Override
        public Pending start(String method, String path, String jsonBody) {
            if (path.contains("/changes?")) {
                started.add("page after " + cursorOf(path) + " asked with " + client.count(Where.ALL) + " held");
            }
            if (unreachable != null && path.contains(unreachable)) {
                SyncException cut = SyncException.unavailable(method + " " + path + ": the server cannot be reached",
                        null);
                return () -> {
                    throw cut;
                };
            }
            Response answer = send(method, path, jsonBody);
            return () -> answer;
        }

        private static String cursorOf(String path) {
            int at = path.indexOf("afterModelId=");
            return at < 0 ? "none" : path.substring(at + "afterModelId=".length());
        }
    }

    private static Map<String, Object> todo(String id) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("title", "title of " + id);
        return data;
    }

    private static MemoryStore serverWith(String... ids) {
        MemoryStore store = new MemoryStore();
        LocalReplica todos = new LocalReplica(store, TODO);
        for (String id : ids) {
            todos.create(todo(id));
        }
        return store;
    }

    @Test
    void theNextPageIsAskedForBeforeThePageBeforeItIsApplied() {
        MemoryStore server = serverWith("a", "b", "c", "d", "e");
        LocalReplica client = new LocalReplica(new MemoryStore(), TODO);
        EagerTransport transport = new EagerTransport(new InProcessServer(server, Arrays.asList(TODO)), client);
        Replicator replicator = new Replicator(client, new RemoteReplica(transport, TODO), "server", 2, Filter.ALL);

        assertEquals(5, replicator.pull().applied());

        // pages of 2: [a b] [c d] [e]; each later page was asked for while the one before it was not yet applied
        // (a second pass, which finds nothing new, follows)
        assertEquals(Arrays.asList("page after none asked with 0 held", "page after b asked with 0 held",
                "page after d asked with 2 held"), transport.started.subList(0, 3));
        assertEquals(5, client.count(Where.ALL));
    }

    @Test
    void aPageAskedForAheadThatFailsLeavesThePullToResumeFromIt() {
        MemoryStore server = serverWith("a", "b", "c", "d", "e");
        LocalReplica client = new LocalReplica(new MemoryStore(), TODO);
        EagerTransport transport = new EagerTransport(new InProcessServer(server, Arrays.asList(TODO)), client);
        Replicator replicator = new Replicator(client, new RemoteReplica(transport, TODO), "server", 2, Filter.ALL);
        transport.unreachable = "afterModelId=d";

        assertThrows(SyncException.class, replicator::pull);
        // the pages before the failed one are applied, and the resume point is after them
        assertEquals(4, client.count(Where.ALL));
        assertEquals("d", replicator.since(Direction.PULL).resumeModelId());

        transport.unreachable = null;
        transport.started.clear();
        replicator.pull();
        assertEquals(5, client.count(Where.ALL));
        assertTrue(transport.started.get(0).startsWith("page after d"), "resumed after d: " + transport.started);
    }
}
