package dev.isosync.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.change.Checkpoint;
import dev.isosync.client.JdkHttpTransport;
import dev.isosync.demo.Todo;
import dev.isosync.json.Json;
import dev.isosync.memory.MemoryStore;
import dev.isosync.query.Filter;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replication.Direction;
import dev.isosync.replication.Replicator;
import dev.isosync.store.Store;
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
 * Our combined start of a pull, {@code POST /sync/Todos/pull}: the checkpoint bumped and then a page of changes in
 * one request, as {@code POST /checkpoint} and {@code GET /sync/Todos/changes} answer them; and our clients' use
 * of it, falling back to the two requests where a server has no such endpoint.
 */
class CombinedPullTest {
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

    private long currentCheckpoint() {
        return Long.parseLong(http.send("GET", "/api/Todos/checkpoint", null).body());
    }

    @Test
    @SuppressWarnings("unchecked")
    void bumpsTheCheckpointThenAnswersThePageWithIt() {
        http.send("POST", "/api/Todos", "{\"id\":\"t1\",\"title\":\"a\"}");
        http.send("POST", "/api/Todos", "{\"id\":\"t2\",\"title\":\"b\"}");
        long before = currentCheckpoint();
        HttpTransport.Response r = http.send("POST", "/sync/Todos/pull?since=-1&limit=1&withData=true", null);
        assertEquals(200, r.status(), r.body());
        Map<String, Object> body = (Map<String, Object>) Json.parse(r.body());
        Map<String, Object> checkpoint = (Map<String, Object>) body.get("checkpoint");
        assertEquals(before + 1, ((Number) checkpoint.get("seq")).longValue(), "the checkpoint was bumped");
        assertEquals(server.store().sourceId(), checkpoint.get("sourceId"));
        assertEquals(before + 1, currentCheckpoint());
        // the page is what GET /sync/Todos/changes answers, with the records
        HttpTransport.Response page = http.send("GET", "/sync/Todos/changes?since=-1&limit=1&withData=true", null);
        Map<String, Object> expected = (Map<String, Object>) Json.parse(page.body());
        assertEquals(expected.get("changes"), body.get("changes"));
        assertEquals(expected.get("next"), body.get("next"));
        assertEquals(Map.of("t1", Map.of("id", "t1", "title", "a", "completed", false)),
                withoutNulls((Map<String, Object>) body.get("data")));
        List<Object> changes = (List<Object>) body.get("changes");
        assertEquals(1, changes.size());
        assertTrue(body.get("next") instanceof Map, "a second page follows");
    }

    @Test
    void aBadRequestIsRefusedAndBumpsNothing() {
        long before = currentCheckpoint();
        assertEquals(400, http.send("POST", "/sync/Todos/pull", null).status(), "since is required");
        assertEquals(400, http.send("POST", "/sync/Todos/pull?since=soon", null).status());
        assertEquals(400, http.send("POST", "/sync/Todos/pull?since=0&afterCheckpoint=3", null).status());
        HttpTransport.Response filter = http.send("POST", "/sync/Todos/pull?since=0&filter="
                + java.net.URLEncoder.encode("{\"where\":{\"colour\":\"red\"}}", java.nio.charset.StandardCharsets.UTF_8),
                null);
        assertTrue(filter.status() == 400 || filter.status() == 422, filter.body());
        assertTrue(filter.body().contains("colour"), "the message names the unknown property: " + filter.body());
        JdkHttpTransport client = new JdkHttpTransport("http://127.0.0.1:" + server.port(), "device-1");
        assertEquals(400, client.send("POST", "/sync/Todos/pull?since=0&resolutionsSince=soon", null).status());
        assertEquals(before, currentCheckpoint(), "a refused request bumps nothing");
        HttpTransport.Response ok = client.send("POST", "/sync/Todos/pull?since=0&resolutionsSince=0", null);
        assertEquals(200, ok.status(), ok.body());
        assertTrue(ok.body().contains("\"resolutions\":{\"resolutions\":[],\"next\":0}"), ok.body());
    }

    /** Our transport, recording each request, answering 404 for the combined pull when the server lacks it. */
    private HttpTransport recording(List<String> requests, boolean withoutCombinedPull) {
        return RecordingTransport.to(http, requests, withoutCombinedPull ? "POST /sync/Todos/pull" : null);
    }

    private static List<String> pulling(List<String> requests) {
        List<String> out = new ArrayList<>();
        for (String r : requests) {
            if (r.endsWith("/pull") || r.endsWith("/checkpoint") || r.endsWith("/changes")) {
                out.add(r);
            }
        }
        return out;
    }

    @Test
    void ourClientStartsEachPassOfAPullWithOneRequest() {
        for (int i = 1; i <= 5; i++) {
            http.send("POST", "/api/Todos", "{\"id\":\"t" + i + "\",\"title\":\"todo " + i + "\"}");
        }
        List<String> requests = new ArrayList<>();
        LocalReplica local = new LocalReplica(new MemoryStore(), Todo.DEFINITION);
        Replicator replicator = new Replicator(local, new RemoteReplica(recording(requests, false), Todo.DEFINITION),
                "server", 2, Filter.ALL);
        assertEquals(5, replicator.pull().applied());
        assertEquals(Arrays.asList("POST /sync/Todos/pull", "GET /sync/Todos/changes", "GET /sync/Todos/changes",
                "POST /sync/Todos/pull"), pulling(requests),
                "three pages of at most two, the first with the checkpoint; then the second pass, empty");
        for (int i = 1; i <= 5; i++) {
            assertEquals("todo " + i, local.findById("t" + i).get("title"));
        }
    }

    @Test
    void aServerWithoutTheCombinedPullGetsTheCheckpointAndThePageApart() {
        http.send("POST", "/api/Todos", "{\"id\":\"t1\",\"title\":\"one\"}");
        List<String> requests = new ArrayList<>();
        LocalReplica local = new LocalReplica(new MemoryStore(), Todo.DEFINITION);
        Replicator replicator = new Replicator(local, new RemoteReplica(recording(requests, true), Todo.DEFINITION),
                "server", 10, Filter.ALL);
        assertEquals(1, replicator.pull().applied());
        assertEquals(Arrays.asList("POST /sync/Todos/pull", "POST /api/Todos/checkpoint", "GET /sync/Todos/changes",
                "POST /api/Todos/checkpoint", "GET /sync/Todos/changes"), pulling(requests),
                "asked once, then the checkpoint and the page apart");
        assertEquals("one", local.findById("t1").get("title"));
        assertNull(local.findById("t2"));
    }

    /**
     * What a device does in order, as the browser's transport and store do it: each request sent when it starts,
     * with its query ({@code "sent POST /sync/Todos/pull?since=..."}), and each read and write of the local store.
     */
    private static final class DeviceLog implements HttpTransport, Store {
        final List<String> events = new ArrayList<>();
        private final HttpTransport http;
        private final Store store = new MemoryStore();

        DeviceLog(HttpTransport http) {
            this.http = http;
        }

        @Override
        public Response send(String method, String path, String jsonBody) {
            events.add("sent " + method + " " + path);
            return http.send(method, path, jsonBody);
        }

        @Override
        public Pending start(String method, String path, String jsonBody) {
            Response answer = send(method, path, jsonBody);
            return () -> answer;
        }

        /** The combined pulls sent, as their since and resolutionsSince. */
        List<String> pulls() {
            List<String> out = new ArrayList<>();
            for (String e : events) {
                if (e.startsWith("sent POST /sync/Todos/pull?")) {
                    Map<String, String> query = new LinkedHashMap<>();
                    for (String pair : e.substring(e.indexOf('?') + 1).split("&")) {
                        query.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                    }
                    out.add("since=" + query.get("since") + " resolutionsSince="
                            + query.getOrDefault("resolutionsSince", ""));
                }
            }
            return out;
        }

        @Override
        public String sourceId() {
            return store.sourceId();
        }

        @Override
        public <T> T read(Work<T> work) {
            events.add("read");
            return store.read(work);
        }

        @Override
        public <T> T write(Work<T> work) {
            events.add("write");
            return store.write(work);
        }

        @Override
        public <T> T writeBatch(Work<T> work) {
            events.add("write");
            return store.writeBatch(work);
        }

        @Override
        public Checkpoint bumpCheckpoint() {
            events.add("write");
            return store.bumpCheckpoint();
        }

        @Override
        public void close() {
            store.close();
        }
    }

    /** A device of client id {@code device-1} talking to this test's server. */
    private DeviceLog device() {
        return new DeviceLog(new JdkHttpTransport("http://127.0.0.1:" + server.port(), "device-1"));
    }

    /** A replicator of {@code local} with the server over {@code device}, in the conflict inbox as the app is. */
    private static Replicator replicatorOf(LocalReplica local, DeviceLog device) {
        RemoteReplica remote = new RemoteReplica(device, Todo.DEFINITION);
        return new Replicator(local, remote, "server", 10, Filter.ALL).withConflictInbox(remote);
    }

    private static long pulledSince(Replicator replicator) {
        return replicator.since(Direction.PULL).source();
    }

    @Test
    void aPullAfterAnotherSendsItsFirstRequestBeforeReadingTheStore() {
        http.send("POST", "/api/Todos", "{\"id\":\"t1\",\"title\":\"one\"}");
        DeviceLog device = device();
        LocalReplica local = new LocalReplica(device, Todo.DEFINITION);
        Replicator replicator = replicatorOf(local, device);
        assertEquals(1, replicator.pull().applied());
        assertEquals("read", device.events.get(0), "the first pull reads where it stands first: " + device.events);
        long since = pulledSince(replicator);

        http.send("POST", "/api/Todos", "{\"id\":\"t2\",\"title\":\"two\"}");
        device.events.clear();
        assertEquals(1, replicator.pull().applied());
        assertTrue(device.events.get(0).startsWith("sent POST /sync/Todos/pull?since=" + since + "&"),
                "the next pull's request went before any read of the store: " + device.events);
        assertEquals("read", device.events.get(1), device.events.toString());
        // the early request served the first pass: no second one from the same point; then the second pass
        assertEquals(Arrays.asList("since=" + since + " resolutionsSince=0", "since=" + (since + 1)
                + " resolutionsSince="), device.pulls());
        assertEquals("two", local.findById("t2").get("title"));
    }

    @Test
    void aFirstRequestSentOnAGuessTheStoreDoesNotBearOutGoesUnreadAndIsSentAgain() {
        http.send("POST", "/api/Todos", "{\"id\":\"t1\",\"title\":\"one\"}");
        DeviceLog device = device();
        LocalReplica local = new LocalReplica(device, Todo.DEFINITION);
        Replicator first = replicatorOf(local, device);
        assertEquals(1, first.pull().applied());
        long guessed = pulledSince(first);
        // another replicator of the same store and remote moves the pull on meanwhile
        http.send("POST", "/api/Todos", "{\"id\":\"t2\",\"title\":\"two\"}");
        Replicator other = replicatorOf(local, device);
        assertEquals(1, other.pull().applied());
        long actual = pulledSince(other);
        assertTrue(actual > guessed, actual + " > " + guessed);

        http.send("POST", "/api/Todos", "{\"id\":\"t3\",\"title\":\"three\"}");
        http.send("PATCH", "/api/Todos/t1", "{\"title\":\"one, renamed\"}");
        device.events.clear();
        assertEquals(2, first.pull().applied(), "t3 and the rename, each once");
        assertEquals(Arrays.asList("since=" + guessed + " resolutionsSince=0", "since=" + actual
                + " resolutionsSince=0", "since=" + (actual + 2) + " resolutionsSince="), device.pulls(),
                "the guess went unread, the pull started from where the store stands, then its second pass");
        assertEquals("three", local.findById("t3").get("title"));
        assertEquals("one, renamed", local.findById("t1").get("title"));
        assertTrue(pulledSince(first) > actual, "the pull moved on from where the store stood");
    }

    @Test
    void aPullsFirstPageIsSmallSoThatItsRecordsComeSoonestThenEveryPageIsFull() {
        LocalReplica onServer = new LocalReplica(server.store(), Todo.DEFINITION);
        int n = Replicator.FIRST_PULL_PAGE + 700;
        for (int i = 0; i < n; i++) {
            onServer.create(Map.of("id", String.format("t%04d", i), "title", "todo " + i));
        }
        DeviceLog device = device();
        LocalReplica local = new LocalReplica(device, Todo.DEFINITION);
        RemoteReplica remote = new RemoteReplica(device, Todo.DEFINITION);
        Replicator replicator = new Replicator(local, remote, "server", 500, Filter.ALL);
        List<Integer> progress = new ArrayList<>();
        replicator.onProgress((direction, applied) -> progress.add(applied));
        assertEquals(n, replicator.pull().applied());
        List<String> limits = new ArrayList<>();
        for (String e : device.events) {
            if (e.startsWith("sent ")) {
                limits.add(e.substring(5, e.indexOf('?')) + " " + e.replaceAll(".*[?&](limit=[0-9]+).*", "$1"));
            }
        }
        assertEquals(Arrays.asList("POST /sync/Todos/pull limit=" + Replicator.FIRST_PULL_PAGE,
                "GET /sync/Todos/changes limit=500", "GET /sync/Todos/changes limit=500",
                "POST /sync/Todos/pull limit=" + Replicator.FIRST_PULL_PAGE), limits,
                "a small first page, then full pages; then the second pass, empty");
        assertEquals(Arrays.asList(Replicator.FIRST_PULL_PAGE, Replicator.FIRST_PULL_PAGE + 500, n), progress);
        assertEquals(n, local.count(dev.isosync.query.Where.ALL));
        assertEquals("todo " + (n - 1), local.findById(String.format("t%04d", n - 1)).get("title"));
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> data) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : data.entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> record = new LinkedHashMap<>((Map<String, Object>) e.getValue());
            record.values().removeIf(v -> v == null);
            out.put(e.getKey(), record);
        }
        return out;
    }
}
