package dev.isosync.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.demo.Todo;
import dev.isosync.error.SyncException;
import dev.isosync.memory.MemoryStore;
import dev.isosync.query.Filter;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replication.Conflict;
import dev.isosync.replication.Replicator;
import dev.isosync.replication.SyncResult;
import dev.isosync.wire.RemoteReplica;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The access matrix of PROTOCOL.md 4.5 over real HTTP: LoopBack's test ACLs ({@code $everyone} DENY,
 * {@code $authenticated} READ, alice REPLICATE, peter WRITE) against every replication endpoint, for an
 * anonymous caller and the three users; then what the JVM replicator can do as each of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AclMatrixTest {
    /** PROTOCOL.md 4.5's ACLs, with alice and peter given their access through roles. */
    static final String ACL = "{\"roles\":{\"replicator\":[\"alice\"],\"writer\":[\"peter\"]},\"acls\":{\"Todo\":["
            + "{\"principalType\":\"ROLE\",\"principalId\":\"$everyone\",\"accessType\":\"*\",\"permission\":\"DENY\"},"
            + "{\"principalType\":\"ROLE\",\"principalId\":\"$authenticated\",\"accessType\":\"READ\",\"permission\":\"ALLOW\"},"
            + "{\"principalType\":\"ROLE\",\"principalId\":\"replicator\",\"accessType\":\"REPLICATE\",\"permission\":\"ALLOW\"},"
            + "{\"principalType\":\"ROLE\",\"principalId\":\"writer\",\"accessType\":\"WRITE\",\"permission\":\"ALLOW\"}]}}";
    private static final String[] CALLERS = {"anonymous", "emery", "alice", "peter"};

    private SecureServer server;
    private final Map<String, String> tokens = new LinkedHashMap<>();

    @BeforeAll
    void start() {
        server = SecureServer.h2(ACL);
        tokens.put("anonymous", null);
        for (String name : new String[] {"emery", "alice", "peter"}) {
            tokens.put(name, server.signUp(name));
        }
        assertEquals(200, server.as(tokens.get("peter"), "POST", "/api/Todos", "{\"id\":\"t1\",\"title\":\"a\"}")
                .status());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** One row of the matrix: a request and the status each caller gets, in the order of {@link #CALLERS}. */
    private record Row(String method, String path, String body, int... expected) {
    }

    @TestFactory
    Stream<DynamicTest> everyReplicationEndpointAnswersEachCallerAsLoopBackDoes() {
        List<Row> rows = List.of(
                new Row("GET", "/api/Todos/changes?since=-1", null, 401, 200, 200, 200),
                new Row("GET", "/api/Todos/checkpoint", null, 401, 200, 200, 200),
                new Row("POST", "/api/Todos/checkpoint", null, 401, 401, 200, 200),
                new Row("POST", "/api/Todos/diff", "[]", 401, 200, 200, 200),
                new Row("POST", "/api/Todos/create-updates", "[]", 401, 200, 200, 200),
                new Row("POST", "/api/Todos/bulk-update", "{\"updates\":[]}", 401, 401, 401, 204),
                new Row("GET", "/api/Todos/t1/changes/last", null, 401, 200, 200, 200),
                new Row("PUT", "/api/Todos/t1/changes/last", "{}", 401, 401, 401, 200),
                new Row("GET", "/api/Todos", null, 401, 200, 200, 200),
                new Row("GET", "/api/Todos/t1", null, 401, 200, 200, 200),
                new Row("GET", "/api/Todos/t1/exists", null, 401, 200, 200, 200),
                new Row("GET", "/api/Todos/count", null, 401, 200, 200, 200),
                new Row("POST", "/api/Todos", "{\"title\":\"new\"}", 401, 401, 401, 200),
                new Row("PATCH", "/api/Todos/t1", "{\"title\":\"a\"}", 401, 401, 401, 200),
                new Row("GET", "/sync/Todos/changes?since=-1", null, 401, 200, 200, 200),
                new Row("POST", "/sync/Todos/push", "{\"updates\":[]}", 401, 401, 401, 200),
                new Row("POST", "/sync/Todos/pull?since=-1", null, 401, 401, 200, 200));
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : rows) {
            for (int i = 0; i < CALLERS.length; i++) {
                String caller = CALLERS[i];
                int expected = row.expected()[i];
                tests.add(DynamicTest.dynamicTest(row.method() + " " + row.path() + " as " + caller, () -> {
                    SecureServer.Response r = server.as(tokens.get(caller), row.method(), row.path(), row.body());
                    assertEquals(expected, r.status(), r.body());
                    if (expected == 401) {
                        assertEquals("{\"error\":{\"statusCode\":401,\"name\":\"Error\",\"message\":"
                                + "\"Authorization Required\",\"code\":\"AUTHORIZATION_REQUIRED\"}}", r.body());
                        assertTrue(r.wwwAuthenticate().startsWith("Bearer"), "a challenge for LoopBack's clients");
                    }
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void theChangeStreamNeedsRead() {
        assertEquals(401, server.changeStreamStatus("/api/Todos/change-stream"));
        for (String name : new String[] {"emery", "alice", "peter"}) {
            assertEquals(200, server.changeStreamStatus("/api/Todos/change-stream?access_token=" + tokens.get(name)));
        }
    }

    /** A device of the JVM replicator signed in as {@code name}. */
    private Replicator device(String name, LocalReplica local) {
        RemoteReplica remote = new RemoteReplica(server.transport(tokens.get(name)), Todo.DEFINITION);
        return new Replicator(local, remote, "server", 100, Filter.ALL);
    }

    private static LocalReplica localTodos() {
        return new LocalReplica(new MemoryStore(), Todo.DEFINITION);
    }

    private static Map<String, Object> todo(String id, String title) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("title", title);
        return m;
    }

    private static int refusal(Runnable sync) {
        return assertThrows(SyncException.class, sync::run).statusCode();
    }

    @Test
    void anonymousCanNeitherPullNorPush() {
        LocalReplica local = localTodos();
        Replicator anonymous = device("anonymous", local);
        assertEquals(401, refusal(anonymous::pull));
        local.upsert(todo("from-anonymous", "x")); // a push with nothing to send asks the server nothing
        assertEquals(401, refusal(anonymous::push));
    }

    @Test
    void readAloneCannotPullBecausePullingBumpsTheCheckpoint() {
        Replicator emery = device("emery", localTodos());
        assertEquals(401, refusal(emery::pull), "a pull needs REPLICATE for POST /checkpoint (PROTOCOL.md 4.5)");
    }

    @Test
    void replicateMayPullButNotPush() {
        LocalReplica local = localTodos();
        Replicator alice = device("alice", local);
        assertTrue(alice.pull().conflicts().isEmpty());
        assertEquals("a", local.findById("t1").get("title"));
        local.upsert(todo("from-alice", "x"));
        assertEquals(401, refusal(alice::push), "bulk-update needs WRITE");
        assertEquals(404, server.as(tokens.get("peter"), "GET", "/api/Todos/from-alice", null).status(),
                "a refused push writes nothing");
    }

    @Test
    void writeMayPullPushAndResolve() {
        LocalReplica local = localTodos();
        Replicator peter = device("peter", local);
        assertTrue(peter.sync().conflicts().isEmpty());
        local.upsert(todo("from-peter", "p"));
        assertTrue(peter.sync().conflicts().isEmpty());
        assertEquals(200, server.as(tokens.get("emery"), "GET", "/api/Todos/from-peter", null).status());

        // another writer changes the record on the server while peter edits it offline
        assertEquals(200, server.as(tokens.get("peter"), "PATCH", "/api/Todos/from-peter", "{\"title\":\"server\"}")
                .status());
        local.patchById("from-peter", Map.of("title", "mine"));
        SyncResult result = peter.sync();
        assertEquals(1, result.conflicts().size(), "the edit conflicts with the server's");
        Conflict conflict = result.conflicts().get(0);
        conflict.resolveUsingSource();
        assertTrue(peter.sync().conflicts().isEmpty());
        assertEquals("mine", server.as(tokens.get("emery"), "GET", "/api/Todos/from-peter", null).json().get("title"));
    }
}
