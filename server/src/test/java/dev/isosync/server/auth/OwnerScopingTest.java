package dev.isosync.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.demo.Todo;
import dev.isosync.json.Json;
import dev.isosync.memory.MemoryStore;
import dev.isosync.model.ModelDefinition;
import dev.isosync.model.Property;
import dev.isosync.model.PropertyType;
import dev.isosync.query.Filter;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replication.Replicator;
import dev.isosync.server.TestDatabases;
import dev.isosync.wire.RemoteReplica;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-owner scoping over real HTTP (PROTOCOL.md 9.7): two users sync one model with an owner property and never
 * see each other's records or tombstones; writes aimed at the other's records are refused and write nothing;
 * only a create naming a taken id tells that the id exists.
 */
class OwnerScopingTest {
    static final ModelDefinition MEMO = ModelDefinition.builder("Memo").owner("ownerId")
            .property(Property.of("body", PropertyType.STRING)).build();

    /** examples/per-user-todos.json: every signed-in user has their own todos, and nobody else may call. */
    static final String PER_USER_TODOS = "{\"owners\": {\"Todo\": \"ownerId\"}, \"acls\": {\"Todo\": ["
            + "{\"principalType\": \"ROLE\", \"principalId\": \"$everyone\", \"accessType\": \"*\", \"permission\": \"DENY\"},"
            + "{\"principalType\": \"ROLE\", \"principalId\": \"$authenticated\", \"accessType\": \"*\", "
            + "\"permission\": \"ALLOW\"}]}}";

    private SecureServer server;
    private String ann;
    private String ben;

    @BeforeEach
    void start() {
        server = new SecureServer(TestDatabases.h2Server().models(List.of(MEMO)), "{}");
        ann = server.signUp("ann");
        ben = server.signUp("ben");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private SecureServer.Response as(String token, String method, String path, String body) {
        return server.as(token, method, path, body);
    }

    /** Ann has m1 and a tombstone for gone; Ben has b1; the checkpoint is sealed. */
    private void givenAnnAndBenHaveMemos() {
        assertEquals(200, as(ann, "POST", "/api/Memos", "{\"id\":\"m1\",\"body\":\"ann's\"}").status());
        assertEquals(200, as(ann, "POST", "/api/Memos", "{\"id\":\"gone\",\"body\":\"ann's\"}").status());
        assertEquals(200, as(ben, "POST", "/api/Memos", "{\"id\":\"b1\",\"body\":\"ben's\"}").status());
        as(ann, "POST", "/api/Memos/checkpoint", null);
        assertEquals("{\"count\":1}", as(ann, "DELETE", "/api/Memos/gone", null).body());
        as(ann, "POST", "/api/Memos/checkpoint", null);
    }

    @Test
    void readsAndChangeListsShowOnlyTheCallersRecordsAndTombstones() {
        givenAnnAndBenHaveMemos();
        assertEquals("[{\"id\":\"b1\",\"body\":\"ben's\"}]", as(ben, "GET", "/api/Memos", null).body(),
                "the owner property is never returned");
        assertEquals("{\"count\":1}", as(ben, "GET", "/api/Memos/count", null).body());
        assertEquals(404, as(ben, "GET", "/api/Memos/m1", null).status());
        assertEquals("{\"exists\":false}", as(ben, "GET", "/api/Memos/m1/exists", null).body());
        assertEquals("null", as(ben, "GET", "/api/Memos/m1/changes/last", null).body());
        assertEquals("null", as(ben, "GET", "/api/Memos/gone/changes/last", null).body());
        assertEquals(List.of("b1"), modelIds(as(ben, "GET", "/api/Memos/changes?since=-1", null).body()));
        assertEquals(List.of("m1", "gone"), modelIds(as(ann, "GET", "/api/Memos/changes?since=-1", null).body()),
                "ann sees her tombstone");
        assertEquals(List.of("b1"), modelIds(Json.write(((Map<?, ?>) Json.parse(as(ben, "GET",
                "/sync/Memos/changes?since=-1", null).body())).get("changes"))));
        Map<?, ?> withData = (Map<?, ?>) Json.parse(as(ben, "GET", "/sync/Memos/changes?since=-1&withData=true", null)
                .body());
        assertEquals("{\"b1\":{\"id\":\"b1\",\"body\":\"ben's\"}}", Json.write(withData.get("data")),
                "the records that come with the page are the caller's, without the owner");
        assertFalse(((Map<?, ?>) Json.parse(as(ben, "GET", "/sync/Memos/changes?since=-1", null).body()))
                .containsKey("data"), "only asked for");
        assertEquals(400, as(ben, "GET", "/api/Memos?filter=" + enc("{\"where\":{\"ownerId\":\"x\"}}"), null)
                .status(), "nobody filters on the hidden owner property");
        String diff = as(ben, "POST", "/api/Memos/diff", "[{\"modelName\":\"Memo\",\"modelId\":\"m1\",\"rev\":\"r\","
                + "\"prev\":\"p\",\"checkpoint\":1}]").body();
        assertEquals("{\"deltas\":[{\"rev\":\"r\",\"prev\":null,\"checkpoint\":1,\"modelName\":\"Memo\","
                + "\"modelId\":\"m1\"}],\"conflicts\":[]}", normalizedDiff(diff), "ann's m1 is no change of ben's");
        SecureServer.Response updates = as(ben, "POST", "/api/Memos/create-updates",
                "[{\"modelName\":\"Memo\",\"modelId\":\"m1\",\"rev\":\"r\",\"checkpoint\":1}]");
        SecureServer.Response unknown = as(ben, "POST", "/api/Memos/create-updates",
                "[{\"modelName\":\"Memo\",\"modelId\":\"never\",\"rev\":\"r\",\"checkpoint\":1}]");
        assertEquals(unknown.status(), updates.status());
        assertEquals(unknown.body().replace("never", "m1"), updates.body(), "the same answer as for an unknown id");
    }

    @Test
    void writesToTheOtherUsersRecordAreRefusedAndWriteNothing() {
        givenAnnAndBenHaveMemos();
        String before = as(ann, "GET", "/api/Memos/changes?since=-1", null).body();
        String m1Change = as(ann, "GET", "/api/Memos/m1/changes/last", null).body();
        String rev = (String) ((Map<?, ?>) Json.parse(m1Change)).get("rev");
        assertEquals(404, as(ben, "PATCH", "/api/Memos/m1", "{\"body\":\"ben\"}").status());
        assertEquals(404, as(ben, "PUT", "/api/Memos/m1", "{\"body\":\"ben\"}").status());
        assertEquals("{\"count\":0}", as(ben, "DELETE", "/api/Memos/m1", null).body());
        assertEquals(404, as(ben, "PUT", "/api/Memos/m1/changes/last", "{\"prev\":null}").status());
        assertEquals(422, as(ben, "POST", "/api/Memos", "{\"id\":\"m1\",\"body\":\"ben\"}").status(),
                "the one answer that tells the id exists: a create naming it");
        assertEquals(422, as(ben, "PATCH", "/api/Memos", "{\"id\":\"m1\",\"body\":\"ben\"}").status());
        SecureServer.Response crafted = as(ben, "POST", "/api/Memos/bulk-update", "{\"updates\":["
                + "{\"type\":\"update\",\"change\":{\"modelName\":\"Memo\",\"modelId\":\"m1\",\"rev\":\"x\",\"prev\":\""
                + rev + "\"},\"data\":{\"id\":\"m1\",\"body\":\"ben was here\"}},"
                + "{\"type\":\"delete\",\"change\":{\"modelName\":\"Memo\",\"modelId\":\"m1\",\"rev\":null,\"prev\":\""
                + rev + "\"}}]}");
        assertEquals(409, crafted.status(), crafted.body());
        assertTrue(crafted.body().contains("\"modelId\":\"m1\",\"rev\":\"x\""), "it echoes the crafted change only");
        assertFalse(crafted.body().contains("ann's"), crafted.body());
        assertEquals(before, as(ann, "GET", "/api/Memos/changes?since=-1", null).body(), "nothing was written");
        assertEquals(m1Change, as(ann, "GET", "/api/Memos/m1/changes/last", null).body());
        assertEquals("ann's", as(ann, "GET", "/api/Memos/m1", null).json().get("body"));
    }

    @Test
    void twoUsersSyncingTheSameModelNeverSeeEachOthersRecords() {
        LocalReplica annLocal = new LocalReplica(new MemoryStore(), MEMO);
        LocalReplica benLocal = new LocalReplica(new MemoryStore(), MEMO);
        Replicator annDevice = new Replicator(annLocal, new RemoteReplica(server.transport(ann), MEMO), "s", 100,
                Filter.ALL);
        Replicator benDevice = new Replicator(benLocal, new RemoteReplica(server.transport(ben), MEMO), "s", 100,
                Filter.ALL);
        annLocal.upsert(Map.of("id", "a1", "body", "ann 1"));
        annLocal.upsert(Map.of("id", "a2", "body", "ann 2"));
        benLocal.upsert(Map.of("id", "b1", "body", "ben 1"));
        assertTrue(annDevice.sync().conflicts().isEmpty());
        assertTrue(benDevice.sync().conflicts().isEmpty());
        annLocal.deleteById("a2");
        assertTrue(annDevice.sync().conflicts().isEmpty());
        assertTrue(benDevice.sync().conflicts().isEmpty());
        assertTrue(annDevice.sync().conflicts().isEmpty());
        assertEquals(List.of("a1"), ids(annLocal));
        assertEquals(List.of("b1"), ids(benLocal), "ben never gets ann's records or her tombstone");
        assertEquals(1, benLocal.countChanges(), "not even a change row of ann's");
    }

    @Test
    void theChangeStreamCarriesOnlyTheCallersEvents() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<java.io.InputStream> stream = client.send(HttpRequest.newBuilder(URI.create(server.origin()
                + "/api/Memos/change-stream?access_token=" + ben)).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        java.util.concurrent.CountDownLatch registered = new java.util.concurrent.CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.equals(": ok")) {
                        registered.countDown(); // the headers go out before the server registers the listener
                    } else if (line.startsWith("data:")) {
                        lines.add(line);
                    }
                }
            } catch (java.io.IOException e) {
                // the stream was closed at the end of the test
            }
        });
        reader.setDaemon(true);
        reader.start();
        assertTrue(registered.await(10, TimeUnit.SECONDS), "the server registered the stream");
        as(ann, "POST", "/api/Memos", "{\"id\":\"secret\",\"body\":\"ann's\"}");
        as(ann, "DELETE", "/api/Memos/secret", null);
        as(ben, "POST", "/api/Memos", "{\"id\":\"mine\",\"body\":\"ben's\"}");
        String first = lines.poll(10, TimeUnit.SECONDS);
        assertTrue(first != null && first.contains("\"target\":\"mine\""), "ben's own event: " + first);
        assertEquals(null, lines.poll(500, TimeUnit.MILLISECONDS), "and nothing of ann's");
        stream.body().close();
    }

    private static List<String> ids(LocalReplica local) {
        List<String> out = new java.util.ArrayList<>();
        for (Map<String, Object> r : local.find(Filter.ALL)) {
            out.add((String) r.get("id"));
        }
        return out;
    }

    @Test
    void theAclFileScopesAModelItsClientsDeclareWithoutAnOwner() {
        String acl = "{\"owners\": {\"Todo\": \"ownerId\"}, \"acls\": {\"Todo\": ["
                + "{\"principalType\": \"ROLE\", \"principalId\": \"$everyone\", \"permission\": \"DENY\"},"
                + "{\"principalType\": \"ROLE\", \"principalId\": \"$authenticated\", \"permission\": \"ALLOW\"}]}}";
        try (SecureServer todos = new SecureServer(TestDatabases.h2Server(), acl)) {
            String cat = todos.signUp("cat");
            String dan = todos.signUp("dan");
            assertEquals(200, todos.as(cat, "POST", "/api/Todos", "{\"id\":\"t1\",\"title\":\"cat's\"}").status());
            assertEquals("[{\"id\":\"t1\",\"title\":\"cat's\",\"completed\":false,\"created\":null}]",
                    todos.as(cat, "GET", "/api/Todos", null).body(), "the owner is not returned");
            assertEquals("[]", todos.as(dan, "GET", "/api/Todos", null).body());
            assertEquals(401, todos.as(null, "GET", "/api/Todos", null).status());
            LocalReplica danDevice = new LocalReplica(new MemoryStore(), dev.isosync.demo.Todo.DEFINITION);
            new Replicator(danDevice, new RemoteReplica(todos.transport(dan), dev.isosync.demo.Todo.DEFINITION),
                    "server", 100, Filter.ALL).sync();
            assertEquals(List.of(), ids(danDevice), "dan's device pulls nothing of cat's");
        }
    }

    @Test
    void anAdminKeepingTheClientsVersionOfADeletedRecordGivesItBackToItsOwner() {
        String acl = "{\"owners\": {\"Todo\": \"ownerId\"}}";
        String adminToken = "owner-scoping-admin-token";
        try (SecureServer todos = new SecureServer(TestDatabases.h2Server().adminToken(adminToken), acl)) {
            String cat = todos.signUp("cat");
            String dan = todos.signUp("dan");
            assertEquals(200, todos.as(cat, "POST", "/api/Todos", "{\"id\":\"t1\",\"title\":\"first\"}").status());
            assertEquals("{\"count\":1}", todos.as(cat, "DELETE", "/api/Todos/t1", null).body());
            // cat's device had edited t1 meanwhile and reports the conflict with its version
            Map<String, Object> mine = Todo.DEFINITION.newRecord(Map.of("id", "t1", "title", "mine"));
            String report = "[{\"change\":{\"modelName\":\"Todo\",\"modelId\":\"t1\",\"rev\":\""
                    + Todo.DEFINITION.revisionOf(mine) + "\",\"checkpoint\":1},\"data\":" + Json.write(mine) + "}]";
            SecureServer.Response filed = todos.send("POST", "/sync/Todos/conflicts", report, "Authorization", cat,
                    "X-Client-Id", "cats-phone");
            assertEquals(200, filed.status(), filed.body());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> conflicts = (List<Map<String, Object>>) todos.send("GET",
                    "/admin/api/conflicts", null, "Authorization", "Bearer " + adminToken).json().get("conflicts");
            assertEquals(1, conflicts.size());
            SecureServer.Response resolved = todos.send("POST", "/admin/api/conflicts/" + Json.write(
                    conflicts.get(0).get("id")).replace(".0", "") + "/resolve", "{\"keep\":\"client\"}",
                    "Authorization", "Bearer " + adminToken);
            assertEquals(200, resolved.status(), resolved.body());
            assertEquals("mine", todos.as(cat, "GET", "/api/Todos/t1", null).json().get("title"),
                    "the record is cat's again, not nobody's");
            assertEquals(404, todos.as(dan, "GET", "/api/Todos/t1", null).status());
            assertEquals("[]", todos.as(dan, "GET", "/api/Todos/changes?since=-1", null).body());
        }
    }

    @Test
    void aConflictNamingAnotherUsersRecordIsNotFiledSoNoAdminCanWriteItThere() {
        String adminToken = "owner-scoping-admin-token";
        try (SecureServer todos = new SecureServer(TestDatabases.h2Server().adminToken(adminToken), PER_USER_TODOS)) {
            String cat = todos.signUp("cat");
            String dan = todos.signUp("dan");
            assertEquals(200, todos.as(cat, "POST", "/api/Todos", "{\"id\":\"t1\",\"title\":\"cat's\"}").status());
            String before = todos.as(cat, "GET", "/api/Todos/t1/changes/last", null).body();
            String catsRev = (String) ((Map<?, ?>) Json.parse(before)).get("rev");
            // dan names cat's t1 in each request that files a conflict: his "version" of it, based on hers
            Map<String, Object> dans = Todo.DEFINITION.newRecord(Map.of("id", "t1", "title", "dan's"));
            String change = "{\"modelName\":\"Todo\",\"modelId\":\"t1\",\"rev\":\"" + Todo.DEFINITION.revisionOf(dans)
                    + "\",\"prev\":\"" + catsRev + "\",\"checkpoint\":1}";
            SecureServer.Response report = todos.send("POST", "/sync/Todos/conflicts", "[{\"change\":" + change
                    + ",\"data\":" + Json.write(dans) + "}]", "Authorization", dan, "X-Client-Id", "dans-phone");
            assertEquals(200, report.status(), report.body());
            assertEquals("{\"conflicts\":[]}", report.body(), "as for an id the server has never had");
            String updates = "{\"updates\":[{\"type\":\"update\",\"change\":" + change + ",\"data\":"
                    + Json.write(dans) + "}]}";
            assertEquals(409, todos.send("POST", "/api/Todos/bulk-update", updates, "Authorization", dan,
                    "X-Client-Id", "dans-phone").status());
            SecureServer.Response push = todos.send("POST", "/sync/Todos/push?since=-1", updates, "Authorization",
                    dan, "X-Client-Id", "dans-phone");
            assertEquals(200, push.status(), push.body());
            assertEquals(1, ((List<?>) push.json().get("rejected")).size(), push.body());
            assertEquals(200, todos.send("POST", "/api/Todos/diff", "[" + change + "]", "Authorization", dan,
                    "X-Client-Id", "dans-phone").status());

            SecureServer.Response inbox = todos.send("GET", "/admin/api/conflicts", null, "Authorization",
                    "Bearer " + adminToken);
            assertEquals("[]", Json.write(inbox.json().get("conflicts")), "nothing for an admin to take from dan");
            assertEquals(before, todos.as(cat, "GET", "/api/Todos/t1/changes/last", null).body(), "nothing written");
            assertEquals("cat's", todos.as(cat, "GET", "/api/Todos/t1", null).json().get("title"));
        }
    }

    @Test
    void sendingAnotherUsersClientIdNeitherClosesNorListsTheirConflicts() {
        String adminToken = "owner-scoping-admin-token";
        try (SecureServer todos = new SecureServer(TestDatabases.h2Server().adminToken(adminToken), PER_USER_TODOS)) {
            String cat = todos.signUp("cat");
            String dan = todos.signUp("dan");
            assertEquals(200, todos.as(cat, "POST", "/api/Todos", "{\"id\":\"t1\",\"title\":\"cat's\"}").status());
            Map<String, Object> mine = Todo.DEFINITION.newRecord(Map.of("id", "t1", "title", "cat's phone"));
            String report = "[{\"change\":{\"modelName\":\"Todo\",\"modelId\":\"t1\",\"rev\":\""
                    + Todo.DEFINITION.revisionOf(mine) + "\",\"checkpoint\":1},\"data\":" + Json.write(mine) + "}]";
            assertEquals(200, todos.send("POST", "/sync/Todos/conflicts", report, "Authorization", cat,
                    "X-Client-Id", "cats-phone").status());

            SecureServer.Response closed = todos.send("POST", "/sync/Todos/conflicts/resolved",
                    "[{\"modelId\":\"t1\",\"rev\":null}]", "Authorization", dan, "X-Client-Id", "cats-phone");
            assertEquals("{\"closed\":[]}", closed.body(), "dan cannot close cat's conflict");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> open = (List<Map<String, Object>>) todos.send("GET", "/admin/api/conflicts",
                    null, "Authorization", "Bearer " + adminToken).json().get("conflicts");
            assertEquals(1, open.size());
            String resolve = "/admin/api/conflicts/" + Json.write(open.get(0).get("id")).replace(".0", "") + "/resolve";
            SecureServer.Response takeOver = todos.send("POST", resolve,
                    "{\"keep\":\"merge\",\"data\":{\"title\":\"x\",\"ownerId\":\"someone\"}}",
                    "Authorization", "Bearer " + adminToken);
            assertEquals(422, takeOver.status());
            assertTrue(takeOver.body().contains("`data.ownerId` is the record's owner, which a resolution never "
                    + "changes"), takeOver.body());
            assertEquals(200, todos.send("POST", resolve, "{\"keep\":\"client\"}", "Authorization",
                    "Bearer " + adminToken).status());
            assertEquals("cat's phone", todos.as(cat, "GET", "/api/Todos/t1", null).json().get("title"));

            String resolutions = "/sync/Todos/resolutions?since=0";
            assertEquals("[]", Json.write(todos.send("GET", resolutions, null, "Authorization", dan, "X-Client-Id",
                    "cats-phone").json().get("resolutions")), "nor read her resolutions (her record ids)");
            assertEquals(1, ((List<?>) todos.send("GET", resolutions, null, "Authorization", cat, "X-Client-Id",
                    "cats-phone").json().get("resolutions")).size());
        }
    }

    @Test
    void anOwnerForAModelTheServerDoesNotServeOrThatIsNotANameIsRefused() {
        IllegalArgumentException unknown = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> new SecureServer(TestDatabases.h2Server(),
                        "{\"owners\": {\"Note\": \"ownerId\"}}"));
        assertEquals("The ACL file gives model \"Note\" an owner, but the server does not serve it; it serves [Todo]",
                unknown.getMessage());
        IllegalArgumentException notAName = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> SecurityConfig.parse("{\"owners\": {\"Todo\": 7}}", "acl.json"));
        assertEquals("acl.json: owners.Todo must name the owner property, e.g. \"ownerId\", got 7",
                notAName.getMessage());
        IllegalArgumentException clash = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> new SecureServer(TestDatabases.h2Server(),
                        "{\"owners\": {\"Todo\": \"title\"}}"));
        assertTrue(clash.getMessage().contains("title"), clash.getMessage());
    }

    @SuppressWarnings("unchecked")
    private static List<String> modelIds(String changesJson) {
        List<String> out = new java.util.ArrayList<>();
        for (Object c : (List<Object>) Json.parse(changesJson)) {
            out.add((String) ((Map<String, Object>) c).get("modelId"));
        }
        return out;
    }

    /** The diff answer with its delta's change id left out (a hash of the model name and id). */
    @SuppressWarnings("unchecked")
    private static String normalizedDiff(String json) {
        Map<String, Object> diff = (Map<String, Object>) Json.parse(json);
        for (Object d : (List<Object>) diff.get("deltas")) {
            ((Map<String, Object>) d).remove("id");
        }
        return Json.write(diff);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
