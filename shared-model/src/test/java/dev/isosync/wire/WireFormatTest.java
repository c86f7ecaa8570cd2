package dev.isosync.wire;

import static dev.isosync.contract.TestJson.arr;
import static dev.isosync.contract.TestJson.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.change.Change;
import dev.isosync.change.ChangeType;
import dev.isosync.change.Checkpoint;
import dev.isosync.error.SyncException;
import dev.isosync.json.Json;
import dev.isosync.replica.DiffResult;
import dev.isosync.replica.Update;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * LoopBack's JSON shapes (PROTOCOL.md 4.2), checked against literal shapes and against the traffic recorded
 * on a real LoopBack 3 server (test resources {@code loopback-wire/}; their revisions come from a model
 * without {@code persistUndefinedAsNull}, so only shapes are compared, never revisions of our records).
 */
class WireFormatTest {
    private static final String T1_CHANGE_ID = "2bb6492ce284c2c660c29a92c95dc07c75c6986f";

    @Test
    void changeIsWrittenInLoopBacksKeyOrderWithPrevOmittedWhenAbsent() {
        Change c = Change.of("Todo", "t1", "535d5dff67fc98e7af8faebfdbd1f8c9d49d3155", 1L);
        assertEquals("{\"id\":\"" + T1_CHANGE_ID + "\",\"rev\":\"535d5dff67fc98e7af8faebfdbd1f8c9d49d3155\","
                + "\"checkpoint\":1,\"modelName\":\"Todo\",\"modelId\":\"t1\"}", Json.write(WireFormat.change(c)));
    }

    @Test
    void presentNullPrevIsKept() {
        Change c = Change.of("Todo", "t9", "r9", 7L).withPrev(null);
        String json = Json.write(WireFormat.change(c));
        assertTrue(json.startsWith("{\"id\":\""), json);
        assertTrue(json.contains("\"rev\":\"r9\",\"prev\":null,\"checkpoint\":7,\"modelName\":\"Todo\",\"modelId\":\"t9\"}"), json);
    }

    @Test
    void tombstoneIsWrittenWithANullRev() {
        Change c = Change.of("Todo", "t3", null, 3L).withPrev("ec22e073bcd3a8ac7f2c0f1be6f141c49aafbe88");
        Map<String, Object> m = WireFormat.change(c);
        assertEquals(Arrays.asList("id", "rev", "prev", "checkpoint", "modelName", "modelId"), new ArrayList<>(m.keySet()));
        assertTrue(m.containsKey("rev"));
        assertNull(m.get("rev"));
    }

    @Test
    void changeIdIsTheHashOfItsOwnModelName() {
        assertEquals(T1_CHANGE_ID, WireFormat.change(Change.of("Todo", "t1", "r", 1L)).get("id"));
        assertFalse(T1_CHANGE_ID.equals(WireFormat.change(Change.of("LocalTodo", "t1", "r", 1L)).get("id")),
                "the same instance has different change ids on client and server");
        Map<String, Object> noName = WireFormat.change(Change.of(null, "t1", "r", null));
        assertEquals(Arrays.asList("rev", "modelId"), new ArrayList<>(noName.keySet()));
    }

    @Test
    void readChangeKeepsAbsentAndNullPrevApart() {
        Change absent = WireFormat.readChange(obj("{'modelName':'Todo','modelId':'t1','rev':'a','checkpoint':2}"), "change");
        assertFalse(absent.hasPrev());
        Change nulled = WireFormat.readChange(obj("{'modelName':'Todo','modelId':'t1','rev':'a','prev':null}"), "change");
        assertTrue(nulled.hasPrev());
        assertNull(nulled.prev());
        assertNull(nulled.checkpoint());
        Change full = WireFormat.readChange(obj("{'id':'ignored','rev':null,'prev':'p','checkpoint':3,'modelName':'LocalTodo',"
                + "'modelId':'t1'}"), "change");
        assertEquals(Change.of("LocalTodo", "t1", null, 3L).withPrev("p"), full);
        assertEquals(ChangeType.DELETE, full.type());
    }

    private static SyncException assertBadRequest(Executable read, String... mentions) {
        SyncException e = assertThrows(SyncException.class, read);
        assertEquals(400, e.statusCode());
        for (String m : mentions) {
            assertTrue(e.getMessage().contains(m), () -> "message should mention " + m + ": " + e.getMessage());
        }
        return e;
    }

    @Test
    void badChangesAre400NamingTheField() {
        assertBadRequest(() -> WireFormat.readChange(obj("{'rev':'a'}"), "change 0"), "change 0", "\"modelId\"", "nothing");
        assertBadRequest(() -> WireFormat.readChange(obj("{'modelId':5,'rev':'a'}"), "change 0"), "\"modelId\"", "5");
        assertBadRequest(() -> WireFormat.readChange(obj("{'modelId':'t1','rev':5}"), "change 0"), "\"rev\"");
        assertBadRequest(() -> WireFormat.readChange(obj("{'modelId':'t1','prev':true}"), "change 0"), "\"prev\"");
        assertBadRequest(() -> WireFormat.readChange(obj("{'modelId':'t1','modelName':1}"), "change 0"), "\"modelName\"");
        assertBadRequest(() -> WireFormat.readChange(obj("{'modelId':'t1','checkpoint':1.5}"), "change 0"), "\"checkpoint\"", "1.5");
        assertBadRequest(() -> WireFormat.readChange(obj("{'modelId':'t1','checkpoint':'2'}"), "change 0"), "\"checkpoint\"");
        assertBadRequest(() -> WireFormat.readChange("t1", "change 0"), "change 0", "a string");
        assertBadRequest(() -> WireFormat.readChanges(arr("[{'modelId':'a'},{'rev':'b'}]")), "change 1");
    }

    @Test
    void anythingButAnArrayOfChangesIsLoopBacks400() {
        SyncException e = assertBadRequest(() -> WireFormat.readChanges(obj("{'since':5,'remoteChanges':[]}")));
        assertEquals("Value is not an array.", e.getMessage(), "LoopBack's own message for this request");
        assertBadRequest(() -> WireFormat.readChanges(null));
        assertEquals(Collections.emptyList(), WireFormat.readChanges(arr("[]")));
    }

    @Test
    void bulkUpdateBodyIsParsed() {
        List<Update> updates = WireFormat.readBulkUpdateBody(obj("{'updates':["
                + "{'type':'update','change':{'modelName':'Todo','modelId':'t1','rev':'whatever','prev':'02bef8e5','checkpoint':9},"
                + "'data':{'id':'t1','title':'from-remote','completed':true}},"
                + "{'type':'create','change':{'modelName':'Todo','modelId':'t5','rev':'x','checkpoint':9},'data':{'id':'t5','title':'new'}},"
                + "{'type':'delete','change':{'modelName':'Todo','modelId':'t77','rev':null,'prev':'p','checkpoint':9}}]}"));
        assertEquals(3, updates.size());
        assertEquals(ChangeType.UPDATE, updates.get(0).type());
        assertEquals(Change.of("Todo", "t1", "whatever", 9L).withPrev("02bef8e5"), updates.get(0).change());
        assertEquals(obj("{'id':'t1','title':'from-remote','completed':true}"), updates.get(0).data());
        assertEquals(ChangeType.CREATE, updates.get(1).type());
        assertFalse(updates.get(1).change().hasPrev());
        assertEquals(ChangeType.DELETE, updates.get(2).type());
        assertNull(updates.get(2).data());
    }

    @Test
    void rawArrayOrMissingUpdatesIs400() {
        assertBadRequest(() -> WireFormat.readBulkUpdateBody(arr("[]")), "{\"updates\":[...]}", "an array");
        assertBadRequest(() -> WireFormat.readBulkUpdateBody(obj("{}")), "\"updates\" is missing");
        assertBadRequest(() -> WireFormat.readBulkUpdateBody(obj("{'updates':{}}")), "not an array");
        assertBadRequest(() -> WireFormat.readBulkUpdateBody(obj("{'updates':[{'type':'upsert','change':{'modelId':'a'}}]}")),
                "update 0", "\"type\"", "\"upsert\"");
        assertBadRequest(() -> WireFormat.readBulkUpdateBody(obj("{'updates':[{'type':'create','change':{'modelId':'a'},'data':[1]}]}")),
                "update 0", "\"data\"");
        assertBadRequest(() -> WireFormat.readBulkUpdateBody(obj("{'updates':[{'type':'create'}]}")), "update 0 change");
    }

    @Test
    void updateEchoesTheChangeExactlyAsReceived() {
        Map<String, Object> sent = obj("{'modelName':'Todo','modelId':'t5','rev':'x','checkpoint':9,'extra':'kept'}");
        Map<String, Object> body = obj("{'updates':[{'type':'create','change':{},'data':{'id':'t5','title':'dupe'}}]}");
        @SuppressWarnings("unchecked")
        Map<String, Object> item = (Map<String, Object>) ((List<Object>) body.get("updates")).get(0);
        item.put("change", sent);
        Update u = WireFormat.readBulkUpdateBody(body).get(0);
        assertEquals(sent, u.wireChange());
        assertEquals(Json.write(sent), Json.write(WireFormat.update(u).get("change")));
        Update local = new Update(ChangeType.DELETE, Change.of("Todo", "t1", null, 3L).withPrev("p"), null);
        assertEquals("{\"type\":\"delete\",\"change\":{\"id\":\"" + T1_CHANGE_ID + "\",\"rev\":null,\"prev\":\"p\",\"checkpoint\":3,"
                + "\"modelName\":\"Todo\",\"modelId\":\"t1\"}}", Json.write(WireFormat.update(local)));
    }

    @Test
    void checkpointIsWrittenWithTheStoreIdentity() {
        Checkpoint c = new Checkpoint(2, "2026-11-26T08:00:08.829Z", "store-1");
        assertEquals("{\"seq\":2,\"time\":\"2026-11-26T08:00:08.829Z\",\"id\":1,\"sourceId\":\"store-1\"}",
                Json.write(WireFormat.checkpoint(c)));
        Checkpoint lb = WireFormat.readCheckpoint(obj("{'seq':2,'time':'2026-11-26T08:00:08.829Z','id':1}"));
        assertEquals(2, lb.seq());
        assertEquals("2026-11-26T08:00:08.829Z", lb.time());
        assertNull(lb.sourceId(), "LoopBack never sets sourceId");
        assertBadRequest(() -> WireFormat.readCheckpoint(obj("{'time':'x'}")), "\"seq\"");
    }

    @Test
    void diffResultShape() {
        DiffResult d = new DiffResult(Arrays.asList(Change.of("LocalTodo", "t9", "r9", 7L).withPrev(null)),
                Arrays.asList(Change.of("Todo", "t1", "a", 2L).withPrev("b")));
        Map<String, Object> m = WireFormat.diffResult(d);
        assertEquals(Arrays.asList("deltas", "conflicts"), new ArrayList<>(m.keySet()));
        DiffResult back = WireFormat.readDiffResult(Json.parse(Json.write(m)));
        assertEquals(d.deltas(), back.deltas());
        assertEquals(d.conflicts(), back.conflicts());
        assertBadRequest(() -> WireFormat.readDiffResult(obj("{'deltas':{}}")), "Value is not an array.");
    }

    // ---- the recorded traffic -------------------------------------------------------------------

    private static List<Map<String, Object>> exchanges() throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String file : new String[] {"wire-curl.jsonl", "wire.jsonl", "wire2.jsonl", "wire-race.jsonl"}) {
            InputStream in = WireFormatTest.class.getResourceAsStream("/loopback-wire/" + file);
            assertNotNull(in, file);
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> o = (Map<String, Object>) Json.parse(line);
                    if (o.containsKey("n")) {
                        out.add(o);
                    }
                }
            }
        }
        return out;
    }

    private static String path(Map<String, Object> exchange) {
        String url = (String) exchange.get("url");
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    private static int status(Map<String, Object> exchange) {
        return ((Number) exchange.get("status")).intValue();
    }

    private static Object response(Map<String, Object> exchange) {
        return Json.parse((String) exchange.get("resBody"));
    }

    private static void assertRewritesIdentically(Object recordedChange) {
        Change c = WireFormat.readChange(recordedChange, "recorded change");
        assertEquals(Json.write(recordedChange), Json.write(WireFormat.change(c)));
    }

    @Test
    void everyRecordedChangeIsWrittenBackByteForByte() throws IOException {
        int checked = 0;
        for (Map<String, Object> x : exchanges()) {
            if (status(x) != 200) {
                continue;
            }
            String p = path(x);
            Object body = response(x);
            if (x.get("method").equals("GET") && p.equals("/api/Todos/changes")) {
                for (Change c : WireFormat.readChanges(body)) {
                    assertNotNull(c.modelName());
                }
                for (Object c : (List<?>) body) {
                    assertRewritesIdentically(c);
                    checked++;
                }
            } else if (p.equals("/api/Todos/diff")) {
                Map<?, ?> d = (Map<?, ?>) body;
                assertEquals(Json.write(body), Json.write(WireFormat.diffResult(WireFormat.readDiffResult(body))));
                checked += ((List<?>) d.get("deltas")).size() + ((List<?>) d.get("conflicts")).size();
            } else if (p.endsWith("/changes/last") && body != null) {
                assertRewritesIdentically(body);
                checked++;
            } else if (p.equals("/api/Todos/create-updates")) {
                for (Update u : WireFormat.readUpdates(body)) {
                    Update rebuilt = new Update(u.type(), u.change(), u.data());
                    assertEquals(Json.write(u.wireChange()), Json.write(WireFormat.update(rebuilt).get("change")));
                    checked++;
                }
                assertEquals(Json.write(body), Json.write(WireFormat.updates(WireFormat.readUpdates(body))));
            }
        }
        assertTrue(checked > 50, "the recordings hold many changes: " + checked);
    }

    @Test
    void everyRecordedRequestBodyParses() throws IOException {
        int bulk = 0;
        for (Map<String, Object> x : exchanges()) {
            String p = path(x);
            Object req = x.get("reqBody");
            if (p.equals("/api/Todos/bulk-update") && status(x) != 500 && !((String) x.get("url")).contains("?updates=")) {
                // (one recording sends the updates in the query string, a binding the server handles)
                List<Update> updates = WireFormat.readBulkUpdateBody(req);
                assertFalse(updates.isEmpty());
                bulk++;
            } else if (p.equals("/api/Todos/diff") && status(x) == 200) {
                WireFormat.readChanges(req);
            } else if (p.equals("/api/Todos/checkpoint") && x.get("method").equals("POST")) {
                Checkpoint c = WireFormat.readCheckpoint(response(x));
                assertTrue(c.seq() >= 2);
                assertNull(c.sourceId());
            }
        }
        assertEquals(11, bulk);
    }

    @Test
    void recordedConflictsEchoTheChangesAsSent() throws IOException {
        int seen = 0;
        for (Map<String, Object> x : exchanges()) {
            if (!path(x).equals("/api/Todos/bulk-update") || status(x) != 409) {
                continue;
            }
            List<Update> updates = WireFormat.readBulkUpdateBody(x.get("reqBody"));
            Map<?, ?> error = (Map<?, ?>) ((Map<?, ?>) response(x)).get("error");
            List<?> conflicts = (List<?>) ((Map<?, ?>) error.get("details")).get("conflicts");
            for (Object recorded : conflicts) {
                boolean found = false;
                for (Update u : updates) {
                    if (Json.write(WireFormat.update(u).get("change")).equals(Json.write(recorded))) {
                        found = true;
                    }
                }
                assertTrue(found, "a 409 echoes " + Json.write(recorded) + " as it was sent");
                seen++;
            }
        }
        assertEquals(3, seen);
    }

    @Test
    void recordedRawArrayToBulkUpdateIsNow400() throws IOException {
        for (Map<String, Object> x : exchanges()) {
            if (path(x).equals("/api/Todos/bulk-update") && status(x) == 500) {
                SyncException e = assertThrows(SyncException.class, () -> WireFormat.readBulkUpdateBody(x.get("reqBody")));
                assertEquals(400, e.statusCode(), "LoopBack answered 500; we answer 400 (PROTOCOL.md 9.1.4)");
                return;
            }
        }
        throw new AssertionError("the recordings hold LoopBack's 500 for a raw array");
    }
}
