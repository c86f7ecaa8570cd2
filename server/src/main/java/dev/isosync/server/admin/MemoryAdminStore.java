package dev.isosync.server.admin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@link AdminStore} of a server whose store is in memory: the same behaviour, kept in this object and
 * gone when the server stops, as the records are. Every method holds this object's lock.
 */
public final class MemoryAdminStore implements AdminStore {
    private final Map<String, ClientRecord> clients = new HashMap<>();
    /** By id, in id order. */
    private final TreeMap<Long, ConflictRecord> conflicts = new TreeMap<>();
    /** By model, then minute. */
    private final Map<String, TreeMap<Long, long[]>> activity = new HashMap<>();
    private long lastConflictId;
    private long lastResolutionSeq;

    @Override
    public synchronized void recordRequest(RequestRecord r) {
        long at = r.at();
        if (r.model() != null && (r.sync() || r.changes() > 0)) {
            count(r.model(), at, r.changes(), r.sync() ? 1 : 0, 0);
        }
        if (r.client() == null) {
            return;
        }
        ClientRecord c = clients.get(r.client().id());
        if (c == null) {
            c = new ClientRecord(r.client(), at, at, 0, 0, null, null, null, null);
        }
        clients.put(r.client().id(), new ClientRecord(r.client(), c.firstSeen(), Math.max(c.lastSeen(), at),
                c.requests() + 1, c.errors() + (r.failed() ? 1 : 0),
                r.pulledCheckpoint() != null ? r.pulledCheckpoint() : c.lastPulledCheckpoint(),
                r.pulledCheckpoint() != null ? Long.valueOf(at) : c.lastPulledAt(),
                r.pushedCheckpoint() != null ? r.pushedCheckpoint() : c.lastPushedCheckpoint(),
                r.pushed() ? Long.valueOf(at) : c.lastPushedAt()));
    }

    private void count(String model, long at, long changes, long syncs, long newConflicts) {
        long minute = Math.floorDiv(at, 60_000L);
        TreeMap<Long, long[]> minutes = activity.computeIfAbsent(model, k -> new TreeMap<>());
        long[] bucket = minutes.get(minute);
        if (bucket == null) {
            minutes.headMap(minute - ACTIVITY_RETENTION_MINUTES).clear();
            bucket = new long[3];
            minutes.put(minute, bucket);
        }
        bucket[0] += changes;
        bucket[1] += syncs;
        bucket[2] += newConflicts;
    }

    @Override
    public synchronized List<ConflictRecord> recordConflicts(List<ConflictReport> reports) {
        List<ConflictRecord> out = new ArrayList<>(reports.size());
        for (ConflictReport report : reports) {
            ConflictRecord open = findOpen(report);
            ConflictRecord entry;
            if (open != null) {
                entry = new ConflictRecord(open.id(), report.keepingClientVersion(open.report().clientVersion()),
                        open.detectedAt(), open.reports() + 1, null);
            } else {
                entry = new ConflictRecord(++lastConflictId, report, report.at(), 1, null);
                count(report.model(), report.at(), 0, 0, 1);
            }
            conflicts.put(entry.id(), entry);
            out.add(entry);
        }
        return out;
    }

    private ConflictRecord findOpen(ConflictReport report) {
        for (ConflictRecord c : conflicts.values()) {
            ConflictReport r = c.report();
            if (c.isOpen() && r.model().equals(report.model()) && r.modelId().equals(report.modelId())
                    && r.client().id().equals(report.client().id())) {
                return c;
            }
        }
        return null;
    }

    @Override
    public synchronized List<ClientRecord> clients() {
        List<ClientRecord> out = new ArrayList<>(clients.values());
        out.sort(Comparator.comparingLong(ClientRecord::lastSeen).reversed()
                .thenComparing(c -> c.identity().id()));
        return out;
    }

    @Override
    public synchronized List<ConflictRecord> conflicts(boolean resolved, String model, int limit) {
        List<ConflictRecord> out = new ArrayList<>();
        for (ConflictRecord c : conflicts.descendingMap().values()) {
            if (out.size() >= limit) {
                break;
            }
            if (c.isOpen() != resolved && (model == null || model.equals(c.report().model()))) {
                out.add(c);
            }
        }
        return out;
    }

    @Override
    public synchronized ConflictRecord conflict(long id) {
        return conflicts.get(id);
    }

    @Override
    public synchronized Map<String, Long> openConflictCounts() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (ConflictRecord c : conflicts.values()) {
            if (c.isOpen()) {
                out.merge(c.report().model(), 1L, Long::sum);
            }
        }
        return out;
    }

    @Override
    public synchronized ConflictRecord resolve(long id, Keep keep, Map<String, Object> data, String rev, long at) {
        ConflictRecord c = conflicts.get(id);
        if (c == null || !c.isOpen()) {
            return null;
        }
        ConflictRecord resolved = new ConflictRecord(id, c.report(), c.detectedAt(), c.reports(),
                new Resolution(keep, data, rev, at, ++lastResolutionSeq));
        conflicts.put(id, resolved);
        return resolved;
    }

    @Override
    public synchronized void reopen(long id, long seq) {
        ConflictRecord c = conflicts.get(id);
        if (c != null && !c.isOpen() && !c.resolution().keep().byClient() && c.resolution().seq() == seq) {
            conflicts.put(id, new ConflictRecord(id, c.report(), c.detectedAt(), c.reports(), null));
        }
    }

    @Override
    public synchronized Set<String> openConflictIds(String model, String clientId, Collection<String> modelIds) {
        Set<String> wanted = new HashSet<>(modelIds);
        Set<String> out = new HashSet<>();
        for (ConflictRecord c : conflicts.values()) {
            ConflictReport r = c.report();
            if (c.isOpen() && wanted.contains(r.modelId()) && r.model().equals(model)
                    && r.client().id().equals(clientId)) {
                out.add(r.modelId());
            }
        }
        return out;
    }

    @Override
    public synchronized List<ConflictRecord> closeByClient(String model, String clientId, Keep how,
            Map<String, ServerVersion> after, long at) {
        if (!how.byClient()) {
            throw new IllegalArgumentException("closeByClient takes a client's resolution, got " + how);
        }
        List<ConflictRecord> out = new ArrayList<>();
        for (ConflictRecord c : new ArrayList<>(conflicts.values())) {
            ConflictReport r = c.report();
            ServerVersion now = after.get(r.modelId());
            if (c.isOpen() && now != null && r.model().equals(model) && r.client().id().equals(clientId)) {
                ConflictRecord closed = new ConflictRecord(c.id(), r, c.detectedAt(), c.reports(),
                        new Resolution(how, now.data(), now.rev(), at, 0));
                conflicts.put(c.id(), closed);
                out.add(closed);
            }
        }
        return out;
    }

    @Override
    public synchronized List<ConflictRecord> resolutions(String clientId, String model, long since, int limit) {
        List<ConflictRecord> out = new ArrayList<>();
        for (ConflictRecord c : conflicts.values()) {
            if (!c.isOpen() && !c.resolution().keep().byClient() && c.resolution().seq() >= since && c.report().client().id().equals(clientId)
                    && c.report().model().equals(model)) {
                out.add(c);
            }
        }
        out.sort(Comparator.comparingLong(c -> c.resolution().seq()));
        return out.size() > limit ? new ArrayList<>(out.subList(0, limit)) : out;
    }

    @Override
    public synchronized List<ActivityBucket> activity(long fromMinute, long toMinute) {
        List<ActivityBucket> out = new ArrayList<>();
        if (fromMinute >= toMinute) {
            return out;
        }
        for (Map.Entry<String, TreeMap<Long, long[]>> m : activity.entrySet()) {
            for (Map.Entry<Long, long[]> b : m.getValue().subMap(fromMinute, toMinute).entrySet()) {
                long[] v = b.getValue();
                out.add(new ActivityBucket(m.getKey(), b.getKey(), v[0], v[1], v[2]));
            }
        }
        out.sort(Comparator.comparingLong(ActivityBucket::minute).thenComparing(ActivityBucket::model));
        return out;
    }
}
