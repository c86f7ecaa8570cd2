package dev.isosync.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.change.Change;
import dev.isosync.change.Checkpoint;
import dev.isosync.memory.MemoryStore;
import dev.isosync.model.ModelDefinition;
import dev.isosync.model.Property;
import dev.isosync.model.PropertyType;
import dev.isosync.query.Filter;
import dev.isosync.query.Where;
import dev.isosync.store.ChangeCursor;
import dev.isosync.store.Store;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JDBC store's primitives against one real database; a subclass per database gives the URL. Every test
 * uses its own randomly prefixed tables and drops them. An unreachable database fails the test: it never
 * skips (DESIGN.md, Tests).
 */
abstract class JdbcStoreTestBase {
    /** Every column type, plus names that are SQL keywords or need quoting. */
    static final ModelDefinition ITEM = ModelDefinition.builder("Item")
            .property(Property.of("title", PropertyType.STRING))
            .property(Property.of("n", PropertyType.NUMBER))
            .property(Property.of("done", PropertyType.BOOLEAN))
            .property(Property.of("due", PropertyType.DATE))
            .property(Property.of("obj", PropertyType.OBJECT))
            .property(Property.of("tags", PropertyType.ARRAY))
            .property(Property.of("extra", PropertyType.ANY))
            .property(Property.of("select", PropertyType.STRING))
            .property(Property.of("it's \"q\"", PropertyType.STRING))
            .property(Property.of("secret", PropertyType.STRING).hidden())
            .build();
    /** A second model, to show that models keep to their own tables. */
    static final ModelDefinition NOTE = ModelDefinition.builder("Note")
            .property(Property.of("text", PropertyType.STRING))
            .build();

    JdbcStore store;
    String prefix;
    private final List<JdbcStore> extraStores = new ArrayList<>();

    /** The database under test, with user and password in the URL. */
    abstract String url();

    /**
     * Whether a write that asks for the checkpoint lock while a bump waits for it is served after the bump.
     * PostgreSQL's and InnoDB's lock queues do that; H2 wakes its waiters in no set order, so the write may
     * go first (still correct: the bump then waits for it too).
     */
    boolean queuesWritesBehindWaitingBump() {
        return true;
    }

    /** Whether text is ordered as {@link String#compareTo} orders it (else by code point). */
    boolean ordersTextByCodeUnit() {
        return false;
    }

    @BeforeEach
    void openStore() {
        prefix = randomPrefix();
        store = JdbcStore.open(url(), List.of(ITEM, NOTE), prefix);
    }

    @AfterEach
    void dropStore() {
        for (JdbcStore s : extraStores) {
            s.dropAll();
            s.close();
        }
        if (store != null) {
            store.dropAll();
            store.close();
        }
    }

    static String randomPrefix() {
        return "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
    }

    /** Another store on the same database, dropped after the test. */
    JdbcStore openExtra(List<ModelDefinition> models, String tablePrefix) {
        JdbcStore s = JdbcStore.open(url(), models, tablePrefix);
        extraStores.add(s);
        return s;
    }

    // ---- records --------------------------------------------------------------------------------------

    static Map<String, Object> item(String id) {
        Map<String, Object> r = new LinkedHashMap<>();
        for (Property p : ITEM.properties()) {
            r.put(p.name(), null);
        }
        r.put("id", id);
        return r;
    }

    static Map<String, Object> item(String id, Object... pairs) {
        Map<String, Object> r = item(id);
        for (int i = 0; i < pairs.length; i += 2) {
            assertTrue(r.containsKey((String) pairs[i]), "undeclared " + pairs[i]);
            r.put((String) pairs[i], pairs[i + 1]);
        }
        return r;
    }

    static Map<String, Object> obj(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    void insert(Map<String, Object> record) {
        store.write(tx -> {
            tx.insert(ITEM, record);
            return null;
        });
    }

    long current() {
        return store.<Long>read(tx -> tx.currentCheckpoint());
    }

    Map<String, Object> load(String id) {
        return store.read(tx -> tx.findById(ITEM, id));
    }

    @Test
    void trickyValuesRoundTripExactly() {
        List<Map<String, Object>> records = List.of(
                item("strings", "title", "😀 𝄞 é \u2028 \u00ad \u007f", "select", "O'Brien",
                        "it's \"q\"", "'; DROP TABLE x; --", "secret", "back\\slash \"dq\" `bt` \n\t\r"),
                item("numbers-max", "n", Double.MAX_VALUE, "extra", -Double.MAX_VALUE),
                item("numbers-min", "n", Double.MIN_VALUE, "extra", 1e-7),
                item("numbers-js", "n", 0.1 + 0.2, "extra", 1e21),
                item("numbers-big", "n", 12345678901234567890.0, "extra", -1.5),
                item("numbers-pi", "n", Math.PI, "extra", 100.0),
                item("bools", "done", true, "extra", false),
                item("bools-false", "done", false, "extra", true),
                item("date", "due", "2020-01-02T03:04:05.006Z", "extra", "2020-01-02T03:04:05.006Z"),
                item("nested", "obj", obj("a", obj("b", null, "y", List.of(1.0, 2.0)), "z", 1.0, "😀", "é"),
                        "tags", Arrays.asList("b", null, obj("k", List.of()), 2.5, true),
                        "extra", obj("deep", List.of(List.of(List.of(obj()))))),
                item("empty", "title", "", "obj", obj(), "tags", List.of(), "extra", ""),
                item("nulls"));
        for (Map<String, Object> r : records) {
            insert(r);
        }
        for (Map<String, Object> r : records) {
            Map<String, Object> back = load((String) r.get("id"));
            assertEquals(r, back);
            // every property present, in declaration order, numbers as Double, objects as ordered maps
            assertEquals(new ArrayList<>(r.keySet()), new ArrayList<>(back.keySet()));
            assertInstanceOf(LinkedHashMap.class, back);
            assertEquals(ITEM.revisionOf(r), ITEM.revisionOf(back));
        }
        assertInstanceOf(Double.class, load("numbers-pi").get("n"));
        assertInstanceOf(Boolean.class, load("bools").get("done"));
        assertInstanceOf(LinkedHashMap.class, load("nested").get("obj"));
    }

    @Test
    void negativeZeroReadsBackAsZeroWithTheSameRevision() {
        // H2 and MariaDB store -0.0 as 0.0; either sign is the same JavaScript number and the same rev
        Map<String, Object> r = item("z", "n", -0.0);
        insert(r);
        Map<String, Object> back = load("z");
        assertEquals(0.0, (Double) back.get("n"), 0.0);
        assertEquals(ITEM.revisionOf(r), ITEM.revisionOf(back));
    }

    @Test
    void idsAreComparedByteForByte() {
        List<String> ids = List.of("a", "A", "a ", " a", "ä", "a\u0308", "😀", "O'Brien", "'; DROP TABLE x; --",
                "\"", "\\", "%", "_", "x".repeat(255));
        for (String id : ids) {
            insert(item(id, "title", "title of " + id));
        }
        for (String id : ids) {
            assertEquals("title of " + id, load(id).get("title"), id);
        }
        assertNull(load("b"));
        assertNull(load("a  "));
        List<String> sorted = new ArrayList<>(ids);
        Collections.sort(sorted);
        assertEquals(sorted, ids(store.read(tx -> tx.find(ITEM, Filter.ALL))));
        assertEquals(Set.of("a", "A", "😀"),
                new HashSet<>(ids(store.read(tx -> tx.findByIds(ITEM, List.of("a", "A", "😀", "nope", "a"))))));
    }

    /**
     * Known limit, recorded: PostgreSQL ("C") and MariaDB (binary) order text by code point, Java and the memory
     * store by UTF-16 code unit. The two orders differ only between U+E000..U+FFFF and characters above U+FFFF
     * (written as surrogate pairs, D800..DFFF). Each store pages consistently with its own order.
     */
    @Test
    void textOrderAboveTheSurrogatesIsTheDatabases() {
        insert(item("\uFFFD", "title", "\uFFFD"));
        insert(item("😀", "title", "😀"));
        List<String> byCodeUnit = List.of("😀", "\uFFFD");
        List<String> byCodePoint = List.of("\uFFFD", "😀");
        List<String> expected = ordersTextByCodeUnit() ? byCodeUnit : byCodePoint;
        assertEquals(expected, ids(store.read(tx -> tx.find(ITEM, Filter.ALL))));
        assertEquals(expected, ids(find("{\"order\":\"title\"}")));
        assertEquals(expected.subList(1, 2), ids(find("{\"where\":{\"title\":{\"gt\":\"" + expected.get(0) + "\"}}}")));
    }

    @Test
    void updateReplacesEveryPropertyAndDeleteSaysWhetherThereWasARecord() {
        insert(item("u", "title", "one", "n", 1.0, "obj", obj("k", "v"), "secret", "s"));
        Map<String, Object> replacement = item("u", "title", "two", "done", false);
        store.write(tx -> {
            tx.update(ITEM, replacement);
            return null;
        });
        assertEquals(replacement, load("u"));
        assertTrue(store.<Boolean>write(tx -> tx.delete(ITEM, "u")));
        assertFalse(store.<Boolean>write(tx -> tx.delete(ITEM, "u")));
        assertNull(load("u"));
    }

    @Test
    void modelsKeepToTheirOwnTables() {
        insert(item("same", "title", "item"));
        store.write(tx -> {
            tx.insert(NOTE, obj("id", "same", "text", "note"));
            tx.saveChange(NOTE, Change.of("Note", "same", "r", 1L));
            return null;
        });
        assertEquals("item", load("same").get("title"));
        assertEquals(obj("id", "same", "text", "note"), store.read(tx -> tx.findById(NOTE, "same")));
        assertNull(store.read(tx -> tx.findChange(ITEM, "same")));
        assertEquals(1L, store.<Long>read(tx -> tx.countChanges(NOTE)));
        ModelDefinition unknown = ModelDefinition.builder("Unknown").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.read(tx -> tx.findById(unknown, "x")));
        assertTrue(e.getMessage().contains("Unknown"), e.getMessage());
    }

    // ---- change rows ----------------------------------------------------------------------------------

    @Test
    void prevKeepsAbsentNullAndARevisionApart() {
        Change absent = Change.of("Item", "absent", "r1", 3L);
        Change nullPrev = Change.of("Item", "null", "r2", 3L).withPrev(null);
        Change revPrev = Change.of("Item", "rev", null, 4L).withPrev("r0").withEcho(true);
        store.write(tx -> {
            tx.saveChange(ITEM, absent);
            tx.saveChange(ITEM, nullPrev);
            tx.saveChange(ITEM, revPrev);
            return null;
        });
        Change a = store.read(tx -> tx.findChange(ITEM, "absent"));
        Change n = store.read(tx -> tx.findChange(ITEM, "null"));
        Change r = store.read(tx -> tx.findChange(ITEM, "rev"));
        assertEquals(absent, a);
        assertFalse(a.hasPrev());
        assertEquals(nullPrev, n);
        assertTrue(n.hasPrev());
        assertNull(n.prev());
        assertEquals(revPrev, r);
        assertTrue(r.isEcho());
        assertEquals("Item", r.modelName());
        assertEquals(Set.of(absent, nullPrev, revPrev),
                new HashSet<>(store.read(tx -> tx.findChanges(ITEM, List.of("absent", "null", "rev", "none")))));

        // saving again replaces the row, including a present prev going back to absent
        Change replaced = nullPrev.withoutPrev().withRev("r3").withCheckpoint(5L);
        store.write(tx -> {
            tx.saveChange(ITEM, replaced);
            tx.removeChange(ITEM, "rev");
            tx.removeChange(ITEM, "never-there");
            return null;
        });
        assertEquals(replaced, store.read(tx -> tx.findChange(ITEM, "null")));
        assertNull(store.read(tx -> tx.findChange(ITEM, "rev")));
        assertEquals(2L, store.<Long>read(tx -> tx.countChanges(ITEM)));
    }

    @Test
    void aChangeWithoutACheckpointIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.write(tx -> {
            tx.saveChange(ITEM, Change.of("Item", "x", "r", null));
            return null;
        }));
        assertTrue(e.getMessage().contains("\"x\""), e.getMessage());
    }

    @Test
    void changesArePagedByCheckpointThenModelId() {
        Random random = new Random(7);
        List<String> idPool = List.of("a", "A", "b", "a ", "ä", "😀", "O'Brien", "z", "0", "_", "%", "aa");
        MemoryStore memory = new MemoryStore();
        List<Change> saved = new ArrayList<>();
        for (String id : idPool) {
            for (int copy = 0; copy < 3; copy++) {
                String modelId = id + "#" + copy;
                saved.add(Change.of("Item", modelId, "r" + random.nextInt(100), (long) 1 + random.nextInt(5)));
            }
        }
        for (Store s : List.<Store>of(store, memory)) {
            s.write(tx -> {
                for (Change c : saved) {
                    tx.saveChange(ITEM, c);
                }
                return null;
            });
        }
        for (long since = 0; since <= 6; since++) {
            for (long before = since; before <= 7; before++) {
                for (int limit : new int[] {1, 4, 100}) {
                    List<Change> expected = pageThrough(memory, since, before, limit);
                    assertEquals(expected, pageThrough(store, since, before, limit),
                            "since " + since + " before " + before + " limit " + limit);
                }
            }
        }
        List<Change> all = pageThrough(store, 0, 100, 5);
        assertEquals(saved.size(), all.size());
        for (int i = 1; i < all.size(); i++) {
            Change p = all.get(i - 1);
            Change c = all.get(i);
            assertTrue(p.checkpoint() < c.checkpoint()
                    || (p.checkpoint().equals(c.checkpoint()) && p.modelId().compareTo(c.modelId()) < 0), p + " " + c);
        }
        // a cursor from before the since bound starts at since
        assertEquals(pageThrough(store, 3, 100, 100),
                store.read(tx -> tx.changes(ITEM, 3, 100, new ChangeCursor(1, "zzz"), 100)));
    }

    static List<Change> pageThrough(Store s, long since, long before, int limit) {
        List<Change> out = new ArrayList<>();
        ChangeCursor cursor = null;
        while (true) {
            ChangeCursor after = cursor;
            List<Change> page = s.read(tx -> tx.changes(ITEM, since, before, after, limit));
            assertTrue(page.size() <= limit);
            out.addAll(page);
            if (page.size() < limit) {
                return out;
            }
            cursor = ChangeCursor.after(page.get(page.size() - 1));
        }
    }

    // ---- filters --------------------------------------------------------------------------------------

    static final List<Object> STRINGS = Arrays.asList(null, "", "a", "A", "b", "a ", "ab", "é", "😀", "O'Brien",
            "z", "'; DROP TABLE x; --");
    static final List<Object> NUMBERS = Arrays.asList(null, -1.5, 0.0, 1.0, 2.5, 1e21, -1e-7, 100.0, 1.0);
    static final List<Object> BOOLEANS = Arrays.asList(null, true, false);
    static final List<Object> DATES = Arrays.asList(null, "2020-01-02T03:04:05.006Z", "2021-06-30T23:59:59.999Z",
            "1999-12-31T00:00:00.000Z");
    static final List<Object> ANYS = Arrays.asList(null, 1.0, -2.0, "a", "b", true, false, "1");

    @Test
    void filtersGiveTheMemoryStoresResults() {
        Random random = new Random(42);
        MemoryStore memory = new MemoryStore();
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Map<String, Object> r = item(String.format("id-%02d", (i * 37) % 60),
                    "title", pick(random, STRINGS), "n", pick(random, NUMBERS), "done", pick(random, BOOLEANS),
                    "due", pick(random, DATES), "extra", pick(random, ANYS), "select", pick(random, STRINGS),
                    "obj", random.nextBoolean() ? null : obj("k", pick(random, NUMBERS)));
            records.add(r);
        }
        for (Store s : List.<Store>of(store, memory)) {
            s.write(tx -> {
                for (Map<String, Object> r : records) {
                    tx.insert(ITEM, r);
                }
                return null;
            });
        }
        int selective = 0;
        int inJava = 0;
        for (int i = 0; i < 600; i++) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("where", randomWhere(random, 0));
            if (random.nextInt(3) == 0) {
                json.put("order", randomOrder(random));
            }
            if (random.nextInt(4) == 0) {
                json.put("limit", (double) random.nextInt(10));
            }
            if (random.nextInt(4) == 0) {
                json.put("skip", (double) random.nextInt(10));
            }
            Filter filter = Filter.parse(ITEM, json);
            String label = dev.isosync.json.Json.write(json);
            List<String> expected = ids(memory.read(tx -> tx.find(ITEM, filter)));
            assertEquals(expected, ids(store.read(tx -> tx.find(ITEM, filter))), label);
            assertEquals(memory.<Long>read(tx -> tx.count(ITEM, filter.where())),
                    store.<Long>read(tx -> tx.count(ITEM, filter.where())), label);
            if (!expected.isEmpty() && expected.size() < records.size()) {
                selective++;
            }
            if (WhereSql.translate(store.table(ITEM), filter.where()) == null) {
                inJava++;
            }
        }
        // the generated clauses are worth comparing: most select some records but not all, and both the SQL
        // translation and the Java fallback (conditions on the "any" property) are exercised
        assertTrue(selective > 250, "selective filters: " + selective);
        assertTrue(inJava > 50 && inJava < 450, "filters evaluated in Java: " + inJava);
    }

    @Test
    void nullSemanticsOfEachOperator() {
        insert(item("null"));
        insert(item("a", "title", "a", "n", 1.0, "done", true));
        insert(item("b", "title", "b", "n", 2.0, "done", false));
        Map<String, List<String>> cases = new LinkedHashMap<>();
        cases.put("{\"title\":null}", List.of("null"));
        cases.put("{\"title\":\"a\"}", List.of("a"));
        cases.put("{\"title\":{\"neq\":\"a\"}}", List.of("b", "null"));
        cases.put("{\"title\":{\"neq\":null}}", List.of("a", "b"));
        cases.put("{\"n\":{\"gt\":0}}", List.of("a", "b"));
        cases.put("{\"n\":{\"lt\":null}}", List.of());
        cases.put("{\"n\":{\"between\":[1,null]}}", List.of());
        cases.put("{\"n\":{\"between\":[1,1.5]}}", List.of("a"));
        cases.put("{\"title\":{\"inq\":[]}}", List.of());
        cases.put("{\"title\":{\"inq\":[null]}}", List.of("null"));
        cases.put("{\"title\":{\"inq\":[\"a\",null]}}", List.of("a", "null"));
        cases.put("{\"title\":{\"nin\":[]}}", List.of("a", "b", "null"));
        cases.put("{\"title\":{\"nin\":[\"a\"]}}", List.of("b", "null"));
        cases.put("{\"title\":{\"nin\":[\"a\",null]}}", List.of("b"));
        cases.put("{\"done\":{\"gt\":false}}", List.of("a"));
        cases.put("{\"or\":[]}", List.of());
        cases.put("{\"and\":[]}", List.of("a", "b", "null"));
        cases.put("{\"or\":[{\"title\":{\"gt\":\"a\"}},{\"n\":{\"lt\":2}}]}", List.of("a", "b"));
        cases.put("{\"extra\":null}", List.of("a", "b", "null"));
        for (Map.Entry<String, List<String>> c : cases.entrySet()) {
            Where where = Where.parse(ITEM, dev.isosync.json.Json.parse(c.getKey()));
            assertEquals(c.getValue(), ids(store.read(tx -> tx.find(ITEM, Filter.where(where)))), c.getKey());
        }
    }

    @Test
    void orderPutsNullsFirstAscendingAndLastDescending() {
        insert(item("1", "n", 2.0));
        insert(item("2"));
        insert(item("3", "n", 1.0));
        insert(item("4"));
        assertEquals(List.of("2", "4", "3", "1"), ids(find("{\"order\":\"n ASC\"}")));
        assertEquals(List.of("1", "3", "2", "4"), ids(find("{\"order\":\"n DESC\"}")));
        assertEquals(List.of("4", "3"), ids(find("{\"order\":\"n\",\"skip\":1,\"limit\":2}")));
        assertEquals(List.of("3", "1"), ids(find("{\"order\":\"n\",\"skip\":2}")));
        assertEquals(List.of(), ids(find("{\"limit\":0}")));
    }

    List<Map<String, Object>> find(String filterJson) {
        Filter filter = Filter.parse(ITEM, dev.isosync.json.Json.parse(filterJson));
        return store.read(tx -> tx.find(ITEM, filter));
    }

    static Object pick(Random random, List<Object> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static final List<String> FILTER_PROPERTIES = List.of("title", "n", "done", "due", "extra", "select", "id");

    static List<Object> poolOf(String property) {
        switch (property) {
            case "n":
                return NUMBERS;
            case "done":
                return BOOLEANS;
            case "due":
                return DATES;
            case "extra":
                return ANYS;
            case "id":
                return Arrays.asList("id-00", "id-10", "id-33", "id-59", "nope");
            default:
                return STRINGS;
        }
    }

    static Object randomWhere(Random random, int depth) {
        int kind = depth >= 3 ? 0 : random.nextInt(5);
        if (kind >= 3) {
            List<Object> parts = new ArrayList<>();
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                parts.add(randomWhere(random, depth + 1));
            }
            return obj(kind == 3 ? "and" : "or", parts);
        }
        Map<String, Object> where = new LinkedHashMap<>();
        int conditions = 1 + random.nextInt(2);
        for (int i = 0; i < conditions; i++) {
            String property = FILTER_PROPERTIES.get(random.nextInt(FILTER_PROPERTIES.size()));
            List<Object> pool = poolOf(property);
            String[] ops = {"eq", "neq", "gt", "gte", "lt", "lte", "between", "inq", "nin"};
            String op = ops[random.nextInt(ops.length)];
            Object value;
            switch (op) {
                case "eq":
                    where.put(property, pick(random, pool));
                    continue;
                case "between":
                    value = Arrays.asList(pick(random, pool), pick(random, pool));
                    break;
                case "inq":
                case "nin":
                    List<Object> list = new ArrayList<>();
                    int n = random.nextInt(4);
                    for (int j = 0; j < n; j++) {
                        list.add(pick(random, pool));
                    }
                    value = list;
                    break;
                default:
                    value = pick(random, pool);
            }
            where.put(property, obj(op, value));
        }
        return where;
    }

    static List<Object> randomOrder(Random random) {
        List<Object> order = new ArrayList<>();
        int n = 1 + random.nextInt(2);
        for (int i = 0; i < n; i++) {
            String property = FILTER_PROPERTIES.get(random.nextInt(FILTER_PROPERTIES.size() - 1));
            order.add(property + (random.nextBoolean() ? " DESC" : random.nextBoolean() ? " ASC" : ""));
        }
        return order;
    }

    static List<String> ids(List<Map<String, Object>> records) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> r : records) {
            out.add((String) r.get("id"));
        }
        return out;
    }

    // ---- transactions ---------------------------------------------------------------------------------

    @Test
    void aFailedWriteLeavesNothingBehind() {
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> store.write(tx -> {
            tx.insert(ITEM, item("gone"));
            tx.saveChange(ITEM, Change.of("Item", "gone", "r", tx.currentCheckpoint()));
            tx.putMeta("k", "v");
            throw boom;
        }));
        assertSame(boom, thrown);
        assertNull(load("gone"));
        assertNull(store.read(tx -> tx.findChange(ITEM, "gone")));
        assertNull(store.read(tx -> tx.getMeta("k")));

        long before = current();
        assertThrows(IllegalStateException.class, () -> store.writeBatch(tx -> {
            tx.insert(ITEM, item("batch"));
            throw boom;
        }));
        assertNull(load("batch"));
        assertEquals(before, current(), "a failed batch does not bump");
    }

    @Test
    void databaseErrorsCarryTheSqlStateAndRollBack() {
        insert(item("dup"));
        StoreException e = assertThrows(StoreException.class, () -> store.write(tx -> {
            tx.insert(ITEM, item("fresh"));
            tx.insert(ITEM, item("dup"));
            return null;
        }));
        assertTrue(e.isConstraintViolation(), e.getMessage());
        assertTrue(e.getMessage().contains("SQL state " + e.sqlState()), e.getMessage());
        assertTrue(e.getMessage().contains("insert Item \"dup\""), e.getMessage());
        assertNull(load("fresh"));
    }

    @Test
    void aBatchedWriteTheDatabaseRefusesRollsBackTheBatchAndNamesItsRows() {
        insert(item("kept", "title", "before"));
        long before = current();
        String tooLong = "x".repeat(ModelTable.ID_LENGTH + 1); // the id column holds no more
        StoreException e = assertThrows(StoreException.class, () -> store.writeBatch(tx -> {
            tx.prefetch(ITEM, Arrays.asList("kept", "fresh", tooLong));
            tx.update(ITEM, item("kept", "title", "after"));
            tx.insert(ITEM, item("fresh"));
            tx.insert(ITEM, item(tooLong));
            return null;
        }));
        assertTrue(e.getMessage().contains("insert Item (one of 2 rows, \"fresh\" to \"" + tooLong + "\")"),
                e.getMessage());
        assertTrue(e.getMessage().contains("SQL state " + e.sqlState()), e.getMessage());
        assertEquals("before", load("kept").get("title"));
        assertNull(load("fresh"));
        assertEquals(before, current(), "a failed batch does not bump");
    }

    @Test
    void readTransactionsRefuseWrites() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.read(tx -> {
            tx.insert(ITEM, item("r"));
            return null;
        }));
        assertTrue(e.getMessage().contains("read transaction"), e.getMessage());
        assertNull(load("r"));
    }

    @Test
    void checkpointStartsAtOneAndEachBatchBumpsItOnce() {
        assertEquals(1, current());
        Checkpoint bumped = store.bumpCheckpoint();
        assertEquals(2, bumped.seq());
        assertEquals(store.sourceId(), bumped.sourceId());
        assertTrue(bumped.time().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), bumped.time());
        long stamped = store.writeBatch(tx -> {
            long cp = tx.currentCheckpoint();
            tx.insert(ITEM, item("b"));
            tx.saveChange(ITEM, Change.of("Item", "b", "r", cp));
            assertEquals(cp, tx.currentCheckpoint());
            return cp;
        });
        assertEquals(2L, (long) stamped);
        assertEquals(3, current());
        assertEquals(4, store.bumpCheckpoint().seq());
        assertEquals(bumped.time(), store.bumpCheckpoint().time(), "time is the counter's creation time");
    }

    @Test
    void metaValuesRoundTripAndNullRemoves() {
        String value = "{\"since\":12,\"name\":\"O'Brien 😀\"}";
        store.write(tx -> {
            tx.putMeta("replication:a", value);
            tx.putMeta("replication:b", "x");
            return null;
        });
        store.write(tx -> {
            tx.putMeta("replication:b", "y");
            tx.putMeta("replication:a", null);
            tx.putMeta("replication:never", null);
            return null;
        });
        assertNull(store.read(tx -> tx.getMeta("replication:a")));
        assertEquals("y", store.read(tx -> tx.getMeta("replication:b")));
        store.write(tx -> {
            tx.putMeta("replication:a", value);
            return null;
        });
        assertEquals(value, store.read(tx -> tx.getMeta("replication:a")));
    }

    @Test
    void reopeningKeepsTheIdentityAndTheCounter() {
        store.bumpCheckpoint();
        insert(item("kept", "title", "still here"));
        JdbcStore again = JdbcStore.open(url(), List.of(ITEM, NOTE), prefix);
        try {
            assertEquals(store.sourceId(), again.sourceId());
            assertEquals(2L, again.<Long>read(tx -> tx.currentCheckpoint()));
            assertEquals("still here", again.read(tx -> tx.findById(ITEM, "kept")).get("title"));
        } finally {
            again.close();
        }
        JdbcStore other = openExtra(List.of(ITEM), randomPrefix());
        assertFalse(store.sourceId().equals(other.sourceId()), "each store has its own identity");
    }

    @Test
    void storesOpeningTogetherCreateOneSchema() throws Exception {
        String p = randomPrefix();
        List<JdbcStore> opened = new CopyOnWriteArrayList<>();
        try {
            runConcurrently(4, t -> opened.add(JdbcStore.open(url(), List.of(ITEM, NOTE), p)));
            Set<String> identities = new HashSet<>();
            for (JdbcStore s : opened) {
                identities.add(s.sourceId());
            }
            assertEquals(1, identities.size(), "one checkpoint row, one identity");
            assertEquals(1L, opened.get(0).<Long>read(tx -> tx.currentCheckpoint()));
        } finally {
            for (int i = 0; i < opened.size(); i++) {
                if (i == 0) {
                    opened.get(i).dropAll();
                }
                opened.get(i).close();
            }
        }
    }

    @Test
    void aNewlyDeclaredPropertyGetsItsColumn() {
        String p = randomPrefix();
        ModelDefinition v1 = ModelDefinition.builder("Evolving").property(Property.of("a", PropertyType.STRING))
                .build();
        ModelDefinition v2 = ModelDefinition.builder("Evolving").property(Property.of("a", PropertyType.STRING))
                .property(Property.of("b", PropertyType.NUMBER)).build();
        JdbcStore first = JdbcStore.open(url(), List.of(v1), p);
        first.write(tx -> {
            tx.insert(v1, obj("id", "x", "a", "old"));
            return null;
        });
        first.close();
        JdbcStore second = openExtra(List.of(v2), p);
        assertEquals(obj("id", "x", "a", "old", "b", null), second.read(tx -> tx.findById(v2, "x")));
        second.write(tx -> {
            tx.update(v2, obj("id", "x", "a", "new", "b", 2.0));
            return null;
        });
        assertEquals(obj("id", "x", "a", "new", "b", 2.0), second.read(tx -> tx.findById(v2, "x")));
    }

    @Test
    void findByIdsTakesMoreIdsThanOneStatement() {
        List<String> ids = new ArrayList<>();
        store.write(tx -> {
            for (int i = 0; i < 1234; i++) {
                String id = "many-" + i;
                ids.add(id);
                tx.insert(ITEM, item(id));
            }
            return null;
        });
        assertEquals(new HashSet<>(ids), new HashSet<>(ids(store.read(tx -> tx.findByIds(ITEM, ids)))));
        assertEquals(1234L, store.<Long>read(tx -> tx.count(ITEM, Where.ALL)));
    }

    // ---- concurrency ----------------------------------------------------------------------------------

    @Test
    void concurrentBumpsNeverReturnOneValueTwice() throws Exception {
        int threads = 8;
        int perThread = 40;
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        runConcurrently(threads, t -> {
            long last = 0;
            for (int i = 0; i < perThread; i++) {
                long seq = store.bumpCheckpoint().seq();
                assertTrue(seq > last, "bumps of one thread increase");
                last = seq;
                if (!seen.add(seq)) {
                    duplicates.incrementAndGet();
                }
            }
        });
        assertEquals(0, duplicates.get());
        assertEquals(1 + threads * perThread, current());
    }

    /**
     * PROTOCOL.md 9.3.3: writers stamp changes while bumpers seal checkpoints and read what they sealed. A row
     * stamped below a sealed checkpoint that was not visible to the reader right after the bump would be one a
     * puller never gets.
     */
    @Test
    void noWriteIsLostBelowASealedCheckpoint() throws Exception {
        int writers = 5;
        int writesEach = 40;
        int bumpers = 2;
        List<long[]> sealed = new CopyOnWriteArrayList<>(); // {checkpoint seen after the bump, rows below it}
        Set<Long> bumps = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger finishedWriters = new AtomicInteger();
        runConcurrently(writers + bumpers + 1, t -> {
            if (t < writers) {
                for (int i = 0; i < writesEach; i++) {
                    String id = "w" + t + "-" + i;
                    store.write(tx -> {
                        long cp = tx.currentCheckpoint();
                        tx.insert(ITEM, item(id));
                        pause(); // hold the transaction open so that bumps overlap it
                        tx.saveChange(ITEM, Change.of("Item", id, "r", cp));
                        return null;
                    });
                }
                if (finishedWriters.incrementAndGet() == writers) {
                    writing.set(false);
                }
            } else if (t < writers + bumpers) {
                while (writing.get()) {
                    long seq = store.bumpCheckpoint().seq();
                    if (!bumps.add(seq)) {
                        duplicates.incrementAndGet();
                    }
                    sealed.add(store.read(tx -> {
                        long before = tx.currentCheckpoint();
                        return new long[] {before, countAll(tx, before)};
                    }));
                }
            } else {
                // a batch writer too: its bump is part of its own transaction
                while (writing.get()) {
                    store.writeBatch(tx -> {
                        long cp = tx.currentCheckpoint();
                        String id = "batch-" + cp;
                        tx.insert(ITEM, item(id));
                        tx.saveChange(ITEM, Change.of("Item", id, "r", cp));
                        return null;
                    });
                }
            }
        });
        assertEquals(0, duplicates.get(), "bump values are unique");
        assertTrue(sealed.size() > 5, "bumps overlapped the writes: " + sealed.size());
        for (long[] s : sealed) {
            long nowBelow = store.<Long>read(tx -> countAll(tx, s[0]));
            assertEquals(s[1], nowBelow, "rows stamped below checkpoint " + s[0] + " after it was sealed");
        }
        List<String> written = new ArrayList<>();
        for (int t = 0; t < writers; t++) {
            for (int i = 0; i < writesEach; i++) {
                written.add("w" + t + "-" + i);
            }
        }
        assertEquals(written.size(), store.read(tx -> tx.findChanges(ITEM, written)).size());
    }

    /**
     * A write that starts while a bump waits for the writes in flight queues behind the bump and is stamped
     * with the new checkpoint. PostgreSQL's FOR SHARE would let it join the writes in flight instead, and a
     * steady stream of writes would starve the bump.
     */
    @Test
    void aWriteArrivingBehindAWaitingBumpWaitsForIt() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<Long> first = threads.submit(() -> store.write(tx -> {
                long cp = tx.currentCheckpoint();
                holding.countDown();
                await(release);
                return cp;
            }));
            assertTrue(holding.await(10, TimeUnit.SECONDS));
            Future<Long> bump = threads.submit(() -> store.bumpCheckpoint().seq());
            Thread.sleep(300); // let the bump start waiting
            assertFalse(bump.isDone(), "the bump waits for the write in flight");
            Future<Long> second = threads.submit(() -> store.write(tx -> tx.currentCheckpoint()));
            Thread.sleep(300);
            assertFalse(second.isDone(), "a write arriving behind the waiting bump waits too");
            release.countDown();
            assertEquals(1L, (long) first.get(10, TimeUnit.SECONDS));
            assertEquals(2L, (long) bump.get(10, TimeUnit.SECONDS));
            long stamped = second.get(10, TimeUnit.SECONDS);
            if (queuesWritesBehindWaitingBump()) {
                assertEquals(2L, stamped, "stamped with the bumped checkpoint");
            } else {
                assertTrue(stamped == 1 || stamped == 2, "stamped " + stamped);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aDeadlockVictimIsRunAgain() throws Exception {
        store.write(tx -> {
            tx.saveChange(ITEM, Change.of("Item", "x", "r", 1L));
            tx.saveChange(ITEM, Change.of("Item", "y", "r", 1L));
            return null;
        });
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        AtomicInteger runs = new AtomicInteger();
        String[][] orders = {{"x", "y"}, {"y", "x"}};
        runConcurrently(2, t -> store.write(tx -> {
            runs.incrementAndGet();
            String mine = orders[t][0];
            tx.findChange(ITEM, mine); // locks the row
            bothHoldOne.countDown();
            await(bothHoldOne); // already open when the victim runs again
            tx.findChange(ITEM, orders[t][1]);
            tx.saveChange(ITEM, Change.of("Item", mine, "by " + mine, 2L));
            return null;
        }));
        assertTrue(runs.get() > 2, "a deadlock victim ran again: " + runs.get()); // H2 may abort both
        assertEquals("by x", store.read(tx -> tx.findChange(ITEM, "x")).rev());
        assertEquals("by y", store.read(tx -> tx.findChange(ITEM, "y")).rev());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long countAll(dev.isosync.store.StoreTransaction tx, long before) {
        long n = 0;
        ChangeCursor cursor = null;
        while (true) {
            List<Change> page = tx.changes(ITEM, 0, before, cursor, 500);
            n += page.size();
            if (page.size() < 500) {
                return n;
            }
            cursor = ChangeCursor.after(page.get(page.size() - 1));
        }
    }

    private static void pause() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    interface Task {
        void run(int thread) throws Exception;
    }

    static void runConcurrently(int threads, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    task.run(thread);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
    }
}
