package dev.isosync.contract;

import static dev.isosync.contract.TestJson.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.isosync.change.Change;
import dev.isosync.change.ChangeType;
import dev.isosync.change.Checkpoint;
import dev.isosync.demo.Todo;
import dev.isosync.error.SyncException;
import dev.isosync.error.ValidationError;
import dev.isosync.error.ValidationException;
import dev.isosync.json.Json;
import dev.isosync.model.ModelDefinition;
import dev.isosync.query.Filter;
import dev.isosync.query.Where;
import dev.isosync.replica.ChangesPage;
import dev.isosync.replica.DiffResult;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replica.Replica;
import dev.isosync.replica.Update;
import dev.isosync.store.ChangeCursor;
import dev.isosync.store.Store;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The contract every store and every replica over it must meet (DESIGN.md "Tests", STYLE.md 4): the CRUD
 * operations, validation, revisions, LoopBack's rectify rules, change lists, diff, createUpdates, bulkUpdate,
 * updateLastChange, checkpoints, metadata and transactions, all observed through {@link LocalReplica} and the
 * store's own transactions.
 *
 * <p>A subclass supplies a fresh, empty store per test, and may put another {@link Replica} in front of it for
 * the protocol operations ({@link #replicaOf}), such as the remote replica reaching a server over that store;
 * records are made, and rules that never go on the wire (validation on create, echo marks) are checked, with
 * a {@link LocalReplica} on the same store. Two models are used, {@link Todo} and the fixture {@link Note}, so
 * that nothing passes only because of one model's shape.
 */
public abstract class StoreContract {
    protected static final ModelDefinition TODO = Todo.DEFINITION;
    protected static final ModelDefinition NOTE = Note.DEFINITION;
    /** A model with an owner property: each record belongs to one user (PROTOCOL.md 9.7). */
    protected static final ModelDefinition MEMO = ModelDefinition.builder("Memo").owner("ownerId")
            .property(dev.isosync.model.Property.of("body", dev.isosync.model.PropertyType.STRING)).build();

    /** A fresh, empty store holding {@code models}; each test gets its own. */
    protected abstract Store newStore(List<ModelDefinition> models);

    /** Releases a store made by {@link #newStore(List)}. */
    protected void dispose(Store s) {
        s.close();
    }

    /**
     * The replica whose protocol operations are under test, holding {@code model} in {@code store}: by default
     * a {@link LocalReplica}; a remote replica's suite returns one that reaches a server over that store.
     */
    protected Replica replicaOf(Store s, ModelDefinition model) {
        return new LocalReplica(s, model);
    }

    protected Store store;
    /** Local replicas over the store: they make the records the tests start from, and check local-only rules. */
    protected LocalReplica todos;
    protected LocalReplica notes;
    /** The replicas under test (see {@link #replicaOf}): checkpoints, changes, diff, updates, change records. */
    protected Replica todoReplica;
    protected Replica noteReplica;

    @BeforeEach
    void openStore() {
        store = newStore(Arrays.asList(TODO, NOTE, MEMO));
        todos = new LocalReplica(store, TODO);
        notes = new LocalReplica(store, NOTE);
        todoReplica = replicaOf(store, TODO);
        noteReplica = replicaOf(store, NOTE);
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            dispose(store);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private Change last(String id) {
        return todoReplica.findLastChange(id);
    }

    private long bump() {
        return todoReplica.checkpoint().seq();
    }

    private String revOf(ModelDefinition model, String singleQuotedRecord) {
        return model.revisionOf(model.newRecord(obj(singleQuotedRecord)));
    }

    private static List<String> ids(List<Change> changes) {
        List<String> out = new ArrayList<>();
        for (Change c : changes) {
            out.add(c.modelId());
        }
        return out;
    }

    private static Change remote(String modelId, String rev, long checkpoint) {
        return Change.of("LocalTodo", modelId, rev, checkpoint);
    }

    private static void assertPrevAbsent(Change c) {
        assertFalse(c.hasPrev(), () -> "prev should be absent: " + c);
    }

    private static void assertPrev(String expected, Change c) {
        assertTrue(c.hasPrev(), () -> "prev should be present: " + c);
        assertEquals(expected, c.prev(), () -> "prev of " + c);
    }

    private void assertNothingWritten(LocalReplica replica, String id) {
        assertNull(replica.findById(id), "no record may be written");
        assertNull(replica.findLastChange(id), "no change row may be written");
        assertEquals(0, replica.countChanges(), "no change row may be written");
    }

    private static ValidationException assertRefused(Executable write, String property, Object value) {
        ValidationException e = assertThrows(ValidationException.class, write);
        assertEquals(422, e.statusCode());
        boolean named = false;
        for (ValidationError error : e.errors()) {
            if (error.property().equals(property) && java.util.Objects.equals(error.value(), value)) {
                named = true;
            }
        }
        assertTrue(named, () -> "the error should name " + property + " = " + Json.write(value) + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(property), e.getMessage());
        if (value != null) {
            assertTrue(e.getMessage().contains(Json.write(value)), () -> "message should show the value: " + e.getMessage());
        }
        return e;
    }

    // ---- CRUD ----------------------------------------------------------------------------------------

    @Test
    void createStoresEveryDeclaredPropertyWithNullWhenUnset() {
        Map<String, Object> created = todos.create(obj("{'id':'t1','title':'a'}"));
        Map<String, Object> expected = obj("{'id':'t1','title':'a','completed':false,'created':null}");
        assertEquals(expected, created);
        assertEquals(Arrays.asList("id", "title", "completed", "created"), new ArrayList<>(created.keySet()));
        Map<String, Object> found = todos.findById("t1");
        assertEquals(expected, found);
        assertEquals(Arrays.asList("id", "title", "completed", "created"), new ArrayList<>(found.keySet()));
    }

    @Test
    void everyPropertyTypeRoundTripsUnchanged() {
        Map<String, Object> data = obj("{'id':'n1','body':'x','pinned':true,'due':'2020-01-02T03:04:05.006Z',"
                + "'tags':['b','a',null],'meta':{'a':{'b':null,'y':[1,2.5]},'z':-1e-7},'secret':'s'}");
        Map<String, Object> created = notes.create(data);
        Map<String, Object> visible = new LinkedHashMap<>(data);
        visible.remove("secret");
        assertEquals(visible, created);
        assertEquals(visible, notes.findById("n1"));
        assertEquals(Arrays.asList("id", "body", "pinned", "due", "tags", "meta"),
                new ArrayList<>(notes.findById("n1").keySet()));

        Map<String, Object> bare = notes.create(obj("{'id':'n2','body':'y'}"));
        assertEquals(obj("{'id':'n2','body':'y','pinned':false,'due':null,'tags':null,'meta':null}"), bare);
    }

    @Test
    void hiddenPropertyIsStoredButNeverReturned() {
        notes.create(obj("{'id':'n1','body':'x','secret':'s'}"));
        assertFalse(notes.findById("n1").containsKey("secret"));
        Map<String, Object> stored = store.read(tx -> tx.findById(NOTE, "n1"));
        assertEquals("s", stored.get("secret"), "the store keeps hidden properties");
        assertFalse(notes.find(Filter.ALL).get(0).containsKey("secret"));
    }

    @Test
    void stringsRoundTripExactly() {
        String title = "h\u00e9llo \"q\" \\ \n\u2028\u007f\u00ad \ud83d\ude00 \u4e2d";
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", "t1");
        data.put("title", title);
        todos.create(data);
        assertEquals(title, todos.findById("t1").get("title"));
        assertEquals(TODO.revisionOf(TODO.newRecord(data)), last("t1").rev());
    }

    @Test
    void numbersRoundTripAsTheSameDoubles() {
        todos.create(obj("{'id':'t1','title':'a','created':1764115200123}"));
        todos.create(obj("{'id':'t2','title':'b','created':0.30000000000000004}"));
        todos.create(obj("{'id':'t3','title':'c','created':-1.5e300}"));
        assertEquals(1764115200123.0, ((Number) todos.findById("t1").get("created")).doubleValue());
        assertEquals(0.30000000000000004, ((Number) todos.findById("t2").get("created")).doubleValue());
        assertEquals(-1.5e300, ((Number) todos.findById("t3").get("created")).doubleValue());
        assertEquals(revOf(TODO, "{'id':'t2','title':'b','created':0.30000000000000004}"), last("t2").rev());
    }

    @Test
    void createWithoutIdGeneratesAUuid() {
        Map<String, Object> created = todos.create(obj("{'title':'a'}"));
        String id = (String) created.get("id");
        assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), id);
        assertEquals(created, todos.findById(id));
        assertNotEquals(id, todos.create(obj("{'title':'b'}")).get("id"));
    }

    @Test
    void createWithATakenIdIsRefusedAndChangesNothing() {
        todos.create(obj("{'id':'t1','title':'a'}"));
        Change before = last("t1");
        ValidationException e = assertThrows(ValidationException.class,
                () -> todos.create(obj("{'id':'t1','title':'b'}")));
        assertEquals(422, e.statusCode());
        assertTrue(e.getMessage().contains("\"t1\""), e.getMessage());
        assertEquals("a", todos.findById("t1").get("title"));
        assertEquals(before, last("t1"));
    }

    @Test
    void patchChangesOnlyTheNamedProperties() {
        todos.create(obj("{'id':'t1','title':'a','created':5}"));
        Map<String, Object> patched = todos.patchById("t1", obj("{'completed':true}"));
        assertEquals(obj("{'id':'t1','title':'a','completed':true,'created':5}"), patched);
        assertEquals(patched, todos.findById("t1"));
    }

    @Test
    void replaceSetsUnnamedPropertiesToTheirDefaultOrNull() {
        todos.create(obj("{'id':'t1','title':'a','completed':true,'created':5}"));
        Map<String, Object> replaced = todos.replaceById("t1", obj("{'title':'b'}"));
        assertEquals(obj("{'id':'t1','title':'b','completed':false,'created':null}"), replaced);
        assertEquals(replaced, todos.findById("t1"));
    }

    @Test
    void replaceKeepsHiddenProperties() {
        notes.create(obj("{'id':'n1','body':'x','tags':['a'],'secret':'s'}"));
        notes.replaceById("n1", obj("{'body':'y'}"));
        Map<String, Object> stored = store.read(tx -> tx.findById(NOTE, "n1"));
        assertEquals("y", stored.get("body"));
        assertNull(stored.get("tags"));
        assertEquals("s", stored.get("secret"));
    }

    @Test
    void patchOrReplaceOfAnUnknownIdIsNotFoundAndCreatesNothing() {
        SyncException patch = assertThrows(SyncException.class, () -> todos.patchById("nope", obj("{'title':'x'}")));
        assertEquals(404, patch.statusCode());
        assertEquals("MODEL_NOT_FOUND", patch.code());
        assertEquals("Unknown \"Todo\" id \"nope\".", patch.getMessage());
        SyncException replace = assertThrows(SyncException.class,
                () -> todos.replaceById("nope", obj("{'title':'x'}")));
        assertEquals(404, replace.statusCode());
        assertNothingWritten(todos, "nope");
    }

    @Test
    void upsertCreatesThenPatches() {
        assertEquals(obj("{'id':'t1','title':'a','completed':false,'created':null}"),
                todos.upsert(obj("{'id':'t1','title':'a'}")));
        assertEquals(obj("{'id':'t1','title':'a','completed':true,'created':null}"),
                todos.upsert(obj("{'id':'t1','completed':true}")));
    }

    @Test
    void replaceOrCreateCreatesThenReplaces() {
        todos.replaceOrCreate(obj("{'id':'t1','title':'a','completed':true}"));
        assertEquals(obj("{'id':'t1','title':'b','completed':false,'created':null}"),
                todos.replaceOrCreate(obj("{'id':'t1','title':'b'}")));
    }

    @Test
    void deleteRemovesTheRecordOnce() {
        todos.create(obj("{'id':'t1','title':'a'}"));
        assertTrue(todos.deleteById("t1"));
        assertNull(todos.findById("t1"));
        assertFalse(todos.deleteById("t1"));
        assertFalse(todos.deleteById("never"));
        assertNull(last("never"), "deleting nothing leaves no change row");
    }

    @Test
    void replicaFindsUpsertsAndDeletesRecords() {
        assertNull(todoReplica.findById("nope"), "an unknown id is null, as LoopBack's remote connector makes it");
        assertEquals(obj("{'id':'t1','title':'a','completed':false,'created':null}"),
                todoReplica.upsert(obj("{'id':'t1','title':'a'}")));
        assertEquals(obj("{'id':'t1','title':'b','completed':false,'created':null}"),
                todoReplica.upsert(obj("{'id':'t1','title':'b'}")));
        assertEquals(obj("{'id':'t1','title':'b','completed':false,'created':null}"), todoReplica.findById("t1"));
        notes.create(obj("{'id':'n1','body':'x','secret':'s'}"));
        assertFalse(noteReplica.findById("n1").containsKey("secret"));
        assertTrue(todoReplica.deleteById("t1"));
        assertFalse(todoReplica.deleteById("t1"));
        assertNull(todos.findById("t1"));
        assertEquals(ChangeType.UNKNOWN, todos.findLastChange("t1").type(), "created and deleted in one checkpoint");
    }

    @Test
    @SuppressWarnings("unchecked")
    void returnedRecordsAreCopies() {
        todos.create(obj("{'id':'t1','title':'a'}"));
        notes.create(obj("{'id':'n1','body':'x','tags':['a'],'meta':{'k':[1]}}"));
        todos.findById("t1").put("title", "mutated");
        Map<String, Object> note = notes.findById("n1");
        ((List<Object>) note.get("tags")).add("mutated");
        ((Map<String, Object>) note.get("meta")).put("mutated", true);
        assertEquals("a", todos.findById("t1").get("title"));
        assertEquals(obj("{'id':'n1','body':'x','pinned':false,'due':null,'tags':['a'],'meta':{'k':[1]}}"),
                notes.findById("n1"));
    }

    @Test
    void findHonoursWhereOrderSkipLimitAndFields() {
        todos.create(obj("{'id':'t1','title':'c','created':3}"));
        todos.create(obj("{'id':'t2','title':'a','created':1,'completed':true}"));
        todos.create(obj("{'id':'t3','title':'b','created':2}"));
        todos.create(obj("{'id':'t4','title':'d'}"));
        Filter filter = Filter.parse(TODO, obj("{'where':{'completed':false},'order':'title DESC','skip':1,'limit':2,"
                + "'fields':['id','title']}"));
        assertEquals(Arrays.asList(obj("{'id':'t1','title':'c'}"), obj("{'id':'t3','title':'b'}")), todos.find(filter));
        assertEquals(3, todos.count(Where.parse(TODO, obj("{'completed':false}"))));
        assertEquals(1, todos.count(Where.parse(TODO, obj("{'created':null}"))));
        assertEquals(2, todos.count(Where.parse(TODO, obj("{'created':{'gt':1}}"))));
        assertEquals(4, todos.count(Where.ALL));
        List<Map<String, Object>> byCreated = todos.find(Filter.parse(TODO, obj("{'order':'created ASC'}")));
        assertEquals("t4", byCreated.get(0).get("id"), "nulls sort first in ascending order");
    }

    @Test
    void whereTreatsUnsetPropertiesAsJavaScriptDoes() {
        todos.create(obj("{'id':'t1','title':'a','created':1}"));
        todos.create(obj("{'id':'t2','title':'b','created':2}"));
        todos.create(obj("{'id':'t3','title':'c'}"));
        notes.create(obj("{'id':'n1','body':'x','due':'2020-01-02T03:04:05.006Z'}"));
        notes.create(obj("{'id':'n2','body':'y','due':'2021-01-01T00:00:00.000Z'}"));
        notes.create(obj("{'id':'n3','body':'z'}"));
        assertEquals(Arrays.asList("t3"), findIds("{'created':null}"));
        assertEquals(Arrays.asList("t1", "t2"), findIds("{'created':{'neq':null}}"));
        assertEquals(Arrays.asList("t2", "t3"), findIds("{'created':{'neq':1}}"));
        assertEquals(Arrays.asList("t2", "t3"), findIds("{'created':{'nin':[1]}}"));
        assertEquals(Arrays.asList("t1", "t3"), findIds("{'created':{'inq':[1,null]}}"));
        assertEquals(Arrays.asList("t1", "t2"), findIds("{'created':{'nin':[null]}}"));
        assertEquals(Arrays.asList("t2"), findIds("{'created':{'gt':1}}"));
        assertEquals(Arrays.asList("t1"), findIds("{'created':{'lte':1}}"));
        assertEquals(Arrays.asList("t1", "t2"), findIds("{'created':{'between':[0,5]}}"));
        assertEquals(Collections.emptyList(), findIds("{'created':{'inq':[]}}"));
        assertEquals(Arrays.asList("t1", "t2", "t3"), findIds("{'created':{'nin':[]}}"));
        assertEquals(Arrays.asList("t1", "t3"), findIds("{'or':[{'title':'a'},{'and':[{'created':null},{'completed':false}]}]}"));
        List<String> due = new ArrayList<>();
        for (Map<String, Object> r : notes.find(Filter.parse(NOTE, obj("{'where':{'due':{'gt':'2020-06-01T00:00:00.000Z'}}}")))) {
            due.add((String) r.get("id"));
        }
        assertEquals(Arrays.asList("n2"), due, "dates compare in time order");
    }

    private List<String> findIds(String where) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> r : todos.find(Filter.parse(TODO, obj("{'where':" + where + ",'order':'id ASC'}")))) {
            out.add((String) r.get("id"));
        }
        assertEquals(out.size(), todos.count(Where.parse(TODO, obj(where))), "count agrees with find for " + where);
        return out;
    }

    @Test
    void idsAreComparedExactly() {
        todos.create(obj("{'id':'t1','title':'lower'}"));
        todos.create(obj("{'id':'T1','title':'upper'}"));
        todos.create(obj("{'id':'t1 ','title':'trailing space'}"));
        assertEquals("lower", todos.findById("t1").get("title"));
        assertEquals("upper", todos.findById("T1").get("title"));
        assertEquals("trailing space", todos.findById("t1 ").get("title"));
        assertEquals(3, todos.countChanges());
    }

    @Test
    void modelsAreKeptApart() {
        todos.create(obj("{'id':'x','title':'todo'}"));
        notes.create(obj("{'id':'x','body':'note'}"));
        bump();
        assertTrue(todos.deleteById("x"));
        assertEquals("note", notes.findById("x").get("body"));
        bump();
        assertEquals(ChangeType.DELETE, todoReplica.findLastChange("x").type());
        assertEquals(ChangeType.CREATE, noteReplica.findLastChange("x").type());
        assertEquals("Note", noteReplica.findLastChange("x").modelName());
        assertEquals(1, noteReplica.changes(-1, Filter.ALL).size());
        assertEquals(1, todos.count(Where.ALL) + notes.count(Where.ALL));
    }

    // ---- validation: refused with 422 naming the property and value, and nothing written -----------

    @Test
    void unknownPropertyIsRefused() {
        assertRefused(() -> todos.create(obj("{'id':'t1','title':'a','colour':'red'}")), "colour", "red");
        assertNothingWritten(todos, "t1");
    }

    @Test
    void wrongTypeForABooleanIsRefusedNotCoerced() {
        assertRefused(() -> todos.create(obj("{'id':'t1','title':'a','completed':'yes'}")), "completed", "yes");
        assertNothingWritten(todos, "t1");
    }

    @Test
    void wrongTypeForANumberIsRefusedNotCoerced() {
        assertRefused(() -> todos.create(obj("{'id':'t1','title':'a','created':'soon'}")), "created", "soon");
        assertNothingWritten(todos, "t1");
    }

    @Test
    void wrongTypesOfTheSecondModelAreRefused() {
        assertRefused(() -> notes.create(obj("{'id':'n1','body':'x','due':'tomorrow'}")), "due", "tomorrow");
        assertRefused(() -> notes.create(obj("{'id':'n1','body':'x','tags':'a'}")), "tags", "a");
        assertRefused(() -> notes.create(obj("{'id':'n1','body':'x','meta':[1]}")), "meta", TestJson.arr("[1]"));
        assertRefused(() -> notes.create(obj("{'id':'n1','body':1}")), "body", 1.0);
        assertNothingWritten(notes, "n1");
    }

    @Test
    void missingRequiredPropertyIsRefused() {
        ValidationException e = assertRefused(() -> todos.create(obj("{'id':'t1'}")), "title", null);
        assertTrue(e.getMessage().contains("blank"), e.getMessage());
        assertRefused(() -> todos.create(obj("{'id':'t2','title':null}")), "title", null);
        assertRefused(() -> notes.create(obj("{'id':'n1','pinned':true}")), "body", null);
        assertNothingWritten(todos, "t1");
        assertNothingWritten(notes, "n1");
    }

    @Test
    void nulCharacterIsRefused() {
        Map<String, Object> data = obj("{'id':'t1'}");
        data.put("title", "a\u0000b");
        ValidationException e = assertRefused(() -> todos.create(data), "title", "a\u0000b");
        assertTrue(e.getMessage().contains("U+0000"), e.getMessage());
        assertNothingWritten(todos, "t1");
        Map<String, Object> note = obj("{'id':'n1','body':'x'}");
        note.put("meta", Collections.singletonMap("k", "a\u0000"));
        assertThrows(ValidationException.class, () -> notes.create(note));
        assertNothingWritten(notes, "n1");
    }

    @Test
    void loneSurrogateIsRefused() {
        Map<String, Object> data = obj("{'id':'t1'}");
        data.put("title", "a\ud800b");
        ValidationException e = assertRefused(() -> todos.create(data), "title", "a\ud800b");
        assertTrue(e.getMessage().contains("surrogate"), e.getMessage());
        assertNothingWritten(todos, "t1");
        Map<String, Object> note = obj("{'id':'n1','body':'x'}");
        note.put("tags", Arrays.asList("ok", "\udc00"));
        assertThrows(ValidationException.class, () -> notes.create(note));
        assertNothingWritten(notes, "n1");
    }

    @Test
    void idTooLongIsRefused() {
        String id = String.join("", Collections.nCopies(256, "x"));
        Map<String, Object> data = obj("{'title':'a'}");
        data.put("id", id);
        assertRefused(() -> todos.create(data), "id", id);
        assertRefused(() -> todos.upsert(data), "id", id);
        assertNothingWritten(todos, id);
        data.put("id", id.substring(1));
        todos.create(data);
        assertNotNull(todos.findById(id.substring(1)), "255 characters are allowed");
    }

    @Test
    void idWithAControlCharacterIsRefused() {
        Map<String, Object> data = obj("{'title':'a'}");
        data.put("id", "t\n1");
        assertRefused(() -> todos.create(data), "id", "t\n1");
        assertEquals(0, todos.countChanges());
    }

    @Test
    void invalidPatchLeavesRecordAndChangeUnchanged() {
        todos.create(obj("{'id':'t1','title':'a'}"));
        bump();
        Change before = last("t1");
        assertRefused(() -> todos.patchById("t1", obj("{'completed':'yes'}")), "completed", "yes");
        assertRefused(() -> todos.patchById("t1", obj("{'title':null}")), "title", null);
        assertRefused(() -> todos.upsert(obj("{'id':'t1','colour':'red'}")), "colour", "red");
        assertEquals(obj("{'id':'t1','title':'a','completed':false,'created':null}"), todos.findById("t1"));
        assertEquals(before, last("t1"));
    }

    // ---- revisions -----------------------------------------------------------------------------------

    @Test
    void revisionsEqualLoopBacksForTheSameData() {
        todos.create(obj("{'id':'t1','title':'a'}"));
        todos.create(obj("{'id':'t2','title':'b','completed':true,'created':1764115200123}"));
        assertEquals("cfa1f9be556e475d7a488fe62162d165876a983d", last("t1").rev());
        assertEquals("e915c72b2c0dbd47e99166ae67c7ecfa871454e9", last("t2").rev());
    }

    @Test
    void hiddenPropertyIsNeitherHashedNorReturned() {
        notes.create(obj("{'id':'n1','body':'x','secret':'s1'}"));
        Change created = noteReplica.findLastChange("n1");
        assertEquals("dfafd7a690bf9449a20ecbda66dce65b69befe1e", created.rev(),
                "sha1 of {\"body\":\"x\",\"due\":null,\"id\":\"n1\",\"meta\":null,\"pinned\":false,\"tags\":null}");
        noteReplica.checkpoint();
        notes.patchById("n1", obj("{'secret':'s2'}"));
        assertEquals(created, noteReplica.findLastChange("n1"), "a change to hidden properties only is not a change");
        assertEquals("s2", store.read(tx -> tx.findById(NOTE, "n1")).get("secret"));
        assertFalse(notes.findById("n1").containsKey("secret"));
    }

    // ---- rectify (PROTOCOL.md 1.6), observed through findLastChange -------------------------------

    @Test
    void createIsACreateStampedWithTheCurrentCheckpoint() {
        assertEquals(1, todoReplica.currentCheckpoint(), "a fresh store is at checkpoint 1");
        todos.create(obj("{'id':'t1','title':'a'}"));
        Change c = last("t1");
        assertEquals("Todo", c.modelName());
        assertEquals("t1", c.modelId());
        assertEquals("cfa1f9be556e475d7a488fe62162d165876a983d", c.rev());
        assertPrevAbsent(c);
        assertEquals(Long.valueOf(1), c.checkpoint());
        assertEquals(ChangeType.CREATE, c.type());
        assertFalse(todos.findLastChange("t1").isEcho(), "a local write is not an echo");
    }

    @Test
    void updateInALaterCheckpointSetsPrevToTheOldRevision() {
        todos.create(obj("{'id':'t1','title':'a'}"));
        String a = last("t1").rev();
        assertEquals(2, bump());
        todos.patchById("t1", obj("{'title':'b'}"));
        Change c = last("t1");
        assertEquals(revOf(TODO, "{'id':'t1','title':'b'}"), c.rev());
        assertPrev(a, c);
        assertEquals(Long.valueOf(2), c.checkpoint());
        assertEquals(ChangeType.UPDATE, c.type());
    }

    @Test
    void secondUpdateInTheSameCheckpointKeepsPrev() {
        todos.create(obj("{'id':'t1','title':'a'}"));
        String a = last("t1").rev();
        bump();
        todos.patchById("t1", obj("{'title':'b'}"));
        todos.patchById("t1", obj("{'title':'c'}"));
        Change c = last("t1");
        assertEquals(revOf(TODO, "{'id':'t1','title':'c'}"), c.rev());
        assertPrev(a, c);
        assertEquals(Long.valueOf(2), c.checkpoint());
    }

    @Test
    void editsInTheCreatingCheckpointStayACreate() {
        todos.create(obj("{'id':'t1','title':'a'}"));
        todos.patchById("t1", obj("{'title':'b'}"));
        Change c = last("t1");
        assertEquals(ChangeType.CREATE, c.type());
        assertPrevAbsent(c);
        assertEquals(revOf(TODO, "{'id':'t1','title':'b'}"), c.rev());
    }

    @Test
    void identicalWriteLeavesTheChangeUntouched() {
        todos.create(obj("{'id':'t1','title':'a'}"));
        bump();
        bump();
        Change before = last("t1");
        todos.patchById("t1", obj("{'title':'a'}"));
        todos.replaceById("t1", obj("{'title':'a'}"));
        assertEquals(before, last("t1"), "same data, same revision: the checkpoint is not touched");
    }

    @Test
    void deleteLeavesATombstoneWithPrev() {
        todos.create(obj("{'id':'t1','title':'a'}"));
        bump();
        todos.patchById("t1", obj("{'title':'b'}"));
        String b = last("t1").rev();
        bump();
        todos.deleteById("t1");
        Change c = last("t1");
        assertNull(c.rev());
        assertPrev(b, c);
        assertEquals(Long.valueOf(3), c.checkpoint());
        assertEquals(ChangeType.DELETE, c.type());
    }

    @Test
    void deleteInTheCheckpointOfAnUpdateKeepsThePrevOfThatCheckpoint() {
        todos.create(obj("{'id':'t1','title':'a'}"));
        String a = last("t1").rev();
        bump();
        todos.patchById("t1", obj("{'title':'b'}"));
        todos.deleteById("t1");
        Change c = last("t1");
        assertNull(c.rev());
        assertPrev(a, c);
        assertEquals(ChangeType.DELETE, c.type());
    }

    @Test
    void createAndDeleteInOneCheckpointIsNeverReplicated() {
        todos.create(obj("{'id':'t1','title':'a'}"));
        todos.deleteById("t1");
        Change c = last("t1");
        if (c != null) {
            assertNull(c.rev());
            assertEquals(ChangeType.UNKNOWN, c.type());
        }
        bump();
        assertEquals(Collections.emptyList(), todoReplica.changes(-1, Filter.ALL));
        assertEquals(Collections.emptyList(), todoReplica.changesPage(-1, Filter.ALL, null, 10, false).changes());
    }

    @Test
    void recreateAfterATombstoneIsACreateWithNullPrev() {
        todos.create(obj("{'id':'t1','title':'a'}"));
        bump();
        todos.deleteById("t1");
        bump();
        todos.create(obj("{'id':'t1','title':'again'}"));
        Change c = last("t1");
        assertEquals(revOf(TODO, "{'id':'t1','title':'again'}"), c.rev());
        assertPrev(null, c);
        assertEquals(ChangeType.CREATE, c.type());
        assertEquals(Long.valueOf(3), c.checkpoint());
    }

    // ---- changes(since) ------------------------------------------------------------------------------

    @Test
    void changesSinceIsInclusive() {
        todos.create(obj("{'id':'a','title':'1'}"));
        bump();
        todos.create(obj("{'id':'b','title':'2'}"));
        bump();
        todos.create(obj("{'id':'c','title':'3'}"));
        bump();
        assertEquals(Arrays.asList("a", "b", "c"), ids(todoReplica.changes(-1, Filter.ALL)));
        assertEquals(Arrays.asList("b", "c"), ids(todoReplica.changes(2, Filter.ALL)));
        assertEquals(Arrays.asList("c"), ids(todoReplica.changes(3, Filter.ALL)));
        assertEquals(Collections.emptyList(), todoReplica.changes(4, Filter.ALL));
        assertEquals(Collections.emptyList(), todoReplica.changes(100, Filter.ALL));
        assertEquals(Arrays.asList("a", "b", "c"), ids(todoReplica.changes(-100, Filter.ALL)));
    }

    @Test
    void changesInTheOpenCheckpointWaitForTheBumpThatSealsThem() {
        todos.create(obj("{'id':'a','title':'1'}"));
        assertEquals(Collections.emptyList(), todoReplica.changes(-1, Filter.ALL));
        assertEquals(Collections.emptyList(), todoReplica.changesPage(-1, Filter.ALL, null, 10, false).changes());
        bump();
        assertEquals(Arrays.asList("a"), ids(todoReplica.changes(-1, Filter.ALL)));
        todos.patchById("a", obj("{'title':'2'}"));
        assertEquals(Collections.emptyList(), todoReplica.changes(-1, Filter.ALL), "the row moved to the open checkpoint");
        bump();
        assertEquals(Arrays.asList("a"), ids(todoReplica.changes(2, Filter.ALL)));
    }

    @Test
    void changesCarryTheStoredChangeRows() {
        todos.create(obj("{'id':'t1','title':'a'}"));
        bump();
        todos.patchById("t1", obj("{'title':'b'}"));
        bump();
        assertEquals(Arrays.asList(last("t1")), todoReplica.changes(-1, Filter.ALL));
    }

    @Test
    void tombstonesAlwaysPassTheWhereFilter() {
        todos.create(obj("{'id':'keep','title':'keep'}"));
        todos.create(obj("{'id':'other','title':'other'}"));
        todos.create(obj("{'id':'gone','title':'other'}"));
        bump();
        todos.deleteById("gone");
        bump();
        Filter filter = Filter.parse(TODO, obj("{'where':{'title':'keep'}}"));
        assertEquals(Arrays.asList("keep", "gone"), ids(todoReplica.changes(-1, filter)));
        assertEquals(Arrays.asList("keep", "gone"),
                ids(todoReplica.changesPage(-1, filter, null, 10, false).changes()));
    }

    @Test
    void skipAndLimitPageTheWholeOrderedListAndEndEvenWithManyTombstones() {
        for (int i = 0; i < 7; i++) {
            todos.create(obj("{'id':'r" + i + "','title':'x'}"));
        }
        bump();
        for (int i = 0; i < 5; i++) {
            todos.deleteById("r" + i);
        }
        bump();
        List<Change> all = todoReplica.changes(-1, Filter.ALL);
        assertEquals(7, all.size());
        List<Change> paged = new ArrayList<>();
        int skip = 0;
        for (int round = 0; ; round++) {
            assertTrue(round < 10, "paging with skip/limit must end (LoopBack's never does with tombstones)");
            List<Change> page = todoReplica.changes(-1, Filter.parse(TODO, obj("{'skip':" + skip + ",'limit':2}")));
            assertTrue(page.size() <= 2);
            paged.addAll(page);
            if (page.size() < 2) {
                break;
            }
            skip += 2;
        }
        assertEquals(all, paged);
    }

    @Test
    void keysetPagingCoversEveryRowExactlyOnce() {
        for (int i = 0; i < 20; i++) {
            todos.create(obj("{'id':'r" + (i < 10 ? "0" : "") + i + "','title':'x'}"));
        }
        bump();
        todos.patchById("r05", obj("{'title':'y'}"));
        todos.patchById("r10", obj("{'title':'y'}"));
        todos.deleteById("r07");
        todos.create(obj("{'id':'x1','title':'gone in the same checkpoint'}"));
        todos.deleteById("x1");
        bump();
        for (int i = 20; i < 25; i++) {
            todos.create(obj("{'id':'r" + i + "','title':'x'}"));
        }
        bump();
        todos.create(obj("{'id':'r99','title':'open checkpoint'}"));

        List<Change> all = todoReplica.changes(-1, Filter.ALL);
        assertEquals(25, all.size());
        assertFalse(ids(all).contains("x1"));
        assertFalse(ids(all).contains("r99"));
        for (int i = 1; i < all.size(); i++) {
            Change a = all.get(i - 1);
            Change b = all.get(i);
            assertTrue(a.checkpoint() < b.checkpoint()
                    || (a.checkpoint().equals(b.checkpoint()) && a.modelId().compareTo(b.modelId()) < 0),
                    "ordered by (checkpoint, modelId): " + a + " then " + b);
        }
        for (int limit : new int[] {1, 2, 3, 7, 25, 100}) {
            assertEquals(all, pageThrough(-1, limit), "page size " + limit);
        }
        assertEquals(todoReplica.changes(2, Filter.ALL), pageThrough(2, 2));
    }

    private List<Change> pageThrough(long since, int limit) {
        List<Change> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        ChangeCursor cursor = null;
        for (int round = 0; round < 1000; round++) {
            ChangesPage page = todoReplica.changesPage(since, Filter.ALL, cursor, limit, false);
            assertTrue(page.changes().size() <= limit);
            for (Change c : page.changes()) {
                assertTrue(seen.add(c.modelId()), "returned twice: " + c);
                out.add(c);
            }
            cursor = page.next();
            if (cursor == null) {
                return out;
            }
        }
        fail("keyset paging did not end");
        return out;
    }

    @Test
    void changesPageCanLeaveOutRevisionsThatArrivedByReplication() {
        todos.create(obj("{'id':'mine','title':'a'}"));
        todos.bulkUpdate(Arrays.asList(createOf("pulled", "{'id':'pulled','title':'from elsewhere'}")));
        assertTrue(todos.findLastChange("pulled").isEcho());
        assertFalse(todos.findLastChange("mine").isEcho());
        bump();
        assertEquals(Arrays.asList("mine", "pulled"), ids(todos.changesPage(-1, Filter.ALL, null, 10, false).changes()));
        assertEquals(Arrays.asList("mine"), ids(todos.changesPage(-1, Filter.ALL, null, 10, true).changes()));
        todos.patchById("pulled", obj("{'title':'edited here'}"));
        assertFalse(todos.findLastChange("pulled").isEcho(), "a local edit of pulled data is pushed");
        bump();
        assertEquals(Arrays.asList("mine", "pulled"), ids(todos.changesPage(-1, Filter.ALL, null, 10, true).changes()));
    }

    // ---- diff (PROTOCOL.md 2.5 and 9.4.9) --------------------------------------------------------

    private String givenTodoAtCheckpointOne() {
        todos.create(obj("{'id':'t1','title':'a'}"));
        return last("t1").rev();
    }

    @Test
    void diffOfNoChangesIsEmpty() {
        givenTodoAtCheckpointOne();
        DiffResult d = todoReplica.diff(-1L, Collections.emptyList());
        assertEquals(Collections.emptyList(), d.deltas());
        assertEquals(Collections.emptyList(), d.conflicts());
    }

    @Test
    void diffOfAnEqualRevisionIsNothing() {
        String a = givenTodoAtCheckpointOne();
        DiffResult d = todoReplica.diff(-1L, Arrays.asList(remote("t1", a, 7)));
        assertEquals(Collections.emptyList(), d.deltas());
        assertEquals(Collections.emptyList(), d.conflicts());
    }

    @Test
    void diffOfAChangeBasedOnTheTargetIsADelta() {
        String a = givenTodoAtCheckpointOne();
        Change r = remote("t1", "r-new", 7).withPrev(a);
        DiffResult d = todoReplica.diff(-1L, Arrays.asList(r));
        assertEquals(Arrays.asList(r), d.deltas());
        assertEquals(Collections.emptyList(), d.conflicts());
    }

    @Test
    void diffConflictReportsTheTargetsChange() {
        givenTodoAtCheckpointOne();
        DiffResult d = todoReplica.diff(-1L, Arrays.asList(remote("t1", "r-new", 7).withPrev("something-else")));
        assertEquals(Collections.emptyList(), d.deltas());
        assertEquals(Arrays.asList(last("t1")), d.conflicts());
        assertEquals("Todo", d.conflicts().get(0).modelName());
    }

    @Test
    void diffRebasesOntoTargetChangesOlderThanSince() {
        String a = givenTodoAtCheckpointOne();
        bump();
        bump();
        DiffResult d = todoReplica.diff(2L, Arrays.asList(remote("t1", "r-new", 7).withPrev("something-else")));
        assertEquals(Collections.emptyList(), d.conflicts());
        assertEquals(1, d.deltas().size());
        Change delta = d.deltas().get(0);
        assertEquals("t1", delta.modelId());
        assertEquals("r-new", delta.rev());
        assertPrev(a, delta);
    }

    @Test
    void diffWithoutSinceConsidersEveryTargetChange() {
        givenTodoAtCheckpointOne();
        bump();
        bump();
        DiffResult d = todoReplica.diff(null, Arrays.asList(remote("t1", "r-new", 7).withPrev("something-else")));
        assertEquals(Collections.emptyList(), d.deltas());
        assertEquals(Arrays.asList(last("t1")), d.conflicts());
    }

    @Test
    void diffOfAnIdTheTargetNeverHadIsADeltaWithNullPrev() {
        givenTodoAtCheckpointOne();
        DiffResult d = todoReplica.diff(-1L, Arrays.asList(remote("t9", "r9", 7)));
        assertEquals(1, d.deltas().size());
        assertEquals("r9", d.deltas().get(0).rev());
        assertPrev(null, d.deltas().get(0));
        assertEquals(Collections.emptyList(), d.conflicts());
    }

    @Test
    void diffOfDeleteAgainstDeleteIsNothing() {
        givenTodoAtCheckpointOne();
        bump();
        todos.deleteById("t1");
        DiffResult d = todoReplica.diff(-1L, Arrays.asList(remote("t1", null, 7).withPrev("another-rev")));
        assertEquals(Collections.emptyList(), d.deltas());
        assertEquals(Collections.emptyList(), d.conflicts());
    }

    @Test
    void diffOfAStaleEchoIsNothing() {
        String a = givenTodoAtCheckpointOne();
        bump();
        todos.patchById("t1", obj("{'title':'b'}"));
        // the source sends the revision the target's change was made on: the source is only behind
        DiffResult d = todoReplica.diff(-1L, Arrays.asList(remote("t1", a, 7)));
        assertEquals(Collections.emptyList(), d.deltas());
        assertEquals(Collections.emptyList(), d.conflicts());
        DiffResult d2 = todoReplica.diff(-1L, Arrays.asList(remote("t1", a, 7).withPrev("older")));
        assertEquals(Collections.emptyList(), d2.deltas());
        assertEquals(Collections.emptyList(), d2.conflicts());
    }

    @Test
    void diffChecksIsBasedOnBeforeTheStaleEchoRule() {
        String a = givenTodoAtCheckpointOne();
        bump();
        todos.patchById("t1", obj("{'title':'b'}"));
        String b = last("t1").rev();
        // the source went back to a on top of b (A -> B -> A): it is ahead, not behind
        Change r = remote("t1", a, 7).withPrev(b);
        DiffResult d = todoReplica.diff(-1L, Arrays.asList(r));
        assertEquals(Arrays.asList(r), d.deltas());
        assertEquals(Collections.emptyList(), d.conflicts());
    }

    @Test
    void diffDropsARebasedDeltaWhoseRevisionTheTargetHolds() {
        String a = givenTodoAtCheckpointOne();
        bump();
        bump();
        DiffResult d = todoReplica.diff(2L, Arrays.asList(remote("t1", a, 7).withPrev("whatever"),
                remote("never", null, 7).withPrev("p")));
        assertEquals(Collections.emptyList(), d.deltas());
        assertEquals(Collections.emptyList(), d.conflicts());
    }

    @Test
    void diffOfACreateWithAbsentPrevAgainstATombstoneIsAConflict() {
        givenTodoAtCheckpointOne();
        bump();
        todos.deleteById("t1");
        DiffResult absent = todoReplica.diff(-1L, Arrays.asList(remote("t1", "r-new", 7)));
        assertEquals(Collections.emptyList(), absent.deltas());
        assertEquals(Arrays.asList(last("t1")), absent.conflicts());
        Change basedOnTombstone = remote("t1", "r-new", 7).withPrev(null);
        DiffResult nullPrev = todoReplica.diff(-1L, Arrays.asList(basedOnTombstone));
        assertEquals(Arrays.asList(basedOnTombstone), nullPrev.deltas());
        assertEquals(Collections.emptyList(), nullPrev.conflicts());
    }

    @Test
    void diffConsidersOpenConflictsWhateverTheirCheckpoint() {
        givenTodoAtCheckpointOne();
        bump();
        bump();
        List<Change> source = Arrays.asList(remote("t1", "r-new", 7).withPrev("something-else"));
        assertEquals(1, todos.diff(3L, source, Collections.emptySet()).deltas().size());
        DiffResult d = todos.diff(3L, source, Collections.singleton("t1"));
        assertEquals(Collections.emptyList(), d.deltas());
        assertEquals(Arrays.asList(last("t1")), d.conflicts());
    }

    @Test
    void diffHandlesManyIdsAtOnce() {
        List<Change> source = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            todos.create(obj("{'id':'m" + i + "','title':'x'}"));
            source.add(remote("m" + i, "r" + i, 7).withPrev(last("m" + i).rev()));
        }
        source.add(remote("new", "rn", 7));
        DiffResult d = todoReplica.diff(-1L, source);
        assertEquals(301, d.deltas().size());
        assertEquals(Collections.emptyList(), d.conflicts());
    }

    // ---- createUpdates -------------------------------------------------------------------------------

    @Test
    void createUpdatesListsDeletesFirstWithTheVisibleData() {
        notes.create(obj("{'id':'n1','body':'x','secret':'s'}"));
        notes.create(obj("{'id':'n2','body':'y'}"));
        notes.create(obj("{'id':'n3','body':'z'}"));
        noteReplica.checkpoint();
        notes.deleteById("n2");
        notes.patchById("n1", obj("{'pinned':true}"));
        Change n1 = noteReplica.findLastChange("n1");
        Change n2 = noteReplica.findLastChange("n2");
        Change n3 = noteReplica.findLastChange("n3");
        Change unknown = Change.of("Note", "n4", null, 2L);
        List<Update> updates = noteReplica.createUpdates(Arrays.asList(n3, n1, unknown, n2));
        assertEquals(3, updates.size());
        assertEquals(ChangeType.DELETE, updates.get(0).type());
        assertEquals(n2, updates.get(0).change());
        assertNull(updates.get(0).data());
        assertEquals(ChangeType.CREATE, updates.get(1).type());
        assertEquals(n3, updates.get(1).change());
        assertEquals(obj("{'id':'n3','body':'z','pinned':false,'due':null,'tags':null,'meta':null}"),
                updates.get(1).data());
        assertEquals(ChangeType.UPDATE, updates.get(2).type());
        assertEquals(n1, updates.get(2).change());
        assertEquals(obj("{'id':'n1','body':'x','pinned':true,'due':null,'tags':null,'meta':null}"),
                updates.get(2).data(), "hidden properties are never shipped");
    }

    @Test
    void createUpdatesForMissingDataIsRefusedWith422() {
        SyncException e = assertThrows(SyncException.class,
                () -> todoReplica.createUpdates(Arrays.asList(Change.of("Todo", "gone", "r1", 1L))));
        assertEquals(422, e.statusCode());
        assertEquals("MISSING_DATA", e.code());
        assertTrue(e.getMessage().contains("\"gone\""), e.getMessage());
    }

    // ---- bulkUpdate (PROTOCOL.md 9.5) ---------------------------------------------------------------

    private Update createOf(String id, String singleQuotedData) {
        Map<String, Object> data = obj(singleQuotedData);
        String rev = TODO.revisionOf(TODO.newRecord(data));
        return new Update(ChangeType.CREATE, remote(id, rev, 9).withPrev(null), data);
    }

    private Update updateOf(String id, String prev, String singleQuotedData) {
        Map<String, Object> data = obj(singleQuotedData);
        String rev = TODO.revisionOf(TODO.newRecord(data));
        return new Update(ChangeType.UPDATE, remote(id, rev, 9).withPrev(prev), data);
    }

    private static Update deleteOf(String id, String prev) {
        return new Update(ChangeType.DELETE, remote(id, null, 9).withPrev(prev), null);
    }

    @Test
    void bulkUpdateAppliesCreatesUpdatesAndDeletes() {
        String a = givenTodoAtCheckpointOne();
        todos.create(obj("{'id':'t3','title':'doomed'}"));
        String t3 = last("t3").rev();
        bump();
        List<Update> conflicts = todoReplica.bulkUpdate(Arrays.asList(
                updateOf("t1", a, "{'id':'t1','title':'from-remote','completed':true}"),
                createOf("t5", "{'id':'t5','title':'new'}"),
                deleteOf("t3", t3)));
        assertEquals(Collections.emptyList(), conflicts, "all applied: LoopBack's 204");
        assertEquals(obj("{'id':'t1','title':'from-remote','completed':true,'created':null}"), todos.findById("t1"));
        assertEquals(obj("{'id':'t5','title':'new','completed':false,'created':null}"), todos.findById("t5"));
        assertNull(todos.findById("t3"));
        assertEquals(revOf(TODO, "{'id':'t1','title':'from-remote','completed':true}"), last("t1").rev());
        assertPrev(a, last("t1"));
        assertEquals(ChangeType.CREATE, last("t5").type());
        assertEquals(ChangeType.DELETE, last("t3").type());
        assertTrue(todos.findLastChange("t1").isEcho() && todos.findLastChange("t5").isEcho()
                && todos.findLastChange("t3").isEcho(),
                "replicated revisions are marked, so they are never pushed back");
    }

    @Test
    void bulkUpdateWithAStalePrevIsAConflictAndWritesNothing() {
        givenTodoAtCheckpointOne();
        Change before = last("t1");
        Update stale = updateOf("t1", "stale", "{'id':'t1','title':'from-remote'}");
        List<Update> conflicts = todoReplica.bulkUpdate(Arrays.asList(stale));
        assertEquals(Arrays.asList(stale), conflicts);
        assertEquals("a", todos.findById("t1").get("title"));
        assertEquals(before.rev(), last("t1").rev());
    }

    @Test
    void bulkUpdateOfAnExistingRecordWithoutPrevIsAConflict() {
        givenTodoAtCheckpointOne();
        Map<String, Object> data = obj("{'id':'t1','title':'b'}");
        Update noPrev = new Update(ChangeType.UPDATE, remote("t1", "r", 9), data);
        assertEquals(1, todoReplica.bulkUpdate(Arrays.asList(noPrev)).size());
        assertEquals("a", todos.findById("t1").get("title"));
    }

    @Test
    void bulkUpdateCreateOfAnExistingIdIsAConflict() {
        givenTodoAtCheckpointOne();
        Update create = createOf("t1", "{'id':'t1','title':'other'}");
        assertEquals(Arrays.asList(create), todoReplica.bulkUpdate(Arrays.asList(create)));
        assertEquals("a", todos.findById("t1").get("title"));
    }

    @Test
    void bulkUpdateDeleteWithAStalePrevIsAConflict() {
        givenTodoAtCheckpointOne();
        Update delete = deleteOf("t1", "stale");
        assertEquals(Arrays.asList(delete), todoReplica.bulkUpdate(Arrays.asList(delete)));
        assertNotNull(todos.findById("t1"));
    }

    @Test
    void bulkUpdateDeleteOfAMissingRecordIsANoOp() {
        assertEquals(Collections.emptyList(), todoReplica.bulkUpdate(Arrays.asList(deleteOf("t77", "p"))));
        assertNull(todos.findById("t77"));
        assertNull(last("t77"));
    }

    @Test
    void bulkUpdateRetryOfAnAppliedUpdateIsNoConflict() {
        String a = givenTodoAtCheckpointOne();
        List<Update> batch = Arrays.asList(updateOf("t1", a, "{'id':'t1','title':'b'}"),
                createOf("t5", "{'id':'t5','title':'new'}"), deleteOf("t1x", "p"));
        assertEquals(Collections.emptyList(), todoReplica.bulkUpdate(batch));
        Map<String, Object> t1 = todos.findById("t1");
        Map<String, Object> t5 = todos.findById("t5");
        assertEquals(Collections.emptyList(), todoReplica.bulkUpdate(batch), "a retry after a lost 204 is no conflict");
        assertEquals(t1, todos.findById("t1"));
        assertEquals(t5, todos.findById("t5"));
    }

    @Test
    void bulkUpdateWithAnInvalidItemWritesNothingAtAll() {
        String a = givenTodoAtCheckpointOne();
        long checkpoint = todoReplica.currentCheckpoint();
        Update valid = createOf("t5", "{'id':'t5','title':'new'}");
        Update invalid = new Update(ChangeType.UPDATE, remote("t1", "r", 9).withPrev(a),
                obj("{'id':'t1','title':'b','completed':'yes'}"));
        Update missingData = new Update(ChangeType.CREATE, remote("t6", "r", 9), null);
        SyncException e = assertThrows(SyncException.class,
                () -> todoReplica.bulkUpdate(Arrays.asList(valid, invalid, missingData)));
        assertEquals(422, e.statusCode());
        assertTrue(e.getMessage().contains("t1") && e.getMessage().contains("completed")
                && e.getMessage().contains("\"yes\""), e.getMessage());
        assertTrue(e.getMessage().contains("t6"), e.getMessage());
        assertNull(todos.findById("t5"), "not even the valid items are written");
        assertNull(last("t5"));
        assertEquals("a", todos.findById("t1").get("title"));
        assertEquals(1, todos.countChanges());
        assertEquals(checkpoint, todoReplica.currentCheckpoint());
    }

    @Test
    void bulkUpdateWhoseDataNamesAnotherIdIsInvalid() {
        Update mismatch = new Update(ChangeType.CREATE, remote("t5", "r", 9), obj("{'id':'t6','title':'x'}"));
        SyncException e = assertThrows(SyncException.class, () -> todoReplica.bulkUpdate(Arrays.asList(mismatch)));
        assertEquals(422, e.statusCode());
        assertTrue(e.getMessage().contains("t5"), e.getMessage());
        assertNull(todos.findById("t5"));
        assertNull(todos.findById("t6"));
    }

    @Test
    void bulkUpdateBumpsTheCheckpointWithTheBatch() {
        String a = givenTodoAtCheckpointOne();
        long before = todoReplica.currentCheckpoint();
        todoReplica.bulkUpdate(Arrays.asList(updateOf("t1", a, "{'id':'t1','title':'b'}")));
        assertEquals(before + 1, todoReplica.currentCheckpoint());
        assertEquals(Long.valueOf(before), last("t1").checkpoint());
        assertEquals(Arrays.asList("t1"), ids(todoReplica.changes(before, Filter.ALL)),
                "the batch's own checkpoint is sealed by the same step");
    }

    @Test
    void bulkUpdateReplacesVisiblePropertiesAndKeepsHiddenOnes() {
        notes.create(obj("{'id':'n1','body':'x','tags':['a'],'meta':{'k':1},'secret':'s'}"));
        String prev = noteReplica.findLastChange("n1").rev();
        Map<String, Object> data = obj("{'id':'n1','body':'y'}");
        Update u = new Update(ChangeType.UPDATE, Change.of("LocalNote", "n1", "r", 9L).withPrev(prev), data);
        assertEquals(Collections.emptyList(), noteReplica.bulkUpdate(Arrays.asList(u)));
        Map<String, Object> stored = store.read(tx -> tx.findById(NOTE, "n1"));
        assertEquals("y", stored.get("body"));
        assertNull(stored.get("tags"), "properties left out of the data are not left behind (LoopBack #1215)");
        assertNull(stored.get("meta"));
        assertEquals("s", stored.get("secret"));
    }

    // ---- updateLastChange --------------------------------------------------------------------------

    @Test
    void updateLastChangeSetsPrevAndRestampsTheChange() {
        String a = givenTodoAtCheckpointOne();
        bump();
        bump();
        Change updated = todoReplica.updateLastChange("t1", obj("{'prev':'manual-prev'}"));
        assertEquals(a, updated.rev());
        assertPrev("manual-prev", updated);
        assertEquals(Long.valueOf(3), updated.checkpoint());
        assertEquals(updated, last("t1"));
        Change nulled = todoReplica.updateLastChange("t1", obj("{'prev':null}"));
        assertPrev(null, nulled);
        assertEquals(ChangeType.CREATE, nulled.type());
    }

    @Test
    void updateLastChangeOfAnUnknownIdIsNotFound() {
        SyncException e = assertThrows(SyncException.class, () -> todoReplica.updateLastChange("nope", obj("{'prev':'p'}")));
        assertEquals(404, e.statusCode());
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        assertNull(last("nope"));
    }

    @Test
    void updateLastChangeRefusesToSetTheRevision() {
        String a = givenTodoAtCheckpointOne();
        SyncException e = assertThrows(SyncException.class, () -> todoReplica.updateLastChange("t1", obj("{'rev':'forged'}")));
        assertEquals(422, e.statusCode());
        assertEquals(a, last("t1").rev());
        assertPrevAbsent(last("t1"));
    }

    // ---- checkpoints ---------------------------------------------------------------------------------

    @Test
    void bumpReturnsTheNextCheckpointWithTheStoreIdentity() {
        assertEquals(1, todoReplica.currentCheckpoint());
        Checkpoint c = todoReplica.checkpoint();
        assertEquals(2, c.seq());
        assertEquals(store.sourceId(), c.sourceId());
        assertNotNull(store.sourceId());
        assertEquals(2, todoReplica.currentCheckpoint());
        Checkpoint n = noteReplica.checkpoint();
        assertEquals(3, n.seq(), "one checkpoint counter per store, shared by its models");
        assertEquals(c.sourceId(), n.sourceId());
        assertEquals(c.time(), n.time(), "the time is the counter's creation time, never updated");
    }

    @Test
    void storesHaveDistinctIdentities() {
        Store other = newStore(Arrays.asList(TODO, NOTE, MEMO));
        try {
            assertNotEquals(store.sourceId(), other.sourceId());
        } finally {
            dispose(other);
        }
    }

    @Test
    void bumpNeverReturnsAValueTwiceUnderManyThreads() throws Exception {
        int threads = 8;
        int perThread = 200;
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        List<Long> duplicates = Collections.synchronizedList(new ArrayList<>());
        runConcurrently(threads, t -> {
            for (int i = 0; i < perThread; i++) {
                long seq = todoReplica.checkpoint().seq();
                if (!seen.add(seq)) {
                    duplicates.add(seq);
                }
            }
        });
        assertEquals(Collections.emptyList(), duplicates);
        assertEquals(threads * perThread, seen.size());
        assertEquals(1 + threads * perThread, todoReplica.currentCheckpoint());
    }

    @Test
    void writesRacingBumpsAreNeverLostBelowASealedCheckpoint() throws Exception {
        int writers = 4;
        int perWriter = 150;
        AtomicBoolean writing = new AtomicBoolean(true);
        Set<String> pulled = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            // two threads bump as other replications would; one reads as a puller does: bump, then changes(since)
            Future<?> bumper = pool.submit(() -> {
                while (writing.get()) {
                    noteReplica.checkpoint();
                }
            });
            Future<?> puller = pool.submit(() -> {
                long since = -1;
                while (writing.get()) {
                    long next = todoReplica.checkpoint().seq();
                    for (Change c : todoReplica.changes(since, Filter.ALL)) {
                        pulled.add(c.modelId());
                    }
                    since = next;
                }
                long next = todoReplica.checkpoint().seq();
                for (Change c : todoReplica.changes(since, Filter.ALL)) {
                    pulled.add(c.modelId());
                }
                return null;
            });
            runConcurrently(writers, t -> {
                for (int i = 0; i < perWriter; i++) {
                    todos.create(obj("{'id':'w" + t + "-" + i + "','title':'x'}"));
                    if (i % 3 == 0) {
                        todos.patchById("w" + t + "-" + i, obj("{'completed':true}"));
                    }
                }
            });
            writing.set(false);
            bumper.get(60, TimeUnit.SECONDS);
            puller.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        List<String> lost = new ArrayList<>();
        for (int t = 0; t < writers; t++) {
            for (int i = 0; i < perWriter; i++) {
                if (!pulled.contains("w" + t + "-" + i)) {
                    lost.add("w" + t + "-" + i);
                }
            }
        }
        assertEquals(Collections.emptyList(), lost, "writes stamped below a checkpoint a puller had already read");
    }

    /** A body run by one of several threads, given its index. */
    protected interface ThreadBody {
        void run(int thread) throws Exception;
    }

    /** Runs {@code body} on {@code threads} threads started together; rethrows the first failure. */
    protected static void runConcurrently(int threads, ThreadBody body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int index = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    body.run(index);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- metadata and transactions -------------------------------------------------------------------

    @Test
    void metadataRoundTrips() {
        assertNull(store.read(tx -> tx.getMeta("replication/Todo/server")));
        StringBuilder big = new StringBuilder("{\"conflicts\":[");
        for (int i = 0; i < 5000; i++) {
            big.append(i == 0 ? "" : ",").append("\"id-").append(i).append("-\u00e9\ud83d\ude00\"");
        }
        String value = big.append("]}").toString();
        store.write(tx -> {
            tx.putMeta("replication/Todo/server", value);
            tx.putMeta("other", "x");
            return null;
        });
        assertEquals(value, store.read(tx -> tx.getMeta("replication/Todo/server")));
        store.write(tx -> {
            tx.putMeta("other", "y");
            return null;
        });
        assertEquals("y", store.read(tx -> tx.getMeta("other")));
        store.write(tx -> {
            tx.putMeta("other", null);
            return null;
        });
        assertNull(store.read(tx -> tx.getMeta("other")));
        assertEquals(value, store.read(tx -> tx.getMeta("replication/Todo/server")));
    }

    @Test
    void failingWriteRollsBackTheRecordAndItsChangeRow() {
        Map<String, Object> record = TODO.newRecord(obj("{'id':'t9','title':'x'}"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.write(tx -> {
            tx.insert(TODO, record);
            tx.saveChange(TODO, Change.of("Todo", "t9", TODO.revisionOf(record), tx.currentCheckpoint()));
            tx.putMeta("k", "v");
            throw new IllegalStateException("boom");
        }));
        assertEquals("boom", e.getMessage());
        assertNull(todos.findById("t9"));
        assertNull(last("t9"));
        assertNull(store.read(tx -> tx.getMeta("k")));
        assertEquals(0, todos.countChanges());
    }

    @Test
    void failingUpdateOrDeleteRestoresTheOldRecordAndChangeRow() {
        givenTodoAtCheckpointOne();
        todos.create(obj("{'id':'t2','title':'b'}"));
        bump();
        Change t1 = last("t1");
        Change t2 = last("t2");
        assertThrows(IllegalStateException.class, () -> store.write(tx -> {
            Map<String, Object> changed = TODO.newRecord(obj("{'id':'t1','title':'z'}"));
            tx.update(TODO, changed);
            tx.saveChange(TODO, t1.withRev(TODO.revisionOf(changed)).withPrev(t1.rev()).withCheckpoint(2L));
            tx.delete(TODO, "t2");
            tx.saveChange(TODO, t2.withRev(null).withPrev(t2.rev()).withCheckpoint(2L));
            throw new IllegalStateException("boom");
        }));
        assertEquals("a", todos.findById("t1").get("title"));
        assertEquals("b", todos.findById("t2").get("title"));
        assertEquals(t1, last("t1"));
        assertEquals(t2, last("t2"));
        assertEquals(Arrays.asList("t1", "t2"), ids(todoReplica.changes(-1, Filter.ALL)));
    }

    @Test
    void failingBatchRollsBackAndDoesNotBump() {
        givenTodoAtCheckpointOne();
        long checkpoint = todoReplica.currentCheckpoint();
        assertThrows(IllegalStateException.class, () -> store.writeBatch(tx -> {
            tx.delete(TODO, "t1");
            throw new IllegalStateException("boom");
        }));
        assertNotNull(todos.findById("t1"));
        assertEquals(checkpoint, todoReplica.currentCheckpoint());
        store.writeBatch(tx -> null);
        assertEquals(checkpoint + 1, todoReplica.currentCheckpoint(), "a batch ends with a bump");
    }

    @Test
    void prefetchedReadsAndWritesGiveTheAnswersOfUnhintedOnes() {
        Store unhinted = newStore(Arrays.asList(TODO, NOTE, MEMO));
        try {
            assertEquals(readsAndWritesOfOneBatch(unhinted, false), readsAndWritesOfOneBatch(store, true));
        } finally {
            dispose(unhinted);
        }
    }

    @Test
    void failingBatchAfterAPrefetchRollsBackEveryWrite() {
        givenTodoAtCheckpointOne();
        Change before = todos.findLastChange("t1");
        assertThrows(IllegalStateException.class, () -> store.writeBatch(tx -> {
            tx.prefetch(TODO, Arrays.asList("t1", "t2"));
            long cp = tx.currentCheckpoint();
            tx.update(TODO, TODO.newRecord(obj("{'id':'t1','title':'changed'}")));
            tx.saveChange(TODO, before.withRev("changed").withCheckpoint(cp));
            tx.insert(TODO, TODO.newRecord(obj("{'id':'t2','title':'new'}")));
            tx.saveChange(TODO, Change.of("Todo", "t2", "new", cp));
            throw new IllegalStateException("boom");
        }));
        assertEquals("a", todos.findById("t1").get("title"));
        assertEquals(before, todos.findLastChange("t1"));
        assertNull(todos.findById("t2"));
        assertNull(todos.findLastChange("t2"));
    }

    /**
     * Reads and writes of one batch over records that exist, are missing or are written twice, with or without
     * the prefetch hint: every answer, then the rows as committed.
     */
    private static List<Object> readsAndWritesOfOneBatch(Store s, boolean hint) {
        s.write(tx -> {
            long cp = tx.currentCheckpoint();
            for (String id : Arrays.asList("a", "b")) {
                tx.insert(TODO, TODO.newRecord(obj("{'id':'" + id + "','title':'" + id + "'}")));
                tx.saveChange(TODO, Change.of("Todo", id, "r-" + id, cp));
            }
            tx.saveChange(TODO, Change.of("Todo", "e", null, cp).withPrev("r-e"));
            return null;
        });
        List<String> ids = Arrays.asList("a", "b", "c", "d", "e");
        List<Object> answers = new ArrayList<>();
        s.writeBatch(tx -> {
            long cp = tx.currentCheckpoint();
            if (hint) {
                tx.prefetch(TODO, Arrays.asList("a", "b", "c", "d", "e", "a"));
            }
            answers.add(tx.findById(TODO, "a"));
            answers.add(tx.findById(TODO, "c"));
            answers.add(tx.findChange(TODO, "a"));
            answers.add(tx.findChange(TODO, "c"));
            answers.add(tx.findChange(TODO, "e"));
            tx.findById(TODO, "a").put("title", "scribbled on a copy");
            answers.add(tx.findById(TODO, "a"));
            tx.update(TODO, TODO.newRecord(obj("{'id':'a','title':'a2','completed':true}")));
            answers.add(tx.findById(TODO, "a"));
            tx.insert(TODO, TODO.newRecord(obj("{'id':'c','title':'c1'}")));
            tx.saveChange(TODO, Change.of("Todo", "c", "r-c", cp));
            answers.add(tx.findChange(TODO, "c"));
            answers.add(tx.delete(TODO, "b"));
            tx.removeChange(TODO, "b");
            answers.add(tx.delete(TODO, "d"));
            tx.update(TODO, TODO.newRecord(obj("{'id':'d','title':'d1'}"))); // a replace of a missing record stores it
            tx.update(TODO, TODO.newRecord(obj("{'id':'d','title':'d2'}")));
            answers.add(tx.delete(TODO, "d"));
            tx.insert(TODO, TODO.newRecord(obj("{'id':'d','title':'d3'}")));
            tx.saveChange(TODO, Change.of("Todo", "e", "r-e2", cp).withPrev("r-e"));
            tx.saveChange(TODO, Change.of("Todo", "e", "r-e3", cp).withPrev("r-e"));
            answers.add(byId(tx.findByIds(TODO, ids)));
            answers.add(tx.count(TODO, Where.ALL));
            answers.add(new HashSet<>(tx.findChanges(TODO, ids)));
            return null;
        });
        answers.add(s.read(tx -> tx.find(TODO, Filter.ALL)));
        answers.add(s.read(tx -> new HashSet<>(tx.findChanges(TODO, ids))));
        return answers;
    }

    private static Map<String, Map<String, Object>> byId(List<Map<String, Object>> records) {
        Map<String, Map<String, Object>> out = new java.util.TreeMap<>();
        for (Map<String, Object> r : records) {
            out.put((String) r.get("id"), r);
        }
        return out;
    }

    // ---- owners (PROTOCOL.md 9.7) ---------------------------------------------------------------------

    private LocalReplica memosOf(String owner) {
        return new LocalReplica(store, MEMO).ownedBy(owner);
    }

    private Change memoChange(String id) {
        return store.read(tx -> tx.findChange(MEMO, id));
    }

    @Test
    void changeRowsKeepTheirOwnerTombstonesIncluded() {
        LocalReplica alice = memosOf("alice");
        alice.create(obj("{'id':'m1','body':'a'}"));
        alice.create(obj("{'id':'m2','body':'b'}"));
        bump();
        alice.deleteById("m2");
        assertEquals("alice", memoChange("m1").owner());
        assertEquals("alice", memoChange("m2").owner(), "a tombstone keeps its owner");
        assertNull(memoChange("m2").rev());
        assertEquals("alice", store.read(tx -> tx.findById(MEMO, "m1")).get("ownerId"), "the owner is stored");
        assertFalse(alice.findById("m1").containsKey("ownerId"), "and never returned");
        assertEquals(MEMO.revisionOf(obj("{'id':'m1','body':'a','ownerId':'someone else'}")),
                memoChange("m1").rev(), "nor hashed");
    }

    @Test
    void ownedChangesPagesThroughOneOwnersRowsOnly() {
        memosOf("alice").create(obj("{'id':'a1','body':'x'}"));
        memosOf("bob").create(obj("{'id':'b1','body':'x'}"));
        memosOf("alice").create(obj("{'id':'a2','body':'x'}"));
        memosOf("bob").create(obj("{'id':'b2','body':'x'}"));
        memosOf("alice").create(obj("{'id':'a3','body':'x'}"));
        long before = bump();
        List<Change> first = store.read(tx -> tx.ownedChanges(MEMO, "alice", -1, before, null, 2));
        assertEquals(Arrays.asList("a1", "a2"), ids(first));
        List<Change> second = store.read(tx -> tx.ownedChanges(MEMO, "alice", -1, before,
                ChangeCursor.after(first.get(1)), 2));
        assertEquals(Arrays.asList("a3"), ids(second));
        assertEquals(Arrays.asList("b1", "b2"), ids(store.read(tx -> tx.ownedChanges(MEMO, "bob", -1, before, null,
                10))));
        assertEquals(Collections.emptyList(), store.read(tx -> tx.ownedChanges(MEMO, "carol", -1, before, null, 10)));
    }

    @Test
    void anOwnerSeesNeitherAnotherOwnersRecordsNorTombstones() {
        LocalReplica alice = memosOf("alice");
        LocalReplica bob = memosOf("bob");
        alice.create(obj("{'id':'m1','body':'alice'}"));
        alice.create(obj("{'id':'gone','body':'alice'}"));
        bob.create(obj("{'id':'m2','body':'bob'}"));
        bump();
        alice.deleteById("gone");
        bump();
        assertNull(bob.findById("m1"));
        assertEquals(Arrays.asList("m2"), ids(bob.changes(-1, Filter.ALL)), "no record or tombstone of alice");
        assertEquals(Arrays.asList("m1", "gone"), ids(alice.changes(-1, Filter.ALL)));
        assertEquals(1, bob.count(Where.ALL));
        assertEquals(1, bob.find(Filter.ALL).size());
        assertNull(bob.findLastChange("m1"));
        assertNull(bob.findLastChange("gone"));
        DiffResult diff = bob.diff(null, Arrays.asList(Change.of("Memo", "m1", "r", 9L).withPrev(memoChange("m1").rev())));
        assertEquals(1, diff.deltas().size(), "another owner's change is no change to compare with");
        assertTrue(diff.conflicts().isEmpty());
        assertThrows(SyncException.class, () -> bob.createUpdates(Arrays.asList(memoChange("m1"))),
                "another owner's data is missing, as for an unknown id");
    }

    @Test
    void writesToAnotherOwnersRecordAreRefusedAndWriteNothing() {
        LocalReplica alice = memosOf("alice");
        LocalReplica bob = memosOf("bob");
        alice.create(obj("{'id':'m1','body':'alice'}"));
        alice.create(obj("{'id':'gone','body':'alice'}"));
        alice.deleteById("gone");
        Change before = memoChange("m1");
        Change tombstone = memoChange("gone");
        SyncException notFound = assertThrows(SyncException.class, () -> bob.patchById("m1", obj("{'body':'bob'}")));
        assertEquals(404, notFound.statusCode());
        assertEquals(404, assertThrows(SyncException.class, () -> bob.replaceById("m1", obj("{'body':'bob'}")))
                .statusCode());
        assertFalse(bob.deleteById("m1"));
        assertEquals(422, assertThrows(ValidationException.class, () -> bob.create(obj("{'id':'m1','body':'b'}")))
                .statusCode(), "a create naming a taken id is refused");
        assertEquals(422, assertThrows(ValidationException.class, () -> bob.create(obj("{'id':'gone','body':'b'}")))
                .statusCode(), "an id whose tombstone is another owner's is taken too");
        assertEquals(422, assertThrows(ValidationException.class, () -> bob.upsert(obj("{'id':'m1','body':'b'}")))
                .statusCode());
        assertEquals(404, assertThrows(SyncException.class, () -> bob.updateLastChange("m1", obj("{'prev':'x'}")))
                .statusCode());
        String rev = before.rev();
        List<Update> conflicts = bob.bulkUpdate(Arrays.asList(
                new Update(ChangeType.UPDATE, Change.of("Memo", "m1", "r2", 9L).withPrev(rev),
                        obj("{'id':'m1','body':'bob'}")),
                new Update(ChangeType.CREATE, Change.of("Memo", "gone", "r3", 9L), obj("{'id':'gone','body':'bob'}")),
                new Update(ChangeType.DELETE, Change.of("Memo", "m1", null, 9L).withPrev(rev), null)));
        assertEquals(Arrays.asList("m1", "gone"), Arrays.asList(conflicts.get(0).change().modelId(),
                conflicts.get(1).change().modelId()), "the update and the create conflict; the delete is a no-op");
        assertEquals("alice", alice.findById("m1").get("body"));
        assertEquals(before, memoChange("m1"));
        assertEquals(tombstone, memoChange("gone"));
        assertNull(bob.findById("m1"));
    }

    @Test
    void theServerSetsTheOwnerWhateverTheClientSends() {
        LocalReplica alice = memosOf("alice");
        alice.create(obj("{'id':'m1','body':'a','ownerId':'bob'}"));
        alice.upsert(obj("{'id':'m1','body':'b','ownerId':'bob'}"));
        alice.bulkUpdate(Arrays.asList(new Update(ChangeType.CREATE, Change.of("Memo", "m2", "r", 9L),
                obj("{'id':'m2','body':'c','ownerId':'bob'}"))));
        assertEquals("alice", store.read(tx -> tx.findById(MEMO, "m1")).get("ownerId"));
        assertEquals("alice", store.read(tx -> tx.findById(MEMO, "m2")).get("ownerId"));
        assertEquals("alice", memoChange("m2").owner());
        assertNull(memosOf("bob").findById("m1"));
    }
}
