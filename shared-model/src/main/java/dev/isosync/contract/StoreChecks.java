package dev.isosync.contract;

import static dev.isosync.contract.Expect.equal;
import static dev.isosync.contract.Expect.fails;
import static dev.isosync.contract.Expect.isNull;
import static dev.isosync.contract.Expect.isTrue;
import static dev.isosync.contract.Expect.notNull;

import dev.isosync.change.Change;
import dev.isosync.change.ChangeType;
import dev.isosync.change.Checkpoint;
import dev.isosync.demo.Todo;
import dev.isosync.error.SyncException;
import dev.isosync.error.ValidationException;
import dev.isosync.json.Json;
import dev.isosync.model.ModelDefinition;
import dev.isosync.query.Filter;
import dev.isosync.query.Where;
import dev.isosync.replica.ChangesPage;
import dev.isosync.replica.DiffResult;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replica.Update;
import dev.isosync.store.ChangeCursor;
import dev.isosync.store.Store;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The store contract as a plain list of named checks, for stores that JUnit cannot reach: it compiles under
 * TeaVM, so the same cases run on the JVM (as JUnit dynamic tests) and in Chromium (on a TeaVM test page)
 * against IndexedDB and localStorage (DESIGN.md "Tests"). The JVM's fuller suite,
 * {@code StoreContract}, adds what needs threads or JUnit; the cases here are the ones every store must pass
 * wherever it runs: CRUD, validation, revisions, rectify rules, change lists and paging, diff, createUpdates,
 * bulkUpdate, rollback, metadata and checkpoints.
 *
 * <p>Everything is observed through {@link LocalReplica} and the store's own transactions, on two models
 * ({@link Todo} and {@link Note}) so that nothing passes only because of one model's shape.
 */
public final class StoreChecks {
    private static final ModelDefinition TODO = Todo.DEFINITION;
    private static final ModelDefinition NOTE = Note.DEFINITION;

    /** Opens a fresh, empty store holding {@code models}; each call gives a store of its own. */
    public interface StoreFactory {
        Store open(List<ModelDefinition> models);
    }

    private final StoreFactory factory;
    private final List<Store> opened = new ArrayList<>();
    private final Store store;
    private final LocalReplica todos;
    private final LocalReplica notes;

    StoreChecks(StoreFactory factory) {
        this.factory = factory;
        this.store = open();
        this.todos = new LocalReplica(store, TODO);
        this.notes = new LocalReplica(store, NOTE);
    }

    /** Every check, in a stable order. */
    public static List<Check> all() {
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("crudKeepsEveryDeclaredPropertyPresent", StoreChecks::crudKeepsEveryDeclaredPropertyPresent));
        checks.add(new Check("everyPropertyTypeRoundTripsUnchanged", StoreChecks::everyPropertyTypeRoundTripsUnchanged));
        checks.add(new Check("hiddenPropertyIsStoredButNeverReturned", StoreChecks::hiddenPropertyIsStoredButNeverReturned));
        checks.add(new Check("stringsAndNumbersRoundTripExactly", StoreChecks::stringsAndNumbersRoundTripExactly));
        checks.add(new Check("findHonoursWhereOrderSkipLimitAndFields", StoreChecks::findHonoursWhereOrderSkipLimitAndFields));
        checks.add(new Check("idsAreComparedExactlyAndModelsKeptApart", StoreChecks::idsAreComparedExactlyAndModelsKeptApart));
        checks.add(new Check("validationWritesNothing", StoreChecks::validationWritesNothing));
        checks.add(new Check("revisionsEqualLoopBacksVectors", StoreChecks::revisionsEqualLoopBacksVectors));
        checks.add(new Check("rectifyCreateAndUpdates", StoreChecks::rectifyCreateAndUpdates));
        checks.add(new Check("rectifyDeletesAndRecreates", StoreChecks::rectifyDeletesAndRecreates));
        checks.add(new Check("changesAreSealedAndInclusiveWithTombstones", StoreChecks::changesAreSealedAndInclusiveWithTombstones));
        checks.add(new Check("keysetPagingCoversEveryRowExactlyOnce", StoreChecks::keysetPagingCoversEveryRowExactlyOnce));
        checks.add(new Check("echoesCanBeLeftOutOfPages", StoreChecks::echoesCanBeLeftOutOfPages));
        checks.add(new Check("diffFindsDeltasAndConflicts", StoreChecks::diffFindsDeltasAndConflicts));
        checks.add(new Check("createUpdatesListsDeletesFirstWithVisibleData", StoreChecks::createUpdatesListsDeletesFirstWithVisibleData));
        checks.add(new Check("bulkUpdateAppliesAndMarksEchoes", StoreChecks::bulkUpdateAppliesAndMarksEchoes));
        checks.add(new Check("bulkUpdateWithStalePrevConflictsAndWritesNothing", StoreChecks::bulkUpdateWithStalePrevConflictsAndWritesNothing));
        checks.add(new Check("bulkUpdateWithAnInvalidItemWritesNothingAtAll", StoreChecks::bulkUpdateWithAnInvalidItemWritesNothingAtAll));
        checks.add(new Check("failingWriteRollsBackTheRecordAndItsChange", StoreChecks::failingWriteRollsBackTheRecordAndItsChange));
        checks.add(new Check("failingUpdateOrDeleteRestoresTheOldRows", StoreChecks::failingUpdateOrDeleteRestoresTheOldRows));
        checks.add(new Check("failingBatchRollsBackAndDoesNotBump", StoreChecks::failingBatchRollsBackAndDoesNotBump));
        checks.add(new Check("metadataRoundTrips", StoreChecks::metadataRoundTrips));
        checks.add(new Check("bumpIncrementsOneCounterPerStore", StoreChecks::bumpIncrementsOneCounterPerStore));
        return Collections.unmodifiableList(checks);
    }

    private Store open() {
        Store s = factory.open(Arrays.asList(TODO, NOTE));
        opened.add(s);
        return s;
    }

    void closeAll() {
        for (Store s : opened) {
            s.close();
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------

    /** Parses a JSON object written with {@code '} for {@code "}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(String singleQuoted) {
        return (Map<String, Object>) Json.parse(singleQuoted.replace('\'', '"'));
    }

    private Change last(String id) {
        return todos.findLastChange(id);
    }

    private long bump() {
        return todos.checkpoint().seq();
    }

    private static String revOf(ModelDefinition model, String singleQuotedRecord) {
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

    private static void prevAbsent(Change c) {
        isTrue(!c.hasPrev(), "prev should be absent: " + c);
    }

    private static void prevIs(String expected, Change c) {
        isTrue(c.hasPrev(), "prev should be present: " + c);
        equal(expected, c.prev(), "prev of " + c);
    }

    private static void nothingWritten(LocalReplica replica, String id) {
        isNull(replica.findById(id), "no record may be written for " + id);
        isNull(replica.findLastChange(id), "no change row may be written for " + id);
        equal(0L, replica.countChanges(), "change rows");
    }

    private static void refused(Runnable write, String property) {
        ValidationException e = fails(ValidationException.class, write, "a write with a bad " + property);
        equal(422, e.statusCode(), "status");
        isTrue(e.getMessage().contains(property), "the message should name " + property + ": " + e.getMessage());
    }

    private String givenTodoAtCheckpointOne() {
        todos.create(obj("{'id':'t1','title':'a'}"));
        return last("t1").rev();
    }

    private static Update createOf(String id, String singleQuotedData) {
        Map<String, Object> data = obj(singleQuotedData);
        return new Update(ChangeType.CREATE, remote(id, TODO.revisionOf(TODO.newRecord(data)), 9).withPrev(null), data);
    }

    private static Update updateOf(String id, String prev, String singleQuotedData) {
        Map<String, Object> data = obj(singleQuotedData);
        return new Update(ChangeType.UPDATE, remote(id, TODO.revisionOf(TODO.newRecord(data)), 9).withPrev(prev), data);
    }

    private static Update deleteOf(String id, String prev) {
        return new Update(ChangeType.DELETE, remote(id, null, 9).withPrev(prev), null);
    }

    // ---- CRUD ----------------------------------------------------------------------------------------

    private void crudKeepsEveryDeclaredPropertyPresent() {
        Map<String, Object> expected = obj("{'id':'t1','title':'a','completed':false,'created':null}");
        equal(expected, todos.create(obj("{'id':'t1','title':'a'}")), "created");
        Map<String, Object> found = todos.findById("t1");
        equal(expected, found, "found");
        equal(Arrays.asList("id", "title", "completed", "created"), new ArrayList<>(found.keySet()), "property order");
        equal(obj("{'id':'t1','title':'a','completed':true,'created':null}"),
                todos.patchById("t1", obj("{'completed':true}")), "patched");
        equal(obj("{'id':'t1','title':'b','completed':false,'created':null}"),
                todos.replaceById("t1", obj("{'title':'b'}")), "replaced: unnamed properties to default or null");
        equal(obj("{'id':'t1','title':'b','completed':false,'created':null}"), todos.findById("t1"), "after replace");
        equal(obj("{'id':'t2','title':'u','completed':false,'created':null}"),
                todos.upsert(obj("{'id':'t2','title':'u'}")), "upsert creates");
        isTrue(todos.deleteById("t1"), "the first delete deletes");
        isNull(todos.findById("t1"), "deleted");
        isTrue(!todos.deleteById("t1"), "the second delete finds nothing");
        isNull(last("never"), "deleting nothing leaves no change row");
        fails(SyncException.class, () -> todos.patchById("nope", obj("{'title':'x'}")), "patch of an unknown id");
        nothingWrittenFor("nope");
    }

    private void nothingWrittenFor(String id) {
        isNull(todos.findById(id), "no record for " + id);
        isNull(last(id), "no change row for " + id);
    }

    private void everyPropertyTypeRoundTripsUnchanged() {
        Map<String, Object> data = obj("{'id':'n1','body':'x','pinned':true,'due':'2020-01-02T03:04:05.006Z',"
                + "'tags':['b','a',null],'meta':{'a':{'b':null,'y':[1,2.5]},'z':-1e-7},'secret':'s'}");
        Map<String, Object> visible = new LinkedHashMap<>(data);
        visible.remove("secret");
        equal(visible, notes.create(data), "created");
        equal(visible, notes.findById("n1"), "found");
        equal(Arrays.asList("id", "body", "pinned", "due", "tags", "meta"),
                new ArrayList<>(notes.findById("n1").keySet()), "property order");
        equal(obj("{'id':'n2','body':'y','pinned':false,'due':null,'tags':null,'meta':null}"),
                notes.create(obj("{'id':'n2','body':'y'}")), "unset properties are present as default or null");
    }

    private void hiddenPropertyIsStoredButNeverReturned() {
        notes.create(obj("{'id':'n1','body':'x','secret':'s'}"));
        isTrue(!notes.findById("n1").containsKey("secret"), "findById hides it");
        equal("s", store.read(tx -> tx.findById(NOTE, "n1")).get("secret"), "the store keeps it");
        isTrue(!notes.find(Filter.ALL).get(0).containsKey("secret"), "find hides it");
        notes.replaceById("n1", obj("{'body':'y'}"));
        equal("s", store.read(tx -> tx.findById(NOTE, "n1")).get("secret"), "a replace keeps it");
    }

    private void stringsAndNumbersRoundTripExactly() {
        String title = "h\u00e9llo \"q\" \\ \n\u2028\u007f\u00ad \ud83d\ude00 \u4e2d";
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", "s1");
        data.put("title", title);
        todos.create(data);
        equal(title, todos.findById("s1").get("title"), "title");
        equal(TODO.revisionOf(TODO.newRecord(data)), last("s1").rev(), "revision of the stored string");
        todos.create(obj("{'id':'t1','title':'a','created':1764115200123}"));
        todos.create(obj("{'id':'t2','title':'b','created':0.30000000000000004}"));
        todos.create(obj("{'id':'t3','title':'c','created':-1.5e300}"));
        equal(1764115200123.0, ((Number) todos.findById("t1").get("created")).doubleValue(), "millis");
        equal(0.30000000000000004, ((Number) todos.findById("t2").get("created")).doubleValue(), "fraction");
        equal(-1.5e300, ((Number) todos.findById("t3").get("created")).doubleValue(), "large");
        equal(revOf(TODO, "{'id':'t2','title':'b','created':0.30000000000000004}"), last("t2").rev(), "revision");
    }

    private void findHonoursWhereOrderSkipLimitAndFields() {
        todos.create(obj("{'id':'t1','title':'c','created':3}"));
        todos.create(obj("{'id':'t2','title':'a','created':1,'completed':true}"));
        todos.create(obj("{'id':'t3','title':'b','created':2}"));
        todos.create(obj("{'id':'t4','title':'d'}"));
        Filter filter = Filter.parse(TODO, obj("{'where':{'completed':false},'order':'title DESC','skip':1,'limit':2,"
                + "'fields':['id','title']}"));
        equal(Arrays.asList(obj("{'id':'t1','title':'c'}"), obj("{'id':'t3','title':'b'}")), todos.find(filter), "find");
        equal(3L, todos.count(Where.parse(TODO, obj("{'completed':false}"))), "count completed false");
        equal(1L, todos.count(Where.parse(TODO, obj("{'created':null}"))), "count created null");
        equal(2L, todos.count(Where.parse(TODO, obj("{'created':{'gt':1}}"))), "count created > 1");
        equal(4L, todos.count(Where.ALL), "count all");
        List<Map<String, Object>> byCreated = todos.find(Filter.parse(TODO, obj("{'order':'created ASC'}")));
        equal("t4", byCreated.get(0).get("id"), "nulls sort first in ascending order");
        List<String> byId = new ArrayList<>();
        for (Map<String, Object> r : todos.find(Filter.ALL)) {
            byId.add((String) r.get("id"));
        }
        equal(Arrays.asList("t1", "t2", "t3", "t4"), byId, "without an order, records come by id");
    }

    private void idsAreComparedExactlyAndModelsKeptApart() {
        todos.create(obj("{'id':'t1','title':'lower'}"));
        todos.create(obj("{'id':'T1','title':'upper'}"));
        todos.create(obj("{'id':'t1 ','title':'trailing space'}"));
        equal("lower", todos.findById("t1").get("title"), "t1");
        equal("upper", todos.findById("T1").get("title"), "T1");
        equal("trailing space", todos.findById("t1 ").get("title"), "'t1 '");
        notes.create(obj("{'id':'t1','body':'note'}"));
        bump();
        isTrue(todos.deleteById("t1"), "delete the todo");
        equal("note", notes.findById("t1").get("body"), "the note with the same id stays");
        bump();
        equal(ChangeType.DELETE, last("t1").type(), "the todo's change");
        equal(ChangeType.CREATE, notes.findLastChange("t1").type(), "the note's change");
        equal("Note", notes.findLastChange("t1").modelName(), "model name of the note's change");
        equal(1, notes.changes(-1, Filter.ALL).size(), "note changes");
        equal(3L, todos.countChanges(), "todo changes");
    }

    // ---- validation ------------------------------------------------------------------------------------

    private void validationWritesNothing() {
        refused(() -> todos.create(obj("{'id':'t1','title':'a','colour':'red'}")), "colour");
        refused(() -> todos.create(obj("{'id':'t1','title':'a','completed':'yes'}")), "completed");
        refused(() -> todos.create(obj("{'id':'t1','title':'a','created':'soon'}")), "created");
        refused(() -> todos.create(obj("{'id':'t1'}")), "title");
        nothingWritten(todos, "t1");
        refused(() -> notes.create(obj("{'id':'n1','body':'x','due':'tomorrow'}")), "due");
        refused(() -> notes.create(obj("{'id':'n1','body':'x','meta':[1]}")), "meta");
        nothingWritten(notes, "n1");
        todos.create(obj("{'id':'t2','title':'a'}"));
        bump();
        Change before = last("t2");
        refused(() -> todos.patchById("t2", obj("{'completed':'yes'}")), "completed");
        fails(ValidationException.class, () -> todos.create(obj("{'id':'t2','title':'b'}")), "a taken id");
        equal(obj("{'id':'t2','title':'a','completed':false,'created':null}"), todos.findById("t2"), "unchanged record");
        equal(before, last("t2"), "unchanged change row");
    }

    // ---- revisions (PROTOCOL.md 9.2) -------------------------------------------------------------------

    private void revisionsEqualLoopBacksVectors() {
        todos.create(obj("{'id':'t1','title':'a'}"));
        todos.create(obj("{'id':'t2','title':'b','completed':true,'created':1764115200123}"));
        equal("cfa1f9be556e475d7a488fe62162d165876a983d", last("t1").rev(), "rev of t1");
        equal("e915c72b2c0dbd47e99166ae67c7ecfa871454e9", last("t2").rev(), "rev of t2");
        notes.create(obj("{'id':'n1','body':'x','secret':'s1'}"));
        Change created = notes.findLastChange("n1");
        equal("dfafd7a690bf9449a20ecbda66dce65b69befe1e", created.rev(), "hidden properties are not hashed");
        bump();
        notes.patchById("n1", obj("{'secret':'s2'}"));
        equal(created, notes.findLastChange("n1"), "a change to hidden properties only is not a change");
    }

    // ---- rectify (PROTOCOL.md 1.6), observed through findLastChange -----------------------------------

    private void rectifyCreateAndUpdates() {
        equal(1L, todos.currentCheckpoint(), "a fresh store is at checkpoint 1");
        todos.create(obj("{'id':'t1','title':'a'}"));
        Change c = last("t1");
        equal("Todo", c.modelName(), "model name");
        equal("cfa1f9be556e475d7a488fe62162d165876a983d", c.rev(), "rev");
        prevAbsent(c);
        equal(Long.valueOf(1), c.checkpoint(), "checkpoint");
        equal(ChangeType.CREATE, c.type(), "type");
        isTrue(!c.isEcho(), "a local write is not an echo");
        todos.patchById("t1", obj("{'title':'a2'}"));
        equal(ChangeType.CREATE, last("t1").type(), "edits in the creating checkpoint stay a create");
        prevAbsent(last("t1"));
        String a2 = last("t1").rev();
        equal(2L, bump(), "bump");
        todos.patchById("t1", obj("{'title':'b'}"));
        todos.patchById("t1", obj("{'title':'c'}"));
        c = last("t1");
        equal(revOf(TODO, "{'id':'t1','title':'c'}"), c.rev(), "rev after two updates");
        prevIs(a2, c);
        equal(Long.valueOf(2), c.checkpoint(), "checkpoint after update");
        equal(ChangeType.UPDATE, c.type(), "type after update");
        bump();
        bump();
        Change before = last("t1");
        todos.patchById("t1", obj("{'title':'c'}"));
        equal(before, last("t1"), "same data, same revision: the change row is not touched");
    }

    private void rectifyDeletesAndRecreates() {
        todos.create(obj("{'id':'t1','title':'a'}"));
        bump();
        todos.patchById("t1", obj("{'title':'b'}"));
        String b = last("t1").rev();
        bump();
        todos.deleteById("t1");
        Change c = last("t1");
        isNull(c.rev(), "a tombstone has no rev");
        prevIs(b, c);
        equal(Long.valueOf(3), c.checkpoint(), "tombstone checkpoint");
        equal(ChangeType.DELETE, c.type(), "type");
        bump();
        todos.create(obj("{'id':'t1','title':'again'}"));
        c = last("t1");
        equal(revOf(TODO, "{'id':'t1','title':'again'}"), c.rev(), "re-created rev");
        prevIs(null, c);
        equal(ChangeType.CREATE, c.type(), "a re-create is a create with a null prev");
        todos.create(obj("{'id':'x','title':'short-lived'}"));
        todos.deleteById("x");
        Change x = last("x");
        if (x != null) {
            equal(ChangeType.UNKNOWN, x.type(), "created and deleted in one checkpoint");
        }
        bump();
        isTrue(!ids(todos.changes(-1, Filter.ALL)).contains("x"), "never replicated");
    }

    // ---- changes(since) ------------------------------------------------------------------------------

    private void changesAreSealedAndInclusiveWithTombstones() {
        todos.create(obj("{'id':'a','title':'1'}"));
        equal(Collections.emptyList(), todos.changes(-1, Filter.ALL), "the open checkpoint is not listed");
        bump();
        todos.create(obj("{'id':'b','title':'2'}"));
        bump();
        todos.create(obj("{'id':'c','title':'3'}"));
        bump();
        equal(Arrays.asList("a", "b", "c"), ids(todos.changes(-1, Filter.ALL)), "since -1");
        equal(Arrays.asList("b", "c"), ids(todos.changes(2, Filter.ALL)), "since 2 is inclusive");
        equal(Arrays.asList("c"), ids(todos.changes(3, Filter.ALL)), "since 3");
        equal(Collections.emptyList(), todos.changes(4, Filter.ALL), "since the open checkpoint");
        todos.patchById("a", obj("{'title':'x'}"));
        equal(Arrays.asList("b", "c"), ids(todos.changes(-1, Filter.ALL)), "the row moved to the open checkpoint");
        bump();
        todos.deleteById("c");
        todos.create(obj("{'id':'keep','title':'keep'}"));
        bump();
        Filter filter = Filter.parse(TODO, obj("{'where':{'title':'keep'}}"));
        equal(Arrays.asList("c", "keep"), ids(todos.changes(-1, filter)), "tombstones always pass the filter");
        equal(last("b"), todos.changes(-1, Filter.parse(TODO, obj("{'where':{'title':'2'}}"))).get(0),
                "changes carry the stored rows");
    }

    private void keysetPagingCoversEveryRowExactlyOnce() {
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
        List<Change> all = todos.changes(-1, Filter.ALL);
        equal(25, all.size(), "rows");
        isTrue(!ids(all).contains("x1") && !ids(all).contains("r99"), "no unknown or open rows: " + ids(all));
        for (int i = 1; i < all.size(); i++) {
            Change a = all.get(i - 1);
            Change b = all.get(i);
            isTrue(a.checkpoint() < b.checkpoint()
                    || (a.checkpoint().equals(b.checkpoint()) && a.modelId().compareTo(b.modelId()) < 0),
                    "ordered by (checkpoint, modelId): " + a + " then " + b);
        }
        for (int limit : new int[] {1, 2, 3, 7, 25, 100}) {
            equal(all, pageThrough(-1, limit), "page size " + limit);
        }
        equal(todos.changes(2, Filter.ALL), pageThrough(2, 2), "paging since 2");
    }

    private List<Change> pageThrough(long since, int limit) {
        List<Change> out = new ArrayList<>();
        TreeSet<String> seen = new TreeSet<>();
        ChangeCursor cursor = null;
        for (int round = 0; round < 1000; round++) {
            ChangesPage page = todos.changesPage(since, Filter.ALL, cursor, limit, false);
            isTrue(page.changes().size() <= limit, "page over its limit");
            for (Change c : page.changes()) {
                isTrue(seen.add(c.modelId()), "returned twice: " + c);
                out.add(c);
            }
            cursor = page.next();
            if (cursor == null) {
                return out;
            }
        }
        throw new AssertionError("keyset paging did not end");
    }

    private void echoesCanBeLeftOutOfPages() {
        todos.create(obj("{'id':'mine','title':'a'}"));
        todos.bulkUpdate(Arrays.asList(createOf("pulled", "{'id':'pulled','title':'from elsewhere'}")));
        isTrue(last("pulled").isEcho(), "a replicated revision is an echo");
        isTrue(!last("mine").isEcho(), "a local one is not");
        equal(Arrays.asList("mine", "pulled"), ids(todos.changesPage(-1, Filter.ALL, null, 10, false).changes()), "all");
        equal(Arrays.asList("mine"), ids(todos.changesPage(-1, Filter.ALL, null, 10, true).changes()), "no echoes");
        todos.patchById("pulled", obj("{'title':'edited here'}"));
        isTrue(!last("pulled").isEcho(), "a local edit of pulled data is pushed");
    }

    // ---- diff, createUpdates, bulkUpdate (PROTOCOL.md 2.5, 9.4.9, 9.5) ----------------------------------

    private void diffFindsDeltasAndConflicts() {
        String a = givenTodoAtCheckpointOne();
        DiffResult same = todos.diff(-1L, Arrays.asList(remote("t1", a, 7)));
        equal(0, same.deltas().size() + same.conflicts().size(), "an equal revision is nothing");
        Change based = remote("t1", "r-new", 7).withPrev(a);
        equal(Arrays.asList(based), todos.diff(-1L, Arrays.asList(based)).deltas(), "based on the target: a delta");
        DiffResult conflict = todos.diff(-1L, Arrays.asList(remote("t1", "r-new", 7).withPrev("something-else")));
        equal(Collections.emptyList(), conflict.deltas(), "a stale prev is no delta");
        equal(Arrays.asList(last("t1")), conflict.conflicts(), "the conflict reports the target's change");
        DiffResult fresh = todos.diff(-1L, Arrays.asList(remote("t9", "r9", 7)));
        equal(1, fresh.deltas().size(), "an id the target never had is a delta");
        prevIs(null, fresh.deltas().get(0));
    }

    private void createUpdatesListsDeletesFirstWithVisibleData() {
        notes.create(obj("{'id':'n1','body':'x','secret':'s'}"));
        notes.create(obj("{'id':'n2','body':'y'}"));
        notes.create(obj("{'id':'n3','body':'z'}"));
        notes.checkpoint();
        notes.deleteById("n2");
        notes.patchById("n1", obj("{'pinned':true}"));
        Change n1 = notes.findLastChange("n1");
        Change n2 = notes.findLastChange("n2");
        Change n3 = notes.findLastChange("n3");
        List<Update> updates = notes.createUpdates(Arrays.asList(n3, n1, Change.of("Note", "n4", null, 2L), n2));
        equal(3, updates.size(), "updates");
        equal(ChangeType.DELETE, updates.get(0).type(), "deletes first");
        equal(n2, updates.get(0).change(), "the delete's change");
        isNull(updates.get(0).data(), "a delete has no data");
        equal(n3, updates.get(1).change(), "then the create");
        equal(obj("{'id':'n3','body':'z','pinned':false,'due':null,'tags':null,'meta':null}"), updates.get(1).data(),
                "the create's data");
        equal(ChangeType.UPDATE, updates.get(2).type(), "then the update");
        equal(obj("{'id':'n1','body':'x','pinned':true,'due':null,'tags':null,'meta':null}"), updates.get(2).data(),
                "hidden properties are never shipped");
    }

    private void bulkUpdateAppliesAndMarksEchoes() {
        String a = givenTodoAtCheckpointOne();
        todos.create(obj("{'id':'t3','title':'doomed'}"));
        String t3 = last("t3").rev();
        bump();
        long before = todos.currentCheckpoint();
        List<Update> conflicts = todos.bulkUpdate(Arrays.asList(
                updateOf("t1", a, "{'id':'t1','title':'from-remote','completed':true}"),
                createOf("t5", "{'id':'t5','title':'new'}"),
                deleteOf("t3", t3)));
        equal(0, conflicts.size(), "all applied");
        equal(obj("{'id':'t1','title':'from-remote','completed':true,'created':null}"), todos.findById("t1"), "t1");
        equal(obj("{'id':'t5','title':'new','completed':false,'created':null}"), todos.findById("t5"), "t5");
        isNull(todos.findById("t3"), "t3 deleted");
        prevIs(a, last("t1"));
        equal(ChangeType.CREATE, last("t5").type(), "t5 created");
        equal(ChangeType.DELETE, last("t3").type(), "t3 deleted");
        isTrue(last("t1").isEcho() && last("t5").isEcho() && last("t3").isEcho(), "replicated revisions are echoes");
        equal(before + 1, todos.currentCheckpoint(), "the batch bumps the checkpoint");
        equal(Long.valueOf(before), last("t1").checkpoint(), "stamped with the batch's checkpoint");
    }

    private void bulkUpdateWithStalePrevConflictsAndWritesNothing() {
        givenTodoAtCheckpointOne();
        Change before = last("t1");
        Update stale = updateOf("t1", "stale", "{'id':'t1','title':'from-remote'}");
        List<Update> conflicts = todos.bulkUpdate(Arrays.asList(stale));
        equal(1, conflicts.size(), "conflicts");
        equal("t1", conflicts.get(0).change().modelId(), "the conflicting update");
        equal("a", todos.findById("t1").get("title"), "title unchanged");
        equal(before.rev(), last("t1").rev(), "rev unchanged");
        Update create = createOf("t1", "{'id':'t1','title':'other'}");
        equal(1, todos.bulkUpdate(Arrays.asList(create)).size(), "a create of an existing id conflicts");
        equal(1, todos.bulkUpdate(Arrays.asList(deleteOf("t1", "stale"))).size(), "a stale delete conflicts");
        notNull(todos.findById("t1"), "not deleted");
    }

    private void bulkUpdateWithAnInvalidItemWritesNothingAtAll() {
        String a = givenTodoAtCheckpointOne();
        long checkpoint = todos.currentCheckpoint();
        Update valid = createOf("t5", "{'id':'t5','title':'new'}");
        Update invalid = new Update(ChangeType.UPDATE, remote("t1", "r", 9).withPrev(a),
                obj("{'id':'t1','title':'b','completed':'yes'}"));
        SyncException e = fails(SyncException.class, () -> todos.bulkUpdate(Arrays.asList(valid, invalid)),
                "a batch with an invalid item");
        equal(422, e.statusCode(), "status");
        isNull(todos.findById("t5"), "not even the valid items are written");
        isNull(last("t5"), "nor their change rows");
        equal("a", todos.findById("t1").get("title"), "t1 unchanged");
        equal(checkpoint, todos.currentCheckpoint(), "no bump");
    }

    // ---- transactions ----------------------------------------------------------------------------------

    private void failingWriteRollsBackTheRecordAndItsChange() {
        Map<String, Object> record = TODO.newRecord(obj("{'id':'t9','title':'x'}"));
        IllegalStateException e = fails(IllegalStateException.class, () -> store.write(tx -> {
            tx.insert(TODO, record);
            tx.saveChange(TODO, Change.of("Todo", "t9", TODO.revisionOf(record), tx.currentCheckpoint()));
            tx.putMeta("k", "v");
            throw new IllegalStateException("boom");
        }), "a failing write");
        equal("boom", e.getMessage(), "the work's exception is rethrown");
        isNull(todos.findById("t9"), "no record");
        isNull(last("t9"), "no change row");
        isNull(store.read(tx -> tx.getMeta("k")), "no metadata");
        equal(0L, todos.countChanges(), "change rows");
    }

    private void failingUpdateOrDeleteRestoresTheOldRows() {
        givenTodoAtCheckpointOne();
        todos.create(obj("{'id':'t2','title':'b'}"));
        bump();
        Change t1 = last("t1");
        Change t2 = last("t2");
        fails(IllegalStateException.class, () -> store.write(tx -> {
            Map<String, Object> changed = TODO.newRecord(obj("{'id':'t1','title':'z'}"));
            tx.update(TODO, changed);
            tx.saveChange(TODO, t1.withRev(TODO.revisionOf(changed)).withPrev(t1.rev()).withCheckpoint(2L));
            tx.delete(TODO, "t2");
            tx.saveChange(TODO, t2.withRev(null).withPrev(t2.rev()).withCheckpoint(2L));
            throw new IllegalStateException("boom");
        }), "a failing update and delete");
        equal("a", todos.findById("t1").get("title"), "t1 restored");
        equal("b", todos.findById("t2").get("title"), "t2 restored");
        equal(t1, last("t1"), "t1's change restored");
        equal(t2, last("t2"), "t2's change restored");
        equal(Arrays.asList("t1", "t2"), ids(todos.changes(-1, Filter.ALL)), "change list");
    }

    private void failingBatchRollsBackAndDoesNotBump() {
        givenTodoAtCheckpointOne();
        long checkpoint = todos.currentCheckpoint();
        fails(IllegalStateException.class, () -> store.writeBatch(tx -> {
            tx.delete(TODO, "t1");
            throw new IllegalStateException("boom");
        }), "a failing batch");
        notNull(todos.findById("t1"), "the delete is rolled back");
        equal(checkpoint, todos.currentCheckpoint(), "no bump");
        store.writeBatch(tx -> null);
        equal(checkpoint + 1, todos.currentCheckpoint(), "a batch ends with a bump");
    }

    private void metadataRoundTrips() {
        isNull(store.read(tx -> tx.getMeta("replication/Todo/server")), "unset");
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
        equal(value, store.read(tx -> tx.getMeta("replication/Todo/server")), "a large value");
        store.write(tx -> {
            tx.putMeta("other", "y");
            return null;
        });
        equal("y", store.read(tx -> tx.getMeta("other")), "replaced");
        store.write(tx -> {
            tx.putMeta("other", null);
            return null;
        });
        isNull(store.read(tx -> tx.getMeta("other")), "removed");
        equal(value, store.read(tx -> tx.getMeta("replication/Todo/server")), "the other key stays");
    }

    private void bumpIncrementsOneCounterPerStore() {
        equal(1L, todos.currentCheckpoint(), "a fresh store");
        Checkpoint c = todos.checkpoint();
        equal(2L, c.seq(), "first bump");
        notNull(store.sourceId(), "source id");
        equal(store.sourceId(), c.sourceId(), "the checkpoint carries the store's identity");
        equal(2L, todos.currentCheckpoint(), "after the bump");
        Checkpoint n = notes.checkpoint();
        equal(3L, n.seq(), "one counter per store, shared by its models");
        equal(c.time(), n.time(), "the time is the counter's creation time, never updated");
        equal(4L, store.bumpCheckpoint().seq(), "a bump of the store itself");
        Store other = open();
        isTrue(!store.sourceId().equals(other.sourceId()), "stores have distinct identities");
        equal(1L, new LocalReplica(other, TODO).currentCheckpoint(), "another store has its own counter");
    }
}
