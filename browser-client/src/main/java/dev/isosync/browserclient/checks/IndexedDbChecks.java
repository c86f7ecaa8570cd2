package dev.isosync.browserclient.checks;

import dev.isosync.browserclient.store.IndexedDbStore;
import dev.isosync.browserclient.store.NativeJson;
import dev.isosync.change.Change;
import dev.isosync.change.ChangeType;
import dev.isosync.contract.Note;
import dev.isosync.demo.Todo;
import dev.isosync.error.SyncException;
import dev.isosync.json.Json;
import dev.isosync.model.ModelDefinition;
import dev.isosync.query.Filter;
import dev.isosync.query.Where;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replica.Update;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.teavm.interop.Async;
import org.teavm.interop.AsyncCallback;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * Checks of what only IndexedDB has: transactions that end by themselves when their thread waits on anything
 * but their own requests, a database that outlives the page, and a storage quota. Each opens its own database.
 */
final class IndexedDbChecks {
    private static final List<ModelDefinition> MODELS = Arrays.asList(Todo.DEFINITION, Note.DEFINITION);

    private IndexedDbChecks() {
    }

    /** The checks that run with the store checks. */
    static List<BrowserCheck> all() {
        List<BrowserCheck> checks = new ArrayList<>();
        checks.add(new BrowserCheck("writesStayWholeWhileTheUiAndAnotherThreadRun",
                IndexedDbChecks::writesStayWholeWhileTheUiAndAnotherThreadRun));
        checks.add(new BrowserCheck("reopeningKeepsDataAndIdentity", IndexedDbChecks::reopeningKeepsDataAndIdentity));
        checks.add(new BrowserCheck("aQuotaErrorIsStorageFullAndWritesNothing",
                IndexedDbChecks::aQuotaErrorIsStorageFullAndWritesNothing));
        checks.add(new BrowserCheck("manyKeysAreReadRightWhetherTheirRangeIsReadWholeOrKeyByKey",
                IndexedDbChecks::manyKeysAreReadRightWhetherTheirRangeIsReadWholeOrKeyByKey));
        checks.add(new BrowserCheck("aDatabaseOfTheEarlierLayoutIsMovedIntoEntriesWithNothingLost",
                IndexedDbChecks::aDatabaseOfTheEarlierLayoutIsMovedIntoEntriesWithNothingLost));
        checks.add(new BrowserCheck("aDatabaseWhoseEntriesCarryTheirKeysWorksAsANewOne",
                IndexedDbChecks::aDatabaseWhoseEntriesCarryTheirKeysWorksAsANewOne));
        checks.add(new BrowserCheck("theChangeLogListsEachInstanceOnceAndIsCompactedWhenMostlyStale",
                IndexedDbChecks::theChangeLogListsEachInstanceOnceAndIsCompactedWhenMostlyStale));
        checks.add(new BrowserCheck("theChangeLogIsCompactedByItsCountOfPairsHoweverFewItsObjects",
                IndexedDbChecks::theChangeLogIsCompactedByItsCountOfPairsHoweverFewItsObjects));
        checks.add(new BrowserCheck("entriesPutBeforeTheTransactionEndsEndAsItsLastWriteLeftThem",
                IndexedDbChecks::entriesPutBeforeTheTransactionEndsEndAsItsLastWriteLeftThem));
        checks.add(new BrowserCheck("aBatchWithAnInvalidItemAfterHundredsPutWritesNothing",
                IndexedDbChecks::aBatchWithAnInvalidItemAfterHundredsPutWritesNothing));
        checks.add(new BrowserCheck("storedValuesAreReadBackAsTheirJsonIsParsed",
                IndexedDbChecks::storedValuesAreReadBackAsTheirJsonIsParsed));
        return checks;
    }

    private static IndexedDbStore open() {
        return IndexedDbStore.open(ChecksPage.freshName("idb-only"), MODELS);
    }

    private static Map<String, Object> todo(String id, String title) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("title", title);
        return data;
    }

    /**
     * A stored record is read back, from the database in a later transaction, as the shared parser reads its JSON:
     * the same maps, lists, strings, doubles, booleans and nulls, nested as written, members named like Object's own
     * as data, array-index keys as keys; declared properties first, in declaration order, then the rest in stored
     * order; -0 as 0; and a map the caller may change. Written from Java maps and from the browser's parsed views.
     */
    @SuppressWarnings("unchecked")
    private static void storedValuesAreReadBackAsTheirJsonIsParsed() {
        List<String> texts = Arrays.asList(
                "{\"created\":1767323045006,\"completed\":false,\"title\":\"a\",\"id\":\"r1\"}",
                "{\"id\":\"r2\",\"b\":1,\"a\":[1,2.5,1e21,5e-324,-1.7976931348623157e308,"
                        + "123456789012345678901234567890],\"c\":null}",
                "{\"id\":\"r3\",\"__proto__\":{\"x\":1},\"constructor\":\"c\",\"toString\":2,"
                        + "\"hasOwnProperty\":true}",
                "{\"id\":\"r4\",\"10\":\"ten\",\"2\":\"two\",\"z\":\"last\",\"\":\"empty key\"}",
                "{\"id\":\"r5\",\"s\":\"\\u00e9\\ud83d\\ude00 \\\" \\\\ \\b\\n\\u0001 \\u2028\","
                        + "\"lone\":\"\\ud800\"}",
                "{\"id\":\"r6\",\"l\":[[],{},[{}],[[[1]]],\"\",0,true,false,null],"
                        + "\"nested\":{\"deeper\":{\"list\":[{\"k\":\"v\"},[null,{\"n\":-0.5}]]}}}");
        IndexedDbStore store = open();
        try {
            for (String text : texts) {
                Map<String, Object> fromJava = (Map<String, Object>) Json.parse(text);
                Map<String, Object> fromView = (Map<String, Object>) NativeJson.parse(text);
                String id = (String) fromJava.get("id");
                fromView.put("id", id + "-view");
                store.write(tx -> {
                    tx.insert(Todo.DEFINITION, fromJava);
                    tx.insert(Todo.DEFINITION, fromView);
                    return null;
                });
                for (String readId : Arrays.asList(id, id + "-view")) {
                    Map<String, Object> read = store.read(tx -> tx.findById(Todo.DEFINITION, readId));
                    Map<String, Object> expected = (Map<String, Object>) Json.parse(text);
                    expected.put("id", readId);
                    expect(expected.equals(read), text + " is read back as parsed: " + Json.write(read));
                    List<String> keys = new ArrayList<>(read.keySet());
                    List<String> declared = new ArrayList<>();
                    for (String name : Arrays.asList("id", "title", "completed", "created")) {
                        if (read.containsKey(name)) {
                            declared.add(name);
                        }
                    }
                    expect(keys.subList(0, declared.size()).equals(declared),
                            "declared properties come first, in declaration order: " + keys);
                    read.put("added", "by the caller");
                    expect(read.get("added").equals("by the caller"), "the record read is the caller's to change");
                }
            }
            Map<String, Object> zero = todo("r7", "zero");
            zero.put("negative", -0.0);
            zero.put("list", Arrays.asList(-0.0, Double.NaN, Double.POSITIVE_INFINITY));
            store.write(tx -> {
                tx.insert(Todo.DEFINITION, zero);
                return null;
            });
            Map<String, Object> read = store.read(tx -> tx.findById(Todo.DEFINITION, "r7"));
            Object negative = read.get("negative");
            expect(negative instanceof Double && 1 / (Double) negative > 0, "-0 is read back as 0: " + negative);
            expect(Arrays.asList(0.0, null, null).equals(read.get("list"))
                    && 1 / (Double) ((List<Object>) read.get("list")).get(0) > 0,
                    "in a list, -0 as 0 and non-finite numbers as null, as JSON has them: " + read.get("list"));
        } finally {
            store.close();
        }
    }

    /**
     * DESIGN.md "Running where there is no blocking": UI callbacks keep firing between the requests of a long
     * write, and a second thread started from a UI callback writes at the same time; IndexedDB must run both
     * transactions whole, and neither may end early because the other thread ran in between.
     */
    private static void writesStayWholeWhileTheUiAndAnotherThreadRun() {
        IndexedDbStore store = open();
        try {
            LocalReplica todos = new LocalReplica(store, Todo.DEFINITION);
            int timer = startUiTicks();
            Thread other = new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    todos.create(todo("other-" + i, "x"));
                }
            });
            startFromUiCallback(other::start);
            for (int i = 0; i < 50; i++) {
                todos.create(todo("mine-" + i, "y"));
            }
            List<Map<String, Object>> batch = new ArrayList<>();
            store.write(tx -> {
                for (int i = 0; i < 100; i++) {
                    batch.add(Todo.DEFINITION.newRecord(todo("batch-" + i, "z")));
                    tx.insert(Todo.DEFINITION, batch.get(i));
                }
                return null;
            });
            try {
                other.join();
            } catch (InterruptedException e) {
                throw new AssertionError("interrupted", e);
            }
            stopUiTicks(timer);
            long records = todos.count(Where.ALL);
            if (records != 200) {
                throw new AssertionError("expected 200 records, found " + records);
            }
            if (todos.countChanges() != 100) {
                throw new AssertionError("expected 100 change rows, found " + todos.countChanges());
            }
        } finally {
            store.close();
        }
    }

    private static void reopeningKeepsDataAndIdentity() {
        String name = ChecksPage.freshName("idb-reopen");
        IndexedDbStore first = IndexedDbStore.open(name, Arrays.asList(Todo.DEFINITION));
        new LocalReplica(first, Todo.DEFINITION).create(todo("t1", "a"));
        String sourceId = first.sourceId();
        first.close();
        // a later version of the app adds a model: the database gains its stores and keeps the data
        IndexedDbStore second = IndexedDbStore.open(name, MODELS);
        try {
            expect(sourceId.equals(second.sourceId()), "the source id survives reopening");
            Map<String, Object> t1 = new LocalReplica(second, Todo.DEFINITION).findById("t1");
            expect(t1 != null && "a".equals(t1.get("title")), "the record survives reopening: " + t1);
            Map<String, Object> note = new LinkedHashMap<>();
            note.put("id", "n1");
            note.put("body", "x");
            new LocalReplica(second, Note.DEFINITION).create(note);
            expect(new LocalReplica(second, Note.DEFINITION).findById("n1") != null, "the added model works");
        } finally {
            second.close();
        }
    }

    /**
     * Reading many ids at once: a few are read id by id; of more, the store counts the records between the
     * smallest and the largest id, and reads nothing when there are none, lists their ids when there are at most
     * twice as many (then reading the range whole when the present ids are at least half of it, else the present
     * ids one by one), and reads id by id otherwise. Every way gives each present id its record and leaves out the missing
     * ones, duplicates and ids outside the store included.
     */
    private static void manyKeysAreReadRightWhetherTheirRangeIsReadWholeOrKeyByKey() {
        IndexedDbStore store = open();
        try {
            store.write(tx -> {
                for (int i = 0; i < 10; i++) {
                    tx.insert(Todo.DEFINITION, Todo.DEFINITION.newRecord(todo("k0" + i, "title " + i)));
                }
                for (int i = 0; i < 300; i++) {
                    tx.insert(Todo.DEFINITION, Todo.DEFINITION.newRecord(todo("m" + (100 + i), "other " + i)));
                }
                return null;
            });
            expect(titles(store, Arrays.asList("k05", "k01", "k035", "zz", "k03", "k05"))
                    .equals(Arrays.asList("title 1", "title 3", "title 5")), "a few ids, one by one");
            List<String> many = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            for (int i = 9; i >= 0; i--) {
                many.add("k0" + i);
                many.add("k0" + i + "x");
                expected.add(0, "title " + i);
            }
            // [k00, k09x]: 10 records, 10 of 20 ids present: the range read whole
            expect(titles(store, many).equals(expected), "a range read whole");
            // [k00, m109]: 20 records, 2 of 20 ids present: the present ones read one by one
            List<String> sparse = new ArrayList<>(Arrays.asList("k00", "m109"));
            for (int i = 0; i < 18; i++) {
                sparse.add("k00" + i);
            }
            expect(titles(store, sparse).equals(Arrays.asList("other 9", "title 0")), "present ids, one by one");
            // [a0, a19]: nothing in the range
            List<String> absent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                absent.add("a" + i);
            }
            expect(titles(store, absent).isEmpty(), "a range with nothing in it");
            // [k00, m399]: 310 records for 20 ids, read id by id
            List<String> wide = new ArrayList<>(Arrays.asList("m399", "k00"));
            for (int i = 0; i < 18; i++) {
                wide.add("l" + i);
            }
            expect(titles(store, wide).equals(Arrays.asList("other 299", "title 0")), "ids read one by one");
            expect(titles(store, Arrays.asList("k07")).equals(Arrays.asList("title 7")), "one id");
        } finally {
            store.close();
        }
    }

    /**
     * A database written by the earlier layout (per model, records and change rows in two object stores, the rows
     * indexed on [checkpoint, modelId]) opens with every record, change row (rev, the three states of prev,
     * checkpoint, echo), tombstone, metadata and the store's identity, in the order its change rows had, and
     * without the old object stores.
     */
    private static void aDatabaseOfTheEarlierLayoutIsMovedIntoEntriesWithNothingLost() {
        String name = ChecksPage.freshName("idb-earlier");
        createDatabase(name, earlierLayout());
        IndexedDbStore store = IndexedDbStore.open(name, Arrays.asList(Todo.DEFINITION));
        try {
            LocalReplica todos = new LocalReplica(store, Todo.DEFINITION);
            expect("earlier-source".equals(store.sourceId()), "the identity is kept: " + store.sourceId());
            expect("a".equals(todos.findById("t1").get("title")) && "b".equals(todos.findById("t2").get("title"))
                    && "c".equals(todos.findById("t3").get("title")), "the records are kept");
            expect(todos.count(Where.ALL) == 3 && todos.countChanges() == 3, "3 records and 3 change rows, found "
                    + todos.count(Where.ALL) + " and " + todos.countChanges());
            Change t1 = todos.findLastChange("t1");
            expect("r1".equals(t1.rev()) && !t1.hasPrev() && t1.checkpoint() == 2 && !t1.isEcho(), "t1's row: " + t1);
            Change t2 = todos.findLastChange("t2");
            expect("r2".equals(t2.rev()) && "r0".equals(t2.prev()) && t2.checkpoint() == 3 && t2.isEcho(),
                    "t2's row: " + t2);
            Change gone = todos.findLastChange("gone");
            expect(gone.rev() == null && "rx".equals(gone.prev()) && gone.checkpoint() == 4, "the tombstone: " + gone);
            List<String> listed = new ArrayList<>();
            for (Change c : todos.changes(0, Filter.ALL)) {
                listed.add(c.modelId() + "@" + c.checkpoint());
            }
            expect(listed.equals(Arrays.asList("t1@2", "t2@3", "gone@4")), "the rows in checkpoint order: " + listed);
            expect("v".equals(store.read(tx -> tx.getMeta("k"))), "the metadata is kept");
            expect(!hasObjectStore(name, "records/Todo") && !hasObjectStore(name, "changes/Todo"),
                    "the old object stores are gone");
        } finally {
            store.close();
        }
    }

    /**
     * A database whose entry stores take each entry's key from the entry ({@code modelId} as key path), as the store
     * made them before it gave every put its key, opens and works as a new one: its records, change rows and log
     * are read, and a create, an update and a delete are written and read back after reopening. The store keeps
     * its key path; a database made now has none.
     */
    private static void aDatabaseWhoseEntriesCarryTheirKeysWorksAsANewOne() {
        String name = ChecksPage.freshName("idb-keyed");
        createDatabase(name, keyedEntriesLayout());
        IndexedDbStore store = IndexedDbStore.open(name, Arrays.asList(Todo.DEFINITION));
        try {
            LocalReplica todos = new LocalReplica(store, Todo.DEFINITION);
            expect("keyed-source".equals(store.sourceId()), "the identity is kept: " + store.sourceId());
            expect("a".equals(todos.findById("t1").get("title")) && "b".equals(todos.findById("t2").get("title")),
                    "the records are read");
            expect(changeRows(store).equals(Arrays.asList("t1@2@r1", "t2@3@r2")), "the change rows in checkpoint "
                    + "order: " + changeRows(store));
            todos.create(todo("t3", "c"));
            Map<String, Object> rename = new LinkedHashMap<>();
            rename.put("title", "a2");
            todos.patchById("t1", rename);
            expect(todos.deleteById("t2"), "t2 is deleted");
        } finally {
            store.close();
        }
        store = IndexedDbStore.open(name, Arrays.asList(Todo.DEFINITION));
        try {
            LocalReplica todos = new LocalReplica(store, Todo.DEFINITION);
            expect("a2".equals(todos.findById("t1").get("title")) && todos.findById("t2") == null
                    && "c".equals(todos.findById("t3").get("title")), "the writes are read back after reopening");
            Change t1 = todos.findLastChange("t1");
            expect("r1".equals(t1.prev()) && !"r1".equals(t1.rev()), "t1's row follows its update: " + t1);
            Change t2 = todos.findLastChange("t2");
            expect(t2.rev() == null && "r2".equals(t2.prev()), "t2's row is a tombstone: " + t2);
            expect(todos.count(Where.ALL) == 2 && todos.countChanges() == 3, "2 records and 3 change rows, found "
                    + todos.count(Where.ALL) + " and " + todos.countChanges());
        } finally {
            store.close();
        }
        expect("modelId".equals(keyPath(name, "entries/Todo")), "the entries keep their key path: "
                + keyPath(name, "entries/Todo"));
        String fresh = ChecksPage.freshName("idb-fresh");
        IndexedDbStore.open(fresh, Arrays.asList(Todo.DEFINITION)).close();
        expect("null".equals(keyPath(fresh, "entries/Todo")), "a new database's entries have no key path: "
                + keyPath(fresh, "entries/Todo"));
    }

    /**
     * An instance whose change row was written at many checkpoints is listed once, at its latest; once stale
     * pairs outnumber the live ones, reopening rebuilds the log with one pair per change row.
     */
    private static void theChangeLogListsEachInstanceOnceAndIsCompactedWhenMostlyStale() {
        String name = ChecksPage.freshName("idb-log");
        IndexedDbStore store = IndexedDbStore.open(name, Arrays.asList(Todo.DEFINITION));
        LocalReplica todos = new LocalReplica(store, Todo.DEFINITION);
        todos.create(todo("kept", "k"));
        todos.create(todo("moved", "m"));
        // the row of "moved" written at checkpoints 1500 down to 1: only the last write is live
        store.write(tx -> {
            for (long checkpoint = 1500; checkpoint >= 1; checkpoint--) {
                tx.saveChange(Todo.DEFINITION, Change.of("Todo", "moved", "r" + checkpoint, checkpoint));
            }
            return null;
        });
        store.bumpCheckpoint();
        List<String> listed = changeRows(store);
        expect(listed.equals(Arrays.asList("kept@1@" + todos.findLastChange("kept").rev(), "moved@1@r1")),
                "each instance once, at its latest: " + listed);
        // a pair for each create, and one per checkpoint of the 1,500 writes
        expect(logPairs(name, "log/Todo") == 1502, "the log holds a pair per checkpoint written, found "
                + logPairs(name, "log/Todo"));
        store.close();
        expectCompactedWhenReopened(name, listed);
    }

    /**
     * Stale pairs held in a few large log objects, as when every todo is rewritten by a few big transactions, are
     * compacted at the next open as surely as stale pairs in many small ones: the pairs are counted as they are
     * written, not guessed from the number of objects.
     */
    private static void theChangeLogIsCompactedByItsCountOfPairsHoweverFewItsObjects() {
        String name = ChecksPage.freshName("idb-log-few");
        IndexedDbStore store = IndexedDbStore.open(name, Arrays.asList(Todo.DEFINITION));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            ids.add("todo-" + i);
        }
        // six transactions, each writing the change rows of all 500 at its own checkpoint (the first writes their
        // records too): six log objects
        for (int round = 1; round <= 6; round++) {
            String rev = "r" + round;
            boolean first = round == 1;
            store.write(tx -> {
                for (String id : ids) {
                    if (first) {
                        tx.insert(Todo.DEFINITION, todo(id, "t"));
                    }
                    tx.saveChange(Todo.DEFINITION, Change.of("Todo", id, rev, tx.currentCheckpoint()));
                }
                return null;
            });
            store.bumpCheckpoint();
        }
        List<String> listed = changeRows(store);
        expect(listed.size() == 500 && listed.get(0).equals("todo-0@6@r6"),
                "each instance once, at its latest: " + listed.size() + " rows, the first "
                        + (listed.isEmpty() ? "none" : listed.get(0)));
        expect(logPairs(name, "log/Todo") == 3000, "the log holds 500 pairs per transaction, found "
                + logPairs(name, "log/Todo"));
        store.close();
        expectCompactedWhenReopened(name, listed);
    }

    /**
     * Reopens the closed store {@code name}, which compacts its todos' change log, and expects one pair per change
     * row afterwards and the same rows {@code listed} before.
     */
    private static void expectCompactedWhenReopened(String name, List<String> listed) {
        IndexedDbStore reopened = IndexedDbStore.open(name, Arrays.asList(Todo.DEFINITION));
        try {
            expect(logPairs(name, "log/Todo") == listed.size(), "one pair per change row after compaction, found "
                    + logPairs(name, "log/Todo"));
            List<String> after = changeRows(reopened);
            expect(after.equals(listed), "the same rows after compaction: " + after.size() + " rows, the first "
                    + (after.isEmpty() ? "none" : after.get(0)));
        } finally {
            reopened.close();
        }
    }

    /**
     * A transaction writing more entries than it keeps back puts the first ones while it goes on: entries written
     * again, emptied, or written anew after they were put must still end as the transaction's last write left them,
     * and its reads must see its own writes.
     */
    /**
     * A bulk update checks each item just before applying it, and the transaction puts its entries as it goes: an
     * invalid item after a thousand valid ones comes when hundreds are put already. The batch must still write
     * nothing at all, and the store must take the next batch as if the failed one had never run.
     */
    private static void aBatchWithAnInvalidItemAfterHundredsPutWritesNothing() {
        IndexedDbStore store = open();
        try {
            LocalReplica todos = new LocalReplica(store, Todo.DEFINITION);
            long checkpoint = store.read(tx -> tx.currentCheckpoint());
            List<Update> updates = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                updates.add(createOf("batch-" + (1000 + i), "valid " + i));
            }
            Map<String, Object> bad = todo("batch-bad", "not a todo");
            bad.put("completed", "yes");
            updates.add(new Update(ChangeType.CREATE,
                    Change.of("Todo", "batch-bad", "r-bad", 1L), bad));
            try {
                todos.bulkUpdate(updates);
                throw new AssertionError("a batch with an invalid item must fail");
            } catch (SyncException e) {
                expect(e.statusCode() == 422 && e.getMessage().contains("batch-bad"),
                        "the batch fails naming the invalid item: " + e.getMessage());
            }
            expect(todos.count(Where.ALL) == 0, "no todo written, found " + todos.count(Where.ALL));
            expect(todos.countChanges() == 0, "no change row written, found " + todos.countChanges());
            expect(store.read(tx -> tx.currentCheckpoint()) == checkpoint, "the checkpoint did not move");
            expect(todos.bulkUpdate(updates.subList(0, 1000)).isEmpty() && todos.count(Where.ALL) == 1000,
                    "the valid items go through afterwards");
        } finally {
            store.close();
        }
    }

    /** A create of a todo as pulled from elsewhere. */
    private static Update createOf(String id, String title) {
        Map<String, Object> data = todo(id, title);
        return new Update(ChangeType.CREATE,
                Change.of("Todo", id, Todo.DEFINITION.revisionOf(Todo.DEFINITION.newRecord(data)), 1L), data);
    }

    private static void entriesPutBeforeTheTransactionEndsEndAsItsLastWriteLeftThem() {
        String name = ChecksPage.freshName("idb-put-ahead");
        IndexedDbStore store = IndexedDbStore.open(name, Arrays.asList(Todo.DEFINITION));
        try {
            String seen = store.write(tx -> {
                long checkpoint = tx.currentCheckpoint();
                for (int i = 0; i < 1000; i++) {
                    String id = "todo-" + (1000 + i);
                    tx.insert(Todo.DEFINITION, todo(id, "first " + i));
                    tx.saveChange(Todo.DEFINITION, Change.of("Todo", id, "r" + i, checkpoint));
                }
                // long put by now: written again, emptied, emptied and written anew
                tx.update(Todo.DEFINITION, todo("todo-1000", "second"));
                tx.saveChange(Todo.DEFINITION, Change.of("Todo", "todo-1000", "again", checkpoint));
                tx.delete(Todo.DEFINITION, "todo-1001");
                tx.removeChange(Todo.DEFINITION, "todo-1001");
                tx.delete(Todo.DEFINITION, "todo-1002");
                tx.removeChange(Todo.DEFINITION, "todo-1002");
                tx.insert(Todo.DEFINITION, todo("todo-1002", "anew"));
                tx.saveChange(Todo.DEFINITION, Change.of("Todo", "todo-1002", "anew", checkpoint));
                Map<String, Object> first = tx.findById(Todo.DEFINITION, "todo-1000");
                return first.get("title") + " " + tx.findById(Todo.DEFINITION, "todo-1001") + " "
                        + tx.count(Todo.DEFINITION, Where.ALL);
            });
            expect(seen.equals("second null 999"), "the transaction reads its own writes, found " + seen);
            store.bumpCheckpoint();
        } finally {
            store.close();
        }
        IndexedDbStore reopened = IndexedDbStore.open(name, Arrays.asList(Todo.DEFINITION));
        try {
            LocalReplica todos = new LocalReplica(reopened, Todo.DEFINITION);
            expect(todos.count(Where.ALL) == 999, "999 todos after the commit, found " + todos.count(Where.ALL));
            expect("second".equals(todos.findById("todo-1000").get("title")), "the todo written again has its "
                    + "second title: " + todos.findById("todo-1000"));
            expect(todos.findById("todo-1001") == null && todos.findLastChange("todo-1001") == null,
                    "the emptied todo is gone, change row and all");
            expect("anew".equals(todos.findById("todo-1002").get("title"))
                    && "anew".equals(todos.findLastChange("todo-1002").rev()), "the todo written anew is there");
            expect("r999".equals(todos.findLastChange("todo-1999").rev()), "the last todo's change row is there");
            List<String> rows = changeRows(reopened);
            expect(rows.size() == 999 && new java.util.HashSet<>(rows).size() == 999,
                    "each of the 999 change rows listed once, found " + rows.size());
        } finally {
            reopened.close();
        }
    }

    /** The store's change rows of todos as {@code id@checkpoint@rev}, in the order {@code changes()} lists them. */
    private static List<String> changeRows(IndexedDbStore store) {
        List<String> rows = new ArrayList<>();
        for (Change c : new LocalReplica(store, Todo.DEFINITION).changes(0, Filter.ALL)) {
            rows.add(c.modelId() + "@" + c.checkpoint() + "@" + c.rev());
        }
        return rows;
    }

    /** Creates database {@code name} at version 1, {@code layout(db)} making its stores and rows, by plain calls. */
    @Async
    private static native JSObject createDatabase(String name, JSObject layout);

    private static void createDatabase(String name, JSObject layout, AsyncCallback<JSObject> callback) {
        writeDatabase(name, layout, () -> callback.complete(null));
    }

    @JSBody(params = {"name", "layout", "done"}, script = ""
            + "var open = indexedDB.open(name, 1);"
            + "open.onupgradeneeded = function() { layout(open.result); };"
            + "open.onsuccess = function() { open.result.close(); done(); };")
    private static native void writeDatabase(String name, JSObject layout, UiCallback done);

    /** The earlier layout, for {@link #createDatabase}: records and change rows in two object stores per model. */
    @JSBody(script = "return function(db) {"
            + "  db.createObjectStore('checkpoint', {keyPath: 'id'}).put({id: 'checkpoint', seq: 5,"
            + "    time: '2026-01-01T00:00:00.000Z', sourceId: 'earlier-source'});"
            + "  db.createObjectStore('meta', {keyPath: 'key'}).put({key: 'k', value: 'v'});"
            + "  var records = db.createObjectStore('records/Todo', {keyPath: 'id'});"
            + "  [['t1', 'a'], ['t2', 'b'], ['t3', 'c']].forEach(function(r) {"
            + "    records.put({id: r[0], title: r[1], completed: false}); });"
            + "  var changes = db.createObjectStore('changes/Todo', {keyPath: 'modelId'});"
            + "  changes.createIndex('byCheckpoint', ['checkpoint', 'modelId'], {unique: false});"
            + "  changes.put({modelId: 't1', modelName: 'Todo', rev: 'r1', checkpoint: 2, echo: false});"
            + "  changes.put({modelId: 't2', modelName: 'Todo', rev: 'r2', prev: 'r0', checkpoint: 3, echo: true});"
            + "  changes.put({modelId: 'gone', modelName: 'Todo', rev: null, prev: 'rx', checkpoint: 4, echo: false}); };")
    private static native JSObject earlierLayout();

    /**
     * The store's layout before entries were put with their keys, for {@link #createDatabase}: the entry stores take
     * the key from {@code modelId}; two todos, at checkpoints 2 and 3, with their log and its count of pairs.
     */
    @JSBody(script = "return function(db) {"
            + "  db.createObjectStore('checkpoint', {keyPath: 'id'}).put({id: 'checkpoint', seq: 5,"
            + "    time: '2026-01-01T00:00:00.000Z', sourceId: 'keyed-source', logPairs: {Todo: 2}});"
            + "  db.createObjectStore('meta', {keyPath: 'key'});"
            + "  var entries = db.createObjectStore('entries/Todo', {keyPath: 'modelId'});"
            + "  entries.put({modelId: 't1', record: {id: 't1', title: 'a', completed: false},"
            + "    change: {rev: 'r1', checkpoint: 2, echo: false}});"
            + "  entries.put({modelId: 't2', record: {id: 't2', title: 'b', completed: false},"
            + "    change: {rev: 'r2', checkpoint: 3, echo: true}});"
            + "  var log = db.createObjectStore('log/Todo', {autoIncrement: true});"
            + "  log.createIndex('byCheckpoint', 'checkpoint', {unique: false});"
            + "  log.put({checkpoint: 2, ids: ['t1']}); log.put({checkpoint: 3, ids: ['t2']}); };")
    private static native JSObject keyedEntriesLayout();

    /**
     * What {@code read(db, done)} hands {@code done}, as text, from database {@code name}, opened and closed by plain
     * IndexedDB calls.
     */
    @Async
    private static native String readDatabase(String name, JSObject read);

    private static void readDatabase(String name, JSObject read, AsyncCallback<String> callback) {
        openAndRead(name, read, text -> callback.complete(text));
    }

    @JSBody(params = {"name", "read", "done"}, script = ""
            + "var open = indexedDB.open(name);"
            + "open.onsuccess = function() { var db = open.result;"
            + "  read(db, function(value) { db.close(); done(String(value)); }); };")
    private static native void openAndRead(String name, JSObject read, StringCallback done);

    /** A JavaScript function handed a string. */
    @JSFunctor
    interface StringCallback extends JSObject {
        void done(String value);
    }

    /** The key path of an object store, {@code "null"} for none. */
    private static String keyPath(String name, String store) {
        return readDatabase(name, keyPathOf(store));
    }

    @JSBody(params = "store", script = "return function(db, done) {"
            + "  done(db.transaction([store], 'readonly').objectStore(store).keyPath); };")
    private static native JSObject keyPathOf(String store);

    /** Whether database {@code name} has an object store {@code store}. */
    private static boolean hasObjectStore(String name, String store) {
        return "true".equals(readDatabase(name, storeNamed(store)));
    }

    @JSBody(params = "store", script = "return function(db, done) { done(db.objectStoreNames.contains(store)); };")
    private static native JSObject storeNamed(String store);

    /** How many (checkpoint, id) pairs a change log holds. */
    private static int logPairs(String name, String store) {
        return Integer.parseInt(readDatabase(name, pairsIn(store)));
    }

    @JSBody(params = "store", script = "return function(db, done) {"
            + "  var all = db.transaction([store], 'readonly').objectStore(store).getAll();"
            + "  all.onsuccess = function() { var n = 0;"
            + "    all.result.forEach(function(log) { n += log.ids.length; }); done(n); }; };")
    private static native JSObject pairsIn(String store);

    /** The titles of what {@code findByIds} finds, sorted. */
    private static List<String> titles(IndexedDbStore store, List<String> ids) {
        List<String> out = store.read(tx -> {
            List<String> found = new ArrayList<>();
            for (Map<String, Object> r : tx.findByIds(Todo.DEFINITION, ids)) {
                found.add((String) r.get("title"));
            }
            return found;
        });
        java.util.Collections.sort(out);
        return out;
    }

    /**
     * A put that fails with QuotaExceededError, as IndexedDB reports a full disk, surfaces as STORAGE_FULL (507),
     * and the record's transaction leaves nothing behind. The error is made by {@link #failPutsOfTitle}, since
     * Chromium's quota override (CDP {@code Storage.overrideQuotaForOrigin}) did not limit IndexedDB here.
     */
    private static void aQuotaErrorIsStorageFullAndWritesNothing() {
        IndexedDbStore store = open();
        try {
            LocalReplica todos = new LocalReplica(store, Todo.DEFINITION);
            todos.create(todo("small", "fits"));
            failPutsOfTitle("over the quota");
            try {
                todos.create(todo("big", "over the quota"));
                throw new AssertionError("a write over the quota succeeded");
            } catch (SyncException e) {
                expect("STORAGE_FULL".equals(e.code()) && e.statusCode() == 507,
                        "expected STORAGE_FULL (507), got " + e.code() + " (" + e.statusCode() + "): " + e.getMessage());
            } finally {
                restorePuts();
            }
            expect(todos.findById("big") == null, "no record may be written");
            expect(todos.findLastChange("big") == null, "no change row may be written");
            expect(todos.findById("small") != null, "what was written before stays");
            expect(todos.countChanges() == 1, "one change row, found " + todos.countChanges());
        } finally {
            store.close();
        }
    }

    /**
     * Makes IndexedDB's {@code put} of a record with that title fail as a full disk does: the request errs with
     * QuotaExceededError and the transaction aborts. A real request of the same transaction keeps it alive until
     * then, so it cannot commit what came before the put.
     */
    @JSBody(params = "title", script = ""
            + "var proto = IDBObjectStore.prototype, realPut = proto.put;"
            + "window.restoreIdbPut = function() { proto.put = realPut; };"
            + "proto.put = function(value) {"
            + "  if (!value || !value.record || value.record.title !== title) {"
            + "    return realPut.apply(this, arguments); }"
            + "  var tx = this.transaction;"
            + "  var request = {result: undefined, onsuccess: null, onerror: null,"
            + "    error: new DOMException('simulated: the disk is full', 'QuotaExceededError')};"
            + "  this.count().onsuccess = function() {"
            + "    try { tx.abort(); } catch (e) { }"
            + "    if (request.onerror) { request.onerror(); }"
            + "  };"
            + "  return request;"
            + "};")
    private static native void failPutsOfTitle(String title);

    @JSBody(script = "window.restoreIdbPut();")
    private static native void restorePuts();

    private static void expect(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    /** Plays the UI: a timer firing as often as the browser lets it, in plain JavaScript. */
    @JSBody(script = "window.uiTicks = 0; return setInterval(function() { window.uiTicks++; }, 0);")
    private static native int startUiTicks();

    @JSBody(params = "timer", script = "clearInterval(timer);")
    private static native void stopUiTicks(int timer);

    /** Runs {@code action} later from a plain JS timer callback, as a click handler would. */
    @JSBody(params = "action", script = "setTimeout(function() { action(); }, 0);")
    private static native void startFromUiCallback(UiCallback action);

    /** A JavaScript function the page's "UI" calls. */
    @JSFunctor
    interface UiCallback extends JSObject {
        void run();
    }
}
