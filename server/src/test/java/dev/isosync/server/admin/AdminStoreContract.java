package dev.isosync.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.json.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AdminStore} does, run on the memory store and on each database (a subclass each). A
 * database that is not running fails the test; it never skips.
 */
abstract class AdminStoreContract {
    static final long T0 = 1_900_000_000_000L; // a minute boundary plus 40 s: 2030-03-17T17:46:40Z
    private static final ClientIdentity A = new ClientIdentity("device-a", ClientIdentity.Kind.CLIENT_ID);
    private static final ClientIdentity B = new ClientIdentity("device-b", ClientIdentity.Kind.CLIENT_ID);

    AdminStore store;

    /** A fresh, empty store. */
    abstract AdminStore open();

    /** Drops what {@link #open()} made. */
    abstract void cleanUp();

    @BeforeEach
    void setUp() {
        store = open();
    }

    @AfterEach
    void tearDown() {
        cleanUp();
    }

    @Test
    void requestsAddUpPerClient() {
        store.recordRequest(new RequestRecord(A, T0));
        store.recordRequest(new RequestRecord(A, T0 + 1000).failed(true).sync("Todo").pulled(4));
        store.recordRequest(new RequestRecord(A, T0 + 2000).sync("Todo").pushed(17L));
        store.recordRequest(new RequestRecord(A, T0 + 3000).sync("Todo").pushed(null));
        store.recordRequest(new RequestRecord(B, T0 + 500));
        List<ClientRecord> clients = store.clients();
        assertEquals(2, clients.size());
        ClientRecord a = clients.get(0);
        assertEquals(A, a.identity());
        assertEquals(T0, a.firstSeen());
        assertEquals(T0 + 3000, a.lastSeen());
        assertEquals(4, a.requests());
        assertEquals(1, a.errors());
        assertEquals(4L, a.lastPulledCheckpoint());
        assertEquals(T0 + 1000, a.lastPulledAt());
        assertEquals(17L, a.lastPushedCheckpoint(), "a push without checkpoints keeps the last one");
        assertEquals(T0 + 3000, a.lastPushedAt());
        ClientRecord b = clients.get(1);
        assertEquals(B, b.identity());
        assertNull(b.lastPulledCheckpoint());
        assertNull(b.lastPulledAt());
        assertNull(b.lastPushedCheckpoint());
        assertNull(b.lastPushedAt());
    }

    @Test
    void theLatestPullCountsEvenWhenItIsLower() {
        store.recordRequest(new RequestRecord(A, T0).pulled(9));
        store.recordRequest(new RequestRecord(A, T0 + 1).pulled(-1)); // the client started over
        assertEquals(-1L, store.clients().get(0).lastPulledCheckpoint());
    }

    @Test
    void aLateRequestDoesNotMoveLastSeenBack() {
        store.recordRequest(new RequestRecord(A, T0 + 5000));
        store.recordRequest(new RequestRecord(A, T0));
        assertEquals(T0 + 5000, store.clients().get(0).lastSeen());
        assertEquals(T0 + 5000, store.clients().get(0).firstSeen());
    }

    @Test
    void everyKindOfIdentityIsKept() {
        store.recordRequest(new RequestRecord(new ClientIdentity("token:0123456789abcdef", ClientIdentity.Kind.TOKEN), T0));
        store.recordRequest(new RequestRecord(new ClientIdentity("address:[::1]", ClientIdentity.Kind.ADDRESS), T0 + 1));
        List<ClientRecord> clients = store.clients();
        assertEquals(ClientIdentity.Kind.ADDRESS, clients.get(0).identity().kind());
        assertEquals("address:[::1]", clients.get(0).identity().id());
        assertEquals(ClientIdentity.Kind.TOKEN, clients.get(1).identity().kind());
    }

    @Test
    void activityIsCountedPerModelAndMinute() {
        store.recordRequest(new RequestRecord(A, T0).sync("Todo"));
        store.recordRequest(new RequestRecord(A, T0 + 1000).sync("Todo").changed("Todo", 3));
        store.recordRequest(new RequestRecord(B, T0 + 1000).sync("Note"));
        store.recordRequest(new RequestRecord(null, T0 + 30_000).changed("Todo", 1)); // the next minute
        store.recordRequest(new RequestRecord(A, T0 + 1000)); // neither a sync nor a write
        long minute = Math.floorDiv(T0, 60_000L);
        List<ActivityBucket> buckets = store.activity(minute, minute + 2);
        assertEquals(3, buckets.size());
        assertBucket(buckets.get(0), "Note", minute, 0, 1, 0);
        assertBucket(buckets.get(1), "Todo", minute, 3, 2, 0);
        assertBucket(buckets.get(2), "Todo", minute + 1, 1, 0, 0);
        assertEquals(1, store.activity(minute + 1, minute + 2).size());
        assertEquals(0, store.activity(minute + 2, minute + 10).size());
        assertEquals(2, store.clients().size(), "the server's own writes are no client");
    }

    @Test
    void activityOlderThanTheRetentionIsRemovedAsNewMinutesArrive() {
        long minute = Math.floorDiv(T0, 60_000L);
        store.recordRequest(new RequestRecord(A, T0).sync("Todo"));
        long later = T0 + (AdminStore.ACTIVITY_RETENTION_MINUTES + 2) * 60_000L;
        store.recordRequest(new RequestRecord(A, later).sync("Todo"));
        assertEquals(0, store.activity(minute, minute + 1).size());
        assertEquals(1, store.activity(minute, Math.floorDiv(later, 60_000L) + 1).size());
    }

    @Test
    void aNewConflictIsFiledAndCountedInTheActivity() {
        Map<String, Object> server = record("t1", "server's");
        Map<String, Object> mine = record("t1", "mine");
        ConflictReport report = new ConflictReport("Todo", "t1", B, ConflictSource.BULK_UPDATE,
                new ServerVersion(server, "rev-s", 4L), change("t1", "rev-b", "rev-0"), new ClientVersion(mine), T0);
        List<ConflictRecord> filed = store.recordConflicts(Collections.singletonList(report));
        assertEquals(1, filed.size());
        ConflictRecord c = filed.get(0);
        assertTrue(c.id() > 0);
        assertTrue(c.isOpen());
        assertEquals(1, c.reports());
        assertEquals(T0, c.detectedAt());
        assertSameReport(report, c.report());
        assertSameReport(report, store.conflict(c.id()).report());
        assertEquals(Collections.singletonMap("Todo", 1L), store.openConflictCounts());
        long minute = Math.floorDiv(T0, 60_000L);
        assertBucket(store.activity(minute, minute + 1).get(0), "Todo", minute, 0, 0, 1);
        assertNull(store.conflict(c.id() + 1000));
    }

    @Test
    void anOpenConflictReportedAgainIsUpdatedNotRepeated() {
        ConflictReport first = new ConflictReport("Todo", "t1", B, ConflictSource.BULK_UPDATE,
                new ServerVersion(record("t1", "s1"), "rev-s1", 4L), change("t1", "rev-b", "rev-0"),
                new ClientVersion(record("t1", "mine")), T0);
        long id = store.recordConflicts(Collections.singletonList(first)).get(0).id();
        ConflictReport again = new ConflictReport("Todo", "t1", B, ConflictSource.DIFF,
                new ServerVersion(record("t1", "s2"), "rev-s2", 6L), change("t1", "rev-b", "rev-0"), null, T0 + 5000);
        ConflictRecord updated = store.recordConflicts(Collections.singletonList(again)).get(0);
        assertEquals(id, updated.id());
        assertEquals(2, updated.reports());
        assertEquals(T0, updated.detectedAt());
        ConflictRecord stored = store.conflict(id);
        assertEquals(2, stored.reports());
        assertEquals(ConflictSource.DIFF, stored.report().source());
        assertEquals("rev-s2", stored.report().serverVersion().rev());
        assertEquals(T0 + 5000, stored.report().at());
        assertNotNull(stored.report().clientVersion(), "a report without the client's data keeps the one known");
        assertEquals("mine", stored.report().clientVersion().data().get("title"));
        assertEquals(1, store.conflicts(false, null, 10).size());
        long minute = Math.floorDiv(T0, 60_000L);
        assertEquals(1, store.activity(minute, minute + 1).get(0).conflicts(), "counted once");

        // another client, another record, another model: each its own entry; the same key twice in one call: one
        List<ConflictRecord> more = store.recordConflicts(Arrays.asList(
                report("Todo", "t1", A, T0), report("Todo", "t2", B, T0), report("Note", "t1", B, T0),
                report("Note", "t9", A, T0), report("Note", "t9", A, T0 + 1)));
        assertEquals(more.get(3).id(), more.get(4).id());
        assertEquals(2, more.get(4).reports());
        Set<Long> ids = new HashSet<>();
        for (ConflictRecord c : more) {
            ids.add(c.id());
        }
        ids.add(id);
        assertEquals(5, ids.size());
        Map<String, Long> counts = store.openConflictCounts();
        assertEquals(3L, counts.get("Todo"));
        assertEquals(2L, counts.get("Note"));
    }

    @Test
    void resolutionsGetIncreasingNumbersAndAreNeverReplaced() {
        long c1 = store.recordConflicts(Collections.singletonList(report("Todo", "t1", B, T0))).get(0).id();
        long c2 = store.recordConflicts(Collections.singletonList(report("Todo", "t2", B, T0))).get(0).id();
        Map<String, Object> merged = record("t2", "merged");
        ConflictRecord r2 = store.resolve(c2, Keep.MERGE, merged, "rev-m", T0 + 10);
        assertNotNull(r2);
        assertEquals(1, r2.resolution().seq());
        assertEquals(Keep.MERGE, r2.resolution().keep());
        assertEquals(merged, r2.resolution().data());
        assertEquals("rev-m", r2.resolution().rev());
        assertEquals(T0 + 10, r2.resolution().resolvedAt());
        assertNull(store.resolve(c2, Keep.SERVER, null, null, T0 + 20), "resolved already");
        assertNull(store.resolve(c2 + 1000, Keep.SERVER, null, null, T0 + 20), "unknown");
        ConflictRecord r1 = store.resolve(c1, Keep.CLIENT, null, null, T0 + 30);
        assertEquals(2, r1.resolution().seq(), "a refused resolution takes no number");
        assertNull(r1.resolution().data());
        assertEquals(Keep.MERGE, store.conflict(c2).resolution().keep());

        assertEquals(2, store.conflicts(true, null, 10).size());
        assertEquals(0, store.conflicts(false, null, 10).size());
        assertTrue(store.openConflictCounts().isEmpty());
        // a new sighting after the resolution is a new conflict
        long c3 = store.recordConflicts(Collections.singletonList(report("Todo", "t1", B, T0 + 40))).get(0).id();
        assertTrue(c3 > c2);
    }

    @Test
    void resolutionsAreListedPerClientAndModelFromASequenceNumber() {
        List<ConflictRecord> filed = store.recordConflicts(Arrays.asList(report("Todo", "t1", B, T0),
                report("Todo", "t2", A, T0), report("Note", "t3", B, T0), report("Todo", "t4", B, T0),
                report("Todo", "t5", B, T0)));
        for (int i = 0; i < 4; i++) {
            store.resolve(filed.get(i).id(), Keep.SERVER, null, null, T0 + i);
        }
        List<ConflictRecord> forB = store.resolutions("device-b", "Todo", 0, 10);
        assertEquals(Arrays.asList("t1", "t4"), modelIds(forB));
        assertEquals(1, forB.get(0).resolution().seq());
        assertEquals(4, forB.get(1).resolution().seq());
        assertEquals(Collections.singletonList("t4"), modelIds(store.resolutions("device-b", "Todo", 2, 10)));
        assertEquals(Collections.singletonList("t1"), modelIds(store.resolutions("device-b", "Todo", 0, 1)));
        assertEquals(Collections.singletonList("t3"), modelIds(store.resolutions("device-b", "Note", 0, 10)));
        assertEquals(Collections.singletonList("t2"), modelIds(store.resolutions("device-a", "Todo", 0, 10)));
        assertTrue(store.resolutions("device-c", "Todo", 0, 10).isEmpty());
    }

    @Test
    void reopenTakesBackOnlyThatResolution() {
        long id = store.recordConflicts(Collections.singletonList(report("Todo", "t1", B, T0))).get(0).id();
        ConflictRecord resolved = store.resolve(id, Keep.CLIENT, null, null, T0);
        store.reopen(id, resolved.resolution().seq() + 1);
        assertTrue(!store.conflict(id).isOpen(), "another resolution's number changes nothing");
        store.reopen(id, resolved.resolution().seq());
        assertTrue(store.conflict(id).isOpen());
        assertTrue(store.resolutions("device-b", "Todo", 0, 10).isEmpty());
        assertEquals(2, store.resolve(id, Keep.SERVER, null, null, T0).resolution().seq());
    }

    @Test
    void openConflictIdsAreThoseOfThatClientAndModel() {
        List<ConflictRecord> filed = store.recordConflicts(Arrays.asList(report("Todo", "t1", B, T0),
                report("Todo", "t2", A, T0), report("Note", "t3", B, T0), report("Todo", "t4", B, T0)));
        store.resolve(filed.get(3).id(), Keep.SERVER, null, null, T0);
        assertEquals(Collections.singleton("t1"),
                store.openConflictIds("Todo", "device-b", Arrays.asList("t1", "t2", "t3", "t4", "t9")));
        assertTrue(store.openConflictIds("Todo", "device-b", Collections.emptyList()).isEmpty());
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            many.add("x" + i);
        }
        many.add("t1");
        assertEquals(Collections.singleton("t1"), store.openConflictIds("Todo", "device-b", many),
                "more ids than one query's list takes");
    }

    @Test
    void aConflictTheClientResolvedItselfMovesToTheHistoryWithoutASequenceNumber() {
        List<ConflictRecord> filed = store.recordConflicts(Arrays.asList(report("Todo", "t1", B, T0),
                report("Todo", "t1", A, T0), report("Todo", "t2", B, T0)));
        Map<String, ServerVersion> after = new LinkedHashMap<>();
        after.put("t1", new ServerVersion(record("t1", "pushed by b"), "rev-b", 7L));
        after.put("t9", new ServerVersion(null, null, null)); // no conflict there: passed over
        List<ConflictRecord> closed = store.closeByClient("Todo", "device-b", Keep.CLIENT_PUSHED, after, T0 + 50);
        assertEquals(Collections.singletonList(filed.get(0).id()), ids(closed));
        Resolution r = closed.get(0).resolution();
        assertEquals(Keep.CLIENT_PUSHED, r.keep());
        assertEquals(record("t1", "pushed by b"), r.data());
        assertEquals("rev-b", r.rev());
        assertEquals(T0 + 50, r.resolvedAt());
        assertEquals(0, r.seq());

        ConflictRecord stored = store.conflict(filed.get(0).id());
        assertEquals(Keep.CLIENT_PUSHED, stored.resolution().keep());
        assertEquals("rev-b", stored.resolution().rev());
        assertEquals(record("t1", "pushed by b"), stored.resolution().data());
        assertEquals(0, stored.resolution().seq());
        assertTrue(store.conflict(filed.get(1).id()).isOpen(), "another client's conflict on the record stays open");
        assertTrue(store.conflict(filed.get(2).id()).isOpen());
        assertEquals(Collections.singletonList("t1"), modelIds(store.conflicts(true, null, 10)));
        assertEquals(Arrays.asList("t2", "t1"), modelIds(store.conflicts(false, null, 10)));
        assertEquals(2L, store.openConflictCounts().get("Todo"));
        assertTrue(store.resolutions("device-b", "Todo", 0, 10).isEmpty(), "the client knows already");

        assertNull(store.resolve(filed.get(0).id(), Keep.SERVER, null, null, T0 + 60), "closed already");
        assertTrue(store.closeByClient("Todo", "device-b", Keep.CLIENT_REPORTED, after, T0 + 70).isEmpty(),
                "a second close changes nothing");
        assertEquals(Keep.CLIENT_PUSHED, store.conflict(filed.get(0).id()).resolution().keep());

        Map<String, ServerVersion> deleted = Collections.singletonMap("t2", new ServerVersion(null, null, 9L));
        ConflictRecord reported = store.closeByClient("Todo", "device-b", Keep.CLIENT_REPORTED, deleted, T0 + 80)
                .get(0);
        assertEquals(Keep.CLIENT_REPORTED, reported.resolution().keep());
        assertNull(store.conflict(reported.id()).resolution().data());
        assertNull(store.conflict(reported.id()).resolution().rev());
    }

    @Test
    void adminResolutionsKeepTheirNumbersBesideTheClientsOwn() {
        List<ConflictRecord> filed = store.recordConflicts(Arrays.asList(report("Todo", "t1", B, T0),
                report("Todo", "t2", B, T0)));
        store.closeByClient("Todo", "device-b", Keep.CLIENT_REPORTED,
                Collections.singletonMap("t1", new ServerVersion(null, null, null)), T0);
        ConflictRecord admin = store.resolve(filed.get(1).id(), Keep.SERVER, null, null, T0 + 1);
        assertEquals(1, admin.resolution().seq(), "a client's close takes no number");
        assertEquals(Collections.singletonList("t2"), modelIds(store.resolutions("device-b", "Todo", 0, 10)));
        store.reopen(filed.get(0).id(), 0);
        assertTrue(!store.conflict(filed.get(0).id()).isOpen(), "reopen takes back admin resolutions only");
        // a new sighting after the client's close is a new conflict
        long again = store.recordConflicts(Collections.singletonList(report("Todo", "t1", B, T0 + 2))).get(0).id();
        assertTrue(again > filed.get(1).id());
    }

    @Test
    void onlyAClientsResolutionClosesByClient() {
        long id = store.recordConflicts(Collections.singletonList(report("Todo", "t1", B, T0))).get(0).id();
        Map<String, ServerVersion> after = Collections.singletonMap("t1", new ServerVersion(null, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> store.closeByClient("Todo", "device-b", Keep.SERVER, after, T0));
        assertTrue(store.conflict(id).isOpen());
    }

    @Test
    void conflictsAreListedNewestFirstByStateAndModel() {
        List<ConflictRecord> filed = store.recordConflicts(Arrays.asList(report("Todo", "t1", B, T0),
                report("Note", "n1", B, T0), report("Todo", "t2", B, T0), report("Todo", "t3", B, T0)));
        store.resolve(filed.get(2).id(), Keep.SERVER, null, null, T0);
        assertEquals(Arrays.asList("t3", "n1", "t1"), modelIds(store.conflicts(false, null, 10)));
        assertEquals(Arrays.asList("t3", "t1"), modelIds(store.conflicts(false, "Todo", 10)));
        assertEquals(Collections.singletonList("t3"), modelIds(store.conflicts(false, null, 1)));
        assertEquals(Collections.singletonList("t2"), modelIds(store.conflicts(true, null, 10)));
        assertTrue(store.conflicts(true, "Note", 10).isEmpty());
    }

    @Test
    void dataOfEveryShapeComesBackAsItWent() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", "t1");
        data.put("title", "héllo \"q\" \n \u2028 😀 <img src=x onerror=alert(1)>");
        data.put("n", 0.30000000000000004);
        data.put("big", 1e21);
        data.put("flag", true);
        data.put("none", null);
        data.put("obj", Json.parse("{\"b\":[1,2,{\"c\":null}],\"a\":{}}"));
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("modelName", "LocalTodo");
        wire.put("modelId", "t1");
        wire.put("rev", null);
        wire.put("prev", "p");
        wire.put("checkpoint", 12.0);
        ConflictReport report = new ConflictReport("Todo", "t1", B, ConflictSource.CLIENT_REPORT,
                new ServerVersion(null, null, null), wire, new ClientVersion(data), T0);
        long id = store.recordConflicts(Collections.singletonList(report)).get(0).id();
        ConflictRecord back = store.conflict(id);
        assertEquals(Json.write(data), Json.write(back.report().clientVersion().data()));
        assertEquals(Json.write(wire), Json.write(back.report().clientChange()));
        assertNull(back.report().serverVersion().data());
        assertNull(back.report().serverVersion().rev());
        assertNull(back.report().serverVersion().checkpoint());
        assertEquals(ConflictSource.CLIENT_REPORT, back.report().source());

        long deleted = store.recordConflicts(Collections.singletonList(new ConflictReport("Todo", "t2", B,
                ConflictSource.DIFF, new ServerVersion(record("t2", "s"), "r", 1L), change("t2", null, "p"),
                ClientVersion.DELETED, T0))).get(0).id();
        assertNotNull(store.conflict(deleted).report().clientVersion(), "a delete is a known version");
        assertNull(store.conflict(deleted).report().clientVersion().data());
        long unknown = store.recordConflicts(Collections.singletonList(report("Todo", "t3", B, T0))).get(0).id();
        assertNull(store.conflict(unknown).report().clientVersion());
    }

    @Test
    void concurrentRequestsAndReportsAddUp() throws Exception {
        int threads = 6;
        int each = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        store.recordRequest(new RequestRecord(A, T0 + i).sync("Todo").changed("Todo", 1));
                        store.recordConflicts(Collections.singletonList(report("Todo", "hot", B, T0 + i)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        ClientRecord a = store.clients().get(0);
        assertEquals(threads * each, a.requests(), "no request lost to a race");
        List<ConflictRecord> open = store.conflicts(false, null, 10);
        assertEquals(1, open.size(), "one open conflict, however many reported it at once");
        assertEquals(threads * each, open.get(0).reports());
        long minute = Math.floorDiv(T0, 60_000L);
        ActivityBucket bucket = store.activity(minute, minute + 1).get(0);
        assertEquals(threads * each, bucket.syncs());
        assertEquals(threads * each, bucket.changes());
        assertEquals(1, bucket.conflicts());
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    static ConflictReport report(String model, String modelId, ClientIdentity client, long at) {
        return new ConflictReport(model, modelId, client, ConflictSource.DIFF,
                new ServerVersion(record(modelId, "server"), "rev-s", 2L), change(modelId, "rev-c", "rev-0"), null, at);
    }

    static Map<String, Object> record(String id, String title) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("title", title);
        m.put("completed", false);
        m.put("created", null);
        return m;
    }

    static Map<String, Object> change(String modelId, String rev, String prev) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("modelName", "Todo");
        m.put("modelId", modelId);
        m.put("rev", rev);
        m.put("prev", prev);
        m.put("checkpoint", 3.0);
        return m;
    }

    private static List<Long> ids(List<ConflictRecord> conflicts) {
        List<Long> out = new ArrayList<>();
        for (ConflictRecord c : conflicts) {
            out.add(c.id());
        }
        return out;
    }

    private static List<String> modelIds(List<ConflictRecord> conflicts) {
        List<String> out = new ArrayList<>();
        for (ConflictRecord c : conflicts) {
            out.add(c.report().modelId());
        }
        return out;
    }

    private static void assertBucket(ActivityBucket b, String model, long minute, long changes, long syncs,
            long conflicts) {
        assertEquals(model, b.model());
        assertEquals(minute, b.minute());
        assertEquals(changes, b.changes(), "changes of " + model);
        assertEquals(syncs, b.syncs(), "syncs of " + model);
        assertEquals(conflicts, b.conflicts(), "conflicts of " + model);
    }

    private static void assertSameReport(ConflictReport expected, ConflictReport actual) {
        assertEquals(expected.model(), actual.model());
        assertEquals(expected.modelId(), actual.modelId());
        assertEquals(expected.client(), actual.client());
        assertEquals(expected.source(), actual.source());
        assertEquals(expected.at(), actual.at());
        assertEquals(Json.write(expected.serverVersion().data()), Json.write(actual.serverVersion().data()));
        assertEquals(expected.serverVersion().rev(), actual.serverVersion().rev());
        assertEquals(expected.serverVersion().checkpoint(), actual.serverVersion().checkpoint());
        assertEquals(Json.write(expected.clientChange()), Json.write(actual.clientChange()));
        assertEquals(Json.write(expected.clientVersion().data()), Json.write(actual.clientVersion().data()));
    }
}
