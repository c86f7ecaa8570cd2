package dev.isosync.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isosync.demo.Todo;
import dev.isosync.error.SyncException;
import dev.isosync.memory.MemoryStore;
import dev.isosync.query.Filter;
import dev.isosync.replica.AppliedChanges;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replica.Replica;
import dev.isosync.replica.Update;
import dev.isosync.store.Store;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A push reads its next page from the local store while the page before it travels to the target
 * ({@link Replica#startApplyChanges}), and a failure of that read costs nothing already sent: the page before it is
 * answered and recorded first, and the next push resumes after it.
 */
class PushReadAheadTest {
    private static final int PAGE_SIZE = 2;

    private final List<String> events = new ArrayList<>();
    /** Set: the next local read made while a push request travels fails. */
    private boolean failAReadWhileTravelling;
    private boolean travelling;
    private final LocalReplica server = new LocalReplica(new MemoryStore(), Todo.DEFINITION);
    private final LocalReplica client = new LocalReplica(observed(new MemoryStore()), Todo.DEFINITION);
    /** The server as a remote whose push requests leave when started and are answered when asked for. */
    private final Replica remote = (Replica) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {Replica.class}, (proxy, method, args) -> {
                if (method.getName().equals("startApplyChanges")) {
                    @SuppressWarnings("unchecked")
                    List<Update> updates = (List<Update>) args[1];
                    String ids = ids(updates);
                    events.add("sent " + ids);
                    travelling = true;
                    AppliedChanges answer = server.applyChanges((Long) args[0], updates);
                    return (Replica.StartedChanges) () -> {
                        events.add("answered " + ids);
                        travelling = false;
                        return answer;
                    };
                }
                try {
                    return method.invoke(server, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });

    @Test
    void theNextPageIsReadWhileThePageBeforeItTravels() {
        createTodos(5);
        ReplicationResult push = new Replicator(client, remote, "server", PAGE_SIZE, Filter.ALL).push();

        assertEquals(5, push.applied());
        assertEquals(List.of("sent [t0, t1]", "read", "answered [t0, t1]", "sent [t2, t3]", "read",
                "answered [t2, t3]", "sent [t4]", "answered [t4]"), pushSteps(),
                "each page but the last is followed by the read of the next before its answer is read");
        for (int i = 0; i < 5; i++) {
            assertEquals("todo " + i, server.findById("t" + i).get("title"));
        }
    }

    @Test
    void aReadAheadThatFailsFailsThePushAfterThePageBeforeItIsRecorded() {
        createTodos(5);
        Replicator replicator = new Replicator(client, remote, "server", PAGE_SIZE, Filter.ALL);
        // the read of the second page, made while the first travels, fails
        failAReadWhileTravelling = true;
        SyncException failed = assertThrows(SyncException.class, replicator::push);
        assertEquals("the disk went away", failed.getMessage());
        assertNotNull(server.findById("t0"), "the page that travelled was applied");
        assertNotNull(server.findById("t1"));
        assertEquals(null, server.findById("t2"), "the page that could not be read was not sent");

        events.clear();
        ReplicationResult next = replicator.push();
        assertEquals(3, next.applied(), "the next push resumes after the page recorded: " + pushSteps());
        assertEquals(List.of("sent [t2, t3]", "read", "answered [t2, t3]", "sent [t4]", "answered [t4]"),
                pushSteps());
        for (int i = 0; i < 5; i++) {
            assertEquals("todo " + i, server.findById("t" + i).get("title"));
        }
    }

    private void createTodos(int n) {
        for (int i = 0; i < n; i++) {
            Map<String, Object> todo = new LinkedHashMap<>();
            todo.put("id", "t" + i);
            todo.put("title", "todo " + i);
            client.create(todo);
        }
        events.clear();
    }

    /** The sends, answers and the local reads between a send and its answer, in order. */
    private List<String> pushSteps() {
        List<String> steps = new ArrayList<>();
        boolean travelling = false;
        for (String e : events) {
            if (e.startsWith("sent ")) {
                travelling = true;
                steps.add(e);
            } else if (e.startsWith("answered ")) {
                travelling = false;
                steps.add(e);
            } else if (e.equals("read") && travelling) {
                steps.add(e);
            }
        }
        return steps;
    }

    private static String ids(List<Update> updates) {
        List<String> ids = new ArrayList<>();
        for (Update u : updates) {
            ids.add(u.change().modelId());
        }
        return ids.toString();
    }

    /**
     * The store, noting each read transaction in {@link #events}; when {@link #failAReadWhileTravelling} is set, the
     * first read made while a push request travels fails instead, as a store whose disk went away would.
     */
    private Store observed(Store store) {
        return (Store) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Store.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("read")) {
                        if (failAReadWhileTravelling && travelling) {
                            failAReadWhileTravelling = false;
                            throw SyncException.unavailable("the disk went away", null);
                        }
                        events.add("read");
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
