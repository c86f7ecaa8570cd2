package dev.isosync.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.change.Change;
import dev.isosync.demo.Todo;
import dev.isosync.json.Json;
import dev.isosync.query.Filter;
import dev.isosync.replica.DiffResult;
import dev.isosync.replica.Update;
import dev.isosync.server.ServerConfig;
import dev.isosync.server.TestDatabases;
import dev.isosync.server.auth.SecurityConfig;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conflict inbox over real replication, on H2 (a subclass runs it on the memory store): conflicts from a diff, from a bulk-update's 409 and from our
 * client's report, deduplicated while open; each resolution becomes the server's version and reaches the
 * client that had the conflict, and only that client.
 */
class AdminConflictsTest {
    private InboxServer server;
    private TestDevice a;
    private TestDevice b;

    @BeforeEach
    void start() {
        startServer(config());
    }

    /** The server's configuration: H2 here, memory in a subclass. */
    ServerConfig config() {
        return TestDatabases.h2Server();
    }

    private void startServer(ServerConfig config) {
        server = new InboxServer(config);
        a = new TestDevice(server.port(), "device-a");
        b = new TestDevice(server.port(), "device-b");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    // ---- conflicts enter the inbox ---------------------------------------------------------------------------

    @Test
    void aConflictFoundByLoopBacksDiffEntersTheInboxWithTheServersVersion() {
        givenBothDevicesEditedT1();
        bDiffsByHand();
        List<Map<String, Object>> open = server.conflicts("open");
        assertEquals(1, open.size());
        Map<String, Object> c = open.get(0);
        assertEquals("Todo", c.get("model"));
        assertEquals("t1", c.get("modelId"));
        assertEquals("device-b", c.get("clientId"));
        assertEquals("client-id", c.get("clientKind"));
        assertEquals("diff", c.get("source"));
        assertEquals("open", c.get("state"));
        Map<String, Object> serverVersion = map(c.get("serverVersion"));
        assertEquals("from a", map(serverVersion.get("data")).get("title"));
        assertEquals(server.lastChange("t1").rev(), serverVersion.get("rev"));
        assertEquals((double) server.lastChange("t1").checkpoint(), serverVersion.get("checkpoint"));
        assertEquals(b.local.findLastChange("t1").rev(), map(c.get("clientChange")).get("rev"));
        assertNull(c.get("clientVersion"), "a diff carries no data");
        assertNull(c.get("differingFields"));
        assertEquals(false, c.get("serverChangedSince"));
        assertFalse(c.containsKey("resolution"));
    }

    @Test
    void aConflictFoundByTheCombinedPushCarriesTheClientsVersionToTakeAtOnce() {
        givenBothDevicesEditedT1();
        assertEquals(1, b.sync().conflicts().size(), "b's push (POST /sync/Todos/push) conflicts");
        Map<String, Object> c = server.conflicts("open").get(0);
        assertEquals("diff", c.get("source"));
        assertEquals("from a", map(map(c.get("serverVersion")).get("data")).get("title"));
        assertEquals("{\"data\":{\"id\":\"t1\",\"title\":\"from b\",\"completed\":false,\"created\":null}}",
                Json.write(c.get("clientVersion")), "the push carried b's record");
        assertEquals(b.local.findLastChange("t1").rev(), map(c.get("clientChange")).get("rev"));
        assertEquals(Collections.singletonList("title"), c.get("differingFields"));

        Http.Response r = server.resolve(((Number) c.get("id")).longValue(), "{\"keep\":\"client\"}");
        assertEquals(200, r.status, r.body);
        assertEquals("from b", serverTitle("t1"));
        assertEquals(b.local.findLastChange("t1").rev(), server.lastChange("t1").rev());
        assertResolutionReachesOnlyB(((Number) c.get("id")).longValue(), "client");
        takeServerVersionAndSync();
        assertEquals("from b", a.title("t1"));
    }

    @Test
    void theClientsReportOfTheSameConflictUpdatesTheEntryWithItsVersion() {
        givenBothDevicesEditedT1();
        b.sync();
        long id = onlyOpenConflictId();
        Http.Response r = report(b, "t1");
        assertEquals(200, r.status, r.body);
        assertEquals("{\"conflicts\":[{\"id\":" + id + ",\"modelId\":\"t1\"}]}", r.body);
        List<Map<String, Object>> open = server.conflicts("open");
        assertEquals(1, open.size(), "the open conflict is updated, not repeated");
        Map<String, Object> c = open.get(0);
        assertEquals((double) id, c.get("id"));
        assertEquals("client-report", c.get("source"));
        assertEquals(2.0, c.get("reports"));
        assertEquals("from b", map(map(c.get("clientVersion")).get("data")).get("title"));
        assertEquals(Collections.singletonList("title"), c.get("differingFields"));

        // reported again: still one entry; another client's report of the same record is its own entry
        assertEquals(200, report(b, "t1").status);
        assertEquals(1, server.conflicts("open").size());
        assertEquals(3.0, server.conflicts("open").get(0).get("reports"));
        TestDevice c2 = new TestDevice(server.port(), "device-c");
        c2.put("t1", "from c");
        assertEquals(200, report(c2, "t1").status);
        assertEquals(2, server.conflicts("open").size());
    }

    @Test
    void aConflictReportedAfterItsResolutionIsANewEntry() {
        givenBothDevicesEditedT1();
        b.sync();
        long id = onlyOpenConflictId();
        assertEquals(200, server.resolve(id, "{\"keep\":\"server\"}").status);
        assertEquals(200, report(b, "t1").status);
        List<Map<String, Object>> open = server.conflicts("open");
        assertEquals(1, open.size());
        assertNotEquals((double) id, open.get(0).get("id"));
        assertEquals(1, server.conflicts("resolved").size());
    }

    @Test
    void aBulkUpdateThatLosesARaceEntersTheInboxWithTheClientsData() {
        a.put("t2", "base");
        a.sync();
        b.sync();
        b.put("t2", "b's edit");
        // b pushes by hand, and a third party writes between its diff and its bulk-update (PROTOCOL.md 4.3)
        b.local.checkpoint();
        List<Change> changes = b.local.changes(-1, Filter.ALL);
        DiffResult diff = b.remote.diff(null, changes);
        assertEquals(1, diff.deltas().size());
        assertEquals(200, server.http.send("PATCH", "/api/Todos/t2", "{\"title\":\"third party\"}").status);
        List<Update> race = b.remote.bulkUpdate(b.local.createUpdates(diff.deltas()));
        assertEquals(1, race.size());
        Map<String, Object> c = server.conflicts("open").get(0);
        assertEquals("bulk-update", c.get("source"));
        assertEquals("device-b", c.get("clientId"));
        assertEquals("third party", map(map(c.get("serverVersion")).get("data")).get("title"));
        assertEquals("b's edit", map(map(c.get("clientVersion")).get("data")).get("title"));
        assertEquals(Collections.singletonList("title"), c.get("differingFields"));
        assertEquals(b.local.findLastChange("t2").rev(), map(c.get("clientChange")).get("rev"));
    }

    @Test
    void aDeleteAgainstAnEditIsKnownOnBothSides() {
        a.put("t3", "base");
        a.sync();
        b.sync();
        a.put("t3", "edited");
        a.sync();
        b.local.deleteById("t3");
        b.sync();
        Map<String, Object> c = server.conflicts("open").get(0);
        assertEquals("diff", c.get("source"));
        assertEquals(Collections.singletonMap("data", null), c.get("clientVersion"), "the client deleted it");
        assertEquals(Arrays.asList("id", "title", "completed", "created"), c.get("differingFields"));
    }

    @Test
    void theServerChangingSinceShowsOnAnOpenConflict() {
        givenBothDevicesEditedT1();
        b.sync();
        assertEquals(false, server.conflicts("open").get(0).get("serverChangedSince"));
        a.put("t1", "from a, again");
        a.sync();
        assertEquals(true, server.conflicts("open").get(0).get("serverChangedSince"));
    }

    // ---- resolutions ---------------------------------------------------------------------------------------

    @Test
    void keepingTheClientsVersionWritesItAndTheClientLearnsOfIt() {
        givenBothDevicesEditedT1();
        b.sync();
        long id = onlyOpenConflictId();
        report(b, "t1");
        Change before = server.lastChange("t1");
        Http.Response r = server.resolve(id, "{\"keep\":\"client\"}");
        assertEquals(200, r.status, r.body);
        Map<String, Object> resolved = r.json();
        assertEquals("resolved", resolved.get("state"));
        assertEquals("client", resolved.get("resolution"));
        assertEquals("from b", map(resolved.get("resolvedData")).get("title"));
        assertEquals(1.0, resolved.get("resolutionSeq"));

        assertEquals("from b", serverTitle("t1"));
        Change after = server.lastChange("t1");
        assertEquals(b.local.findLastChange("t1").rev(), after.rev(), "the server holds the client's revision");
        assertEquals(before.rev(), after.prev());
        assertFalse(after.isEcho(), "a resolution is pulled by every client");
        assertEquals(resolved.get("resolvedRev"), after.rev());
        assertTrue(server.conflicts("open").isEmpty());
        assertEquals(1, server.conflicts("resolved").size());
        assertEquals((double) id, server.conflicts("resolved").get(0).get("id"));

        assertResolutionReachesOnlyB(id, "client");
        takeServerVersionAndSync();
        assertEquals("from b", a.title("t1"));
        assertEquals("from b", b.title("t1"));
    }

    @Test
    void keepingTheServersVersionWritesNothingAndTheClientTakesIt() {
        givenBothDevicesEditedT1();
        b.sync();
        long id = onlyOpenConflictId();
        Change before = server.lastChange("t1");
        Http.Response r = server.resolve(id, "{\"keep\":\"server\"}");
        assertEquals(200, r.status, r.body);
        assertEquals("server", r.json().get("resolution"));
        assertEquals("from a", map(r.json().get("resolvedData")).get("title"));
        assertEquals(before, server.lastChange("t1"), "nothing written");
        assertEquals("from a", serverTitle("t1"));
        assertTrue(server.conflicts("open").isEmpty());

        assertResolutionReachesOnlyB(id, "server");
        takeServerVersionAndSync();
        assertEquals("from a", a.title("t1"));
        assertEquals("from a", b.title("t1"));
    }

    @Test
    void keepingTheServersVersionResolvesEvenWhenTheServerChangedSince() {
        givenBothDevicesEditedT1();
        b.sync();
        long id = onlyOpenConflictId();
        a.put("t1", "from a, later");
        a.sync();
        Http.Response r = server.resolve(id, "{\"keep\":\"server\"}");
        assertEquals(200, r.status, r.body);
        assertEquals("from a, later", map(r.json().get("resolvedData")).get("title"));
        takeServerVersionAndSync();
        assertEquals("from a, later", b.title("t1"));
    }

    @Test
    void aMergeBecomesTheServersVersionAndIsStreamed() throws Exception {
        givenBothDevicesEditedT1();
        b.sync();
        long id = onlyOpenConflictId();
        HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/api/Todos/change-stream"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader events = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        assertEquals(": ok", events.readLine(), "the stream is open before the resolution");

        Http.Response r = server.resolve(id, "{\"keep\":\"merge\",\"data\":{\"title\":\"merged\",\"completed\":true}}");
        assertEquals(200, r.status, r.body);
        assertEquals("merge", r.json().get("resolution"));
        assertEquals("{\"id\":\"t1\",\"title\":\"merged\",\"completed\":true,\"created\":null}",
                Json.write(r.json().get("resolvedData")));
        assertEquals("merged", serverTitle("t1"));
        assertEquals(Todo.DEFINITION.revisionOf(server(("t1"))), server.lastChange("t1").rev());
        String line;
        String data = null;
        while (data == null && (line = events.readLine()) != null) {
            if (line.startsWith("data:")) {
                data = line.substring(5).trim();
            }
        }
        stream.body().close();
        assertEquals("{\"target\":\"t1\",\"data\":{\"id\":\"t1\",\"title\":\"merged\",\"completed\":true,\"created\":null},"
                + "\"type\":\"update\"}", data);

        assertResolutionReachesOnlyB(id, "merge");
        takeServerVersionAndSync();
        assertEquals("merged", a.title("t1"));
        assertEquals("merged", b.title("t1"));
    }

    @Test
    void keepingAClientsDeleteDeletesOnTheServer() {
        a.put("t3", "base");
        a.sync();
        b.sync();
        a.put("t3", "edited");
        a.sync();
        b.local.deleteById("t3");
        b.sync();
        long id = onlyOpenConflictId();
        assertEquals(200, server.resolve(id, "{\"keep\":\"client\"}").status);
        assertNull(server("t3"));
        assertNull(server.lastChange("t3").rev(), "a tombstone");
        takeServerVersionAndSync();
        assertNull(a.title("t3"));
        assertNull(b.title("t3"));
    }

    @Test
    void resolutionsArePagedBySequenceNumber() {
        for (String id : Arrays.asList("r1", "r2", "r3")) {
            b.put(id, "mine");
            assertEquals(200, report(b, id).status);
        }
        List<Long> ids = new ArrayList<>();
        for (Map<String, Object> c : server.conflicts("open")) {
            ids.add(((Number) c.get("id")).longValue());
        }
        Collections.sort(ids);
        for (long id : ids) {
            assertEquals(200, server.resolve(id, "{\"keep\":\"server\"}").status);
        }
        Map<String, Object> first = server.http.get("/sync/Todos/resolutions?since=0&limit=2", "X-Client-Id",
                "device-b").json();
        assertEquals(2, ((List<?>) first.get("resolutions")).size());
        assertEquals(3.0, first.get("next"));
        Map<String, Object> rest = server.http.get("/sync/Todos/resolutions?since=3", "X-Client-Id", "device-b").json();
        assertEquals(1, ((List<?>) rest.get("resolutions")).size());
        assertEquals("r3", map(((List<?>) rest.get("resolutions")).get(0)).get("modelId"));
        assertEquals(4.0, rest.get("next"));
        Map<String, Object> none = server.http.get("/sync/Todos/resolutions?since=4", "X-Client-Id", "device-b").json();
        assertEquals(Collections.emptyList(), none.get("resolutions"));
        assertEquals(4.0, none.get("next"));
    }

    @Test
    void aResolvedConflictCannotBeResolvedAgain() {
        givenBothDevicesEditedT1();
        b.sync();
        long id = onlyOpenConflictId();
        assertEquals(200, server.resolve(id, "{\"keep\":\"server\"}").status);
        Http.Response again = server.resolve(id, "{\"keep\":\"merge\",\"data\":{\"title\":\"late\"}}");
        assertEquals(409, again.status);
        assertEquals("CONFLICT_RESOLVED", map(again.json().get("error")).get("code"));
        assertEquals("from a", serverTitle("t1"));
        assertEquals("server", server.conflicts("resolved").get(0).get("resolution"));
    }

    // ---- bad input changes nothing -------------------------------------------------------------------------

    @Test
    void badResolutionsAreRefusedAndChangeNothing() {
        givenBothDevicesEditedT1();
        bDiffsByHand(); // a diff carries no data: the client's version is not there to keep
        long id = onlyOpenConflictId();
        Change before = server.lastChange("t1");
        String[][] cases = {
            {"[]", "400", null},
            {"\"server\"", "400", null},
            {"{", "400", null},
            {"{}", "422", "`keep` must be \"server\", \"client\" or \"merge\" (value: undefined)"},
            {"{\"keep\":\"mine\"}", "422", "`keep` must be \"server\", \"client\" or \"merge\" (value: \"mine\")"},
            {"{\"keep\":7}", "422", "(value: 7)"},
            {"{\"keep\":\"merge\"}", "422", "`data` must be the merged record, an object (value: undefined)"},
            {"{\"keep\":\"merge\",\"data\":[1]}", "422", "`data` must be the merged record, an object (value: [1])"},
            {"{\"keep\":\"server\",\"data\":{}}", "422", "`data` is only for \"keep\": \"merge\""},
            {"{\"keep\":\"server\",\"why\":1}", "422", "`why` is not a property of a resolution"},
            {"{\"keep\":\"merge\",\"data\":{\"title\":\"x\",\"completed\":\"yes\"}}", "422",
                "`completed` must be a boolean (value: \"yes\")"},
            {"{\"keep\":\"merge\",\"data\":{\"title\":\"x\",\"extra\":1}}", "422", "`extra` is not defined"},
            {"{\"keep\":\"merge\",\"data\":{\"id\":\"t9\",\"title\":\"x\"}}", "422", "`id` cannot change from \"t1\""},
            {"{\"keep\":\"merge\",\"data\":{\"title\":null}}", "422", "`title` can't be blank"},
            {"{\"keep\":\"client\"}", "422", "cannot be \"client\": the client did not send its version"},
        };
        for (String[] c : cases) {
            Http.Response r = server.resolve(id, c[0]);
            assertEquals(Integer.parseInt(c[1]), r.status, c[0] + " -> " + r.body);
            if (c[2] != null) {
                assertTrue(r.body.contains(Json.write(c[2]).substring(1, Json.write(c[2]).length() - 1)),
                        c[0] + " -> " + r.body);
            }
        }
        assertEquals(404, server.resolve(9999, "{\"keep\":\"server\"}").status);
        Http.Response notNumber = server.http.post("/admin/api/conflicts/abc/resolve", "{\"keep\":\"server\"}",
                "Authorization", "Bearer " + InboxServer.TOKEN);
        assertEquals(404, notNumber.status);
        assertEquals("CONFLICT_NOT_FOUND", map(notNumber.json().get("error")).get("code"));
        assertEquals(404, server.http.post("/admin/api/conflicts/-1/resolve", "{\"keep\":\"server\"}",
                "Authorization", "Bearer " + InboxServer.TOKEN).status);

        assertEquals(before, server.lastChange("t1"));
        assertEquals("from a", serverTitle("t1"));
        assertEquals(1, server.conflicts("open").size());
        assertTrue(server.conflicts("resolved").isEmpty());
        assertEquals("[]", Json.write(server.http.get("/sync/Todos/resolutions?since=0", "X-Client-Id", "device-b")
                .json().get("resolutions")));
    }

    @Test
    void badConflictReportsAreRefusedAndFileNothing() {
        b.put("t1", "mine");
        String rev = b.local.findLastChange("t1").rev();
        String good = "{\"change\":{\"modelName\":\"Todo\",\"modelId\":\"t1\",\"rev\":\"" + rev + "\",\"checkpoint\":1},"
                + "\"data\":{\"id\":\"t1\",\"title\":\"mine\",\"completed\":false,\"created\":null}}";
        String[][] cases = {
            {"{}", "400", "takes an array"},
            {"", "400", "got null"},
            {"[1]", "400", "conflict 0 must be an object"},
            {"[{\"data\":null}]", "400", "\\\"change\\\" is missing"},
            {"[{\"change\":{\"modelId\":\"t1\",\"rev\":null}}]", "400", "\\\"data\\\" is missing"},
            {"[{\"change\":{\"modelId\":7},\"data\":null}]", "400", "\\\"modelId\\\" must be a string"},
            {"[{\"change\":{\"modelId\":\"t1\",\"rev\":\"" + rev + "\"},\"data\":\"x\"}]", "400",
                "\\\"data\\\" must be an object or null"},
            {"[" + good.replace("}}", "},\"extra\":1}") + "]", "400", "unknown property \\\"extra\\\""},
            {"[" + good.replace("\"title\":\"mine\"", "\"title\":\"edited\"") + "]", "422",
                "`change.rev` is not the revision of"},
            {"[" + good.replace("\"completed\":false", "\"completed\":\"no\"") + "]", "422",
                "`completed` must be a boolean"},
            {"[" + good.replace("\"id\":\"t1\",\"title\"", "\"id\":\"t2\",\"title\"") + "]", "422", "t1"},
            {"[{\"change\":{\"modelId\":\"t1\",\"rev\":null,\"prev\":\"p\"},\"data\":{\"id\":\"t1\",\"title\":\"x\"}}]",
                "422", "`data` must be null for a change without"},
            {"[{\"change\":{\"modelId\":\"t1\",\"rev\":\"" + rev + "\"},\"data\":null}]", "422", "`data` can't be null"},
            {"[{\"change\":{\"modelId\":\"\",\"rev\":null},\"data\":null}]", "422", "`change.modelId` must have 1 to 255"},
            {"[" + good + "," + good + "]", "422", "is reported twice"},
            {"[" + good + ",{\"change\":{\"modelId\":\"t5\",\"rev\":\"r\"},\"data\":{\"title\":7}}]", "422", "t5"},
        };
        for (String[] c : cases) {
            Http.Response r = server.http.post("/sync/Todos/conflicts", c[0], "X-Client-Id", "device-b");
            assertEquals(Integer.parseInt(c[1]), r.status, c[0] + " -> " + r.body);
            assertTrue(r.body.contains(c[2]), c[0] + " -> " + r.body);
        }
        Http.Response badClient = server.http.post("/sync/Todos/conflicts", "[" + good + "]", "X-Client-Id",
                "no spaces");
        assertEquals(400, badClient.status);
        assertEquals("INVALID_CLIENT_ID", map(badClient.json().get("error")).get("code"));
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i <= ClientConflictApi.MAX_REPORT_ITEMS; i++) {
            many.append(i == 0 ? "" : ",").append("{\"change\":{\"modelId\":\"m").append(i)
                    .append("\",\"rev\":null},\"data\":null}");
        }
        assertEquals(413, server.http.post("/sync/Todos/conflicts", many.append("]").toString(), "X-Client-Id",
                "device-b").status);
        assertTrue(server.conflicts("open").isEmpty(), "nothing filed");
        assertEquals(200, server.http.post("/sync/Todos/conflicts", "[" + good + "]", "X-Client-Id",
                "device-b").status);
        assertEquals(1, server.conflicts("open").size());
    }

    @Test
    void resolutionsNeedTheCallersClientIdAndASince() {
        assertEquals(400, server.http.get("/sync/Todos/resolutions?since=0").status);
        assertEquals(400, server.http.get("/sync/Todos/resolutions?since=0", "X-Client-Id", "bad id!").status);
        assertEquals(400, server.http.get("/sync/Todos/resolutions", "X-Client-Id", "device-b").status);
        assertEquals(400, server.http.get("/sync/Todos/resolutions?since=soon", "X-Client-Id", "device-b").status);
        assertEquals(400, server.http.get("/sync/Todos/resolutions?since=0&limit=0", "X-Client-Id", "device-b").status);
        assertEquals(200, server.http.get("/sync/Todos/resolutions?since=0", "X-Client-Id", "device-b").status);
    }

    @Test
    void aCallerWhoMayNotWriteCannotFillTheInbox() {
        server.close();
        startServer(config().writeAccess((ctx, model) -> !"reader".equals(ctx.header("X-Role"))));
        a.put("t1", "base");
        a.sync();
        String stale = "{\"updates\":[{\"type\":\"update\",\"change\":{\"modelId\":\"t1\",\"rev\":\"r2\",\"prev\":\"old\"},"
                + "\"data\":{\"id\":\"t1\",\"title\":\"b\",\"completed\":false,\"created\":null}}]}";
        assertEquals(409, server.http.post("/api/Todos/bulk-update", stale, "X-Role", "reader").status);
        assertEquals(200, server.http.post("/api/Todos/diff", "[{\"modelId\":\"t1\",\"rev\":\"r2\",\"prev\":\"old\"}]",
                "X-Role", "reader").status);
        b.put("t1", "mine");
        Http.Response report = server.http.post("/sync/Todos/conflicts", b.conflictReport("t1"), "X-Role", "reader",
                "X-Client-Id", "device-b");
        assertEquals(401, report.status);
        assertEquals("AUTHORIZATION_REQUIRED", map(report.json().get("error")).get("code"));
        assertTrue(server.conflicts("open").isEmpty());
        assertEquals(409, server.http.post("/api/Todos/bulk-update", stale).status);
        assertEquals(1, server.conflicts("open").size(), "a writer's conflict is filed");
    }

    @Test
    void underTheAclsOnlyAWritersConflictsAreFiled() {
        server.close();
        startServer(config().security(SecurityConfig.parse("{\"roles\": {\"replicator\": [\"rex\"], "
                + "\"writer\": [\"wes\"]}, \"acls\": {\"Todo\": ["
                + "{\"principalType\": \"ROLE\", \"principalId\": \"$everyone\", \"permission\": \"DENY\"},"
                + "{\"principalType\": \"ROLE\", \"principalId\": \"$authenticated\", \"accessType\": \"READ\", "
                + "\"permission\": \"ALLOW\"},"
                + "{\"principalType\": \"ROLE\", \"principalId\": \"replicator\", \"accessType\": \"REPLICATE\", "
                + "\"permission\": \"ALLOW\"},"
                + "{\"principalType\": \"ROLE\", \"principalId\": \"writer\", \"accessType\": \"WRITE\", "
                + "\"permission\": \"ALLOW\"},"
                // ray may call the report endpoint by name, but may not write the model
                + "{\"principalType\": \"USER\", \"principalId\": \"ray\", \"property\": \"reportConflicts\", "
                + "\"permission\": \"ALLOW\"}]}}", "test ACL")));
        String wes = server.http.signUp("wes");
        assertEquals(200, server.http.post("/api/Todos", "{\"id\":\"t1\",\"title\":\"wes's\"}", "Authorization",
                wes).status);
        Map<String, Object> mine = Todo.DEFINITION.newRecord(Map.of("id", "t1", "title", "mine"));
        String change = "{\"modelName\":\"Todo\",\"modelId\":\"t1\",\"rev\":\"" + Todo.DEFINITION.revisionOf(mine)
                + "\",\"prev\":\"a-revision-the-server-never-had\",\"checkpoint\":1}";
        String diff = "[" + change + "]";
        String updates = "{\"updates\":[{\"type\":\"update\",\"change\":" + change + ",\"data\":" + Json.write(mine)
                + "}]}";
        String report = "[{\"change\":" + change + ",\"data\":" + Json.write(mine) + "}]";

        for (String name : Arrays.asList("rita", "rex", "ray")) { // READ; READ and REPLICATE; READ and the report
            String[] as = {"Authorization", server.http.signUp(name), "X-Client-Id", name};
            Http.Response diffed = server.http.post("/api/Todos/diff", diff, as);
            assertEquals(200, diffed.status, name + ": " + diffed);
            assertEquals(1, ((List<?>) diffed.json().get("conflicts")).size(), name + " sees the conflict");
            assertEquals(401, server.http.post("/api/Todos/bulk-update", updates, as).status,
                    name + " never gets to a 409");
            assertEquals(401, server.http.post("/sync/Todos/push", updates, as).status, name);
            Http.Response reported = server.http.post("/sync/Todos/conflicts", report, as);
            assertEquals(401, reported.status, name + ": " + reported);
            assertEquals("AUTHORIZATION_REQUIRED", map(reported.json().get("error")).get("code"));
        }
        assertTrue(server.conflicts("open").isEmpty(), "nothing of a caller who may not write");

        String[] asWes = {"Authorization", wes, "X-Client-Id", "wes"};
        assertEquals(200, server.http.post("/api/Todos/diff", diff, asWes).status);
        assertEquals("diff", server.conflicts("open").get(0).get("source"));
        assertEquals(409, server.http.post("/api/Todos/bulk-update", updates, asWes).status);
        assertEquals("bulk-update", server.conflicts("open").get(0).get("source"));
        assertEquals(200, server.http.post("/sync/Todos/conflicts", report, asWes).status);
        Map<String, Object> filed = server.conflicts("open").get(0);
        assertEquals("client-report", filed.get("source"));
        assertEquals(3.0, filed.get("reports"), "one entry, reported three times");
        assertEquals("wes", filed.get("clientId"));
        assertEquals(1, server.conflicts("open").size());
    }

    @Test
    void recordDataComesBackAsJsonNeverAsHtml() {
        String title = "<img src=x onerror=alert(1)>";
        a.put("t1", "base");
        a.sync();
        b.sync();
        a.put("t1", title);
        b.put("t1", "</script><script>alert(2)</script>");
        a.sync();
        b.sync();
        report(b, "t1");
        for (String path : Arrays.asList("/admin/api/conflicts", "/admin/api/models/Todo/records")) {
            Http.Response r = server.http.get(path, "Authorization", "Bearer " + InboxServer.TOKEN);
            assertEquals(200, r.status);
            assertTrue(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type"));
            assertEquals("nosniff", r.header("X-Content-Type-Options"));
            assertTrue(r.body.contains("\"title\":\"<img src=x onerror=alert(1)>\""), r.body);
        }
        Map<String, Object> c = server.conflicts("open").get(0);
        assertEquals(title, map(map(c.get("serverVersion")).get("data")).get("title"));
        assertEquals("</script><script>alert(2)</script>", map(map(c.get("clientVersion")).get("data")).get("title"));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** a and b share t1; then each edits it; a pushes first, so b's push conflicts. */
    private void givenBothDevicesEditedT1() {
        a.put("t1", "base");
        a.sync();
        b.sync();
        a.put("t1", "from a");
        b.put("t1", "from b");
        assertTrue(a.sync().conflicts().isEmpty());
    }

    /** b diffs its changes as a LoopBack client does, with {@code POST /api/Todos/diff}, and gets one conflict. */
    private void bDiffsByHand() {
        b.local.checkpoint();
        assertEquals(1, b.remote.diff(null, b.local.changes(-1, Filter.ALL)).conflicts().size());
    }

    /** b hears of the resolution, takes the server's version, and both devices sync until they agree. */
    private void takeServerVersionAndSync() {
        List<?> resolutions = (List<?>) server.http.get("/sync/Todos/resolutions?since=0", "X-Client-Id", "device-b")
                .json().get("resolutions");
        assertEquals(1, resolutions.size());
        String modelId = (String) map(resolutions.get(0)).get("modelId");
        b.replicator.openConflicts().stream().filter(c -> c.modelId().equals(modelId)).findFirst()
                .orElseThrow(() -> new AssertionError("b has no open conflict on " + modelId))
                .resolveUsingTarget();
        assertTrue(b.sync().conflicts().isEmpty());
        assertTrue(a.sync().conflicts().isEmpty());
        assertTrue(b.sync().conflicts().isEmpty());
        List<Map<String, Object>> onServer = server.todos().find(Filter.ALL);
        assertEquals(onServer, a.local.find(Filter.ALL));
        assertEquals(onServer, b.local.find(Filter.ALL));
        assertTrue(b.replicator.openConflicts().isEmpty());
        assertTrue(server.conflicts("open").isEmpty(), "taking the server's version raises no new conflict");
    }

    private void assertResolutionReachesOnlyB(long id, String keep) {
        Map<String, Object> forB = server.http.get("/sync/Todos/resolutions?since=0", "X-Client-Id", "device-b").json();
        List<?> list = (List<?>) forB.get("resolutions");
        assertEquals(1, list.size());
        Map<String, Object> r = map(list.get(0));
        assertEquals((double) id, r.get("conflictId"));
        assertEquals("t1".equals(r.get("modelId")) || "t3".equals(r.get("modelId")), true);
        assertEquals(keep, r.get("resolution"));
        assertEquals(r.get("seq"), forB.get("next") instanceof Double ? (Double) forB.get("next") - 1 : null);
        Map<String, Object> forA = server.http.get("/sync/Todos/resolutions?since=0", "X-Client-Id", "device-a").json();
        assertEquals(Collections.emptyList(), forA.get("resolutions"));
        assertEquals(0.0, forA.get("next"));
    }

    private Http.Response report(TestDevice device, String id) {
        return server.http.post("/sync/Todos/conflicts", device.conflictReport(id), "X-Client-Id", device.clientId);
    }

    private long onlyOpenConflictId() {
        return ((Number) server.onlyConflict("open").get("id")).longValue();
    }

    private Map<String, Object> server(String id) {
        return server.todos().findById(id);
    }

    private String serverTitle(String id) {
        return (String) server(id).get("title");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
