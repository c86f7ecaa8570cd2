package dev.isosync.replication;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.error.SyncException;
import dev.isosync.memory.MemoryStore;
import dev.isosync.model.ModelDefinition;
import dev.isosync.model.Property;
import dev.isosync.model.PropertyType;
import dev.isosync.query.Filter;
import dev.isosync.replica.LocalReplica;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Random schedules in the manner of {@code protosim.py} (PROTOCOL.md 9.4), run with the real {@link Replicator}
 * over memory stores: one server and three clients; local writes, third-party server writes, syncs that fail
 * at any step, and resolutions of open conflicts; then a quiet phase in which every client resolves what is
 * open and syncs until nothing changes. Then every store must hold the same data, no write may be lost
 * unless a conflict was reported for its record at or after it, and no resolution may be lost.
 *
 * <p>A sync is blocking, so it cannot be paused as protosim's generators are; instead the server is reached
 * through a {@link SteppedReplica} whose hook, at chosen steps (just before or just after a call to the
 * server), performs other actions of the schedule (writes anywhere, another client's whole sync, a
 * resolution) or cuts the network. Those actions thus land between checkpoint, changes, diff, createUpdates
 * and bulkUpdate, in both directions.
 *
 * <p>Every record carries, in its data, the ids of the writes it causally includes ({@code hist}), which
 * travels with replicated data as protosim's ghost sets do; a deleted record's history is approximated by
 * the union of what every delete of it had seen. A resolution counts as a report for the record (a user
 * discarding writes by choosing a side is not a loss).
 *
 * <p>rev/prev cannot tell two occurrences of one revision apart (PROTOCOL.md 9.4.10): a value that comes back
 * (A, B, A), and every tombstone, whose revision is null. Where a record's value came back on some store, or
 * a diff had to compare two null revisions for it (a change made on top of a tombstone against a tombstone,
 * or the reverse), a loss on that record is recorded and printed as that known limit rather than failed;
 * every other loss fails.
 *
 * <p>Two mixes run: protosim's own, and a denser one. {@code -Dschedule.seed=N} sets the first seed (schedules
 * use N, N+1, ...), {@code -Dschedule.runs=R} their number (2000 by default); a failure names the seeds and
 * prints the log of the first, and one seed replays with {@code -Dschedule.runs=1}.
 */
class RandomScheduleTest {
    static final ModelDefinition ITEM = ModelDefinition.builder("Item")
            .property(Property.of("value", PropertyType.STRING))
            .property(Property.of("hist", PropertyType.ARRAY))
            .build();
    static final ModelDefinition LOCAL_ITEM = ModelDefinition.builder("LocalItem")
            .property(Property.of("value", PropertyType.STRING))
            .property(Property.of("hist", PropertyType.ARRAY))
            .build();

    private static final int CLIENTS = 3;
    /** Steps of a sync at which an action or a failure can be placed: before and after each server call. */
    private static final int POINTS = 26;
    /** Steps of a typical whole sync with changes both ways (two passes each way). */
    private static final int SYNC_POINTS = 20;

    // ---- the schedule --------------------------------------------------------------------------------

    enum Kind {
        CLIENT_WRITE, SERVER_WRITE, SYNC, RESOLVE
    }

    /** One action of a schedule, generated up front from the seed. */
    static final class Action {
        Kind kind;
        int client;
        String write;          // create, update, delete
        double arg;            // which record, or which open conflict
        boolean useSource;     // resolution: keep the local version
        boolean cont;          // sync: pull even when the push failed
        Set<Integer> failAt = Collections.emptySet();
        List<Embedded> embedded = Collections.emptyList();

        @Override
        public String toString() {
            switch (kind) {
                case CLIENT_WRITE:
                    return "C" + client + " " + write;
                case SERVER_WRITE:
                    return "third-party " + write + " on S";
                case SYNC:
                    return "C" + client + " sync" + (cont ? "" : " (no pull after a failed push)")
                            + (failAt.isEmpty() ? "" : " failing at " + failAt) + (embedded.isEmpty() ? "" : " with " + embedded);
                default:
                    return "C" + client + " resolves using " + (useSource ? "source" : "target");
            }
        }
    }

    /** An action placed at a step of a sync. */
    static final class Embedded {
        final int point;
        final Action action;

        Embedded(int point, Action action) {
            this.point = point;
            this.action = action;
        }

        @Override
        public String toString() {
            return "@" + point + ": " + action;
        }
    }

    private static Action write(Random r, Kind kind, int client) {
        Action a = new Action();
        a.kind = kind;
        a.client = client;
        double y = r.nextDouble();
        a.write = y < 0.1 ? "create" : y < 0.22 ? "delete" : "update";
        a.arg = r.nextDouble();
        return a;
    }

    private static Action resolve(Random r) {
        Action a = new Action();
        a.kind = Kind.RESOLVE;
        a.client = r.nextInt(CLIENTS);
        a.arg = r.nextDouble();
        a.useSource = r.nextBoolean();
        return a;
    }

    private static Set<Integer> failures(Random r) {
        Set<Integer> points = new TreeSet<>();
        if (r.nextDouble() < 0.45) {
            points.add(r.nextInt(POINTS));
            if (r.nextDouble() < 0.2) {
                points.add(r.nextInt(POINTS));
            }
        }
        return points;
    }

    private static Action sync(Random r, int client, boolean nested) {
        Action a = new Action();
        a.kind = Kind.SYNC;
        a.client = client;
        a.cont = r.nextBoolean();
        a.failAt = failures(r);
        if (!nested) {
            int n = r.nextInt(4);
            a.embedded = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int point = r.nextInt(POINTS);
                double y = r.nextDouble();
                Action e;
                if (y < 0.35) {
                    e = write(r, Kind.CLIENT_WRITE, r.nextInt(CLIENTS));
                } else if (y < 0.6) {
                    e = write(r, Kind.SERVER_WRITE, -1);
                } else if (y < 0.8) {
                    e = sync(r, (client + 1 + r.nextInt(CLIENTS - 1)) % CLIENTS, true);
                } else {
                    e = resolve(r);
                }
                a.embedded.add(new Embedded(point, e));
            }
            a.embedded.sort((x, y2) -> Integer.compare(x.point, y2.point));
        }
        return a;
    }

    /**
     * protosim's mix ({@code gen_schedule}): 36% steps of the running sync, 22% client writes, 6% third-party
     * writes, 13% sync starts, 8% network failures of the running sync, 15% resolutions. The actions that
     * follow a sync start, until it has advanced through a whole sync's steps, are placed at its current step
     * (another client's sync started meanwhile runs there whole), as protosim's interleaving would run them.
     */
    static List<Action> generateLikeProtosim(Random r) {
        int steps = 30 + r.nextInt(31);
        List<Action> out = new ArrayList<>();
        Action running = null;
        int point = 0;
        for (int i = 0; i < steps; i++) {
            double x = r.nextDouble();
            Action a;
            if (x < 0.36) {
                if (running != null) {
                    point += 1 + r.nextInt(6);
                    if (point >= SYNC_POINTS) {
                        running = null;
                    }
                }
                continue;
            } else if (x < 0.58) {
                a = write(r, Kind.CLIENT_WRITE, r.nextInt(CLIENTS));
            } else if (x >= 0.94) {
                a = write(r, Kind.SERVER_WRITE, -1);
            } else if (x < 0.71) {
                a = new Action();
                a.kind = Kind.SYNC;
                a.client = r.nextInt(CLIENTS);
                a.cont = r.nextBoolean();
                a.failAt = new TreeSet<>();
                if (running == null) {
                    a.embedded = new ArrayList<>();
                    running = a;
                    point = 0;
                    out.add(a);
                    continue;
                }
                if (a.client == running.client) {
                    continue; // protosim: that client's sync is already running
                }
            } else if (x < 0.79) {
                if (running != null) {
                    running.failAt.add(point);
                }
                continue;
            } else {
                a = resolve(r);
            }
            if (running != null) {
                running.embedded.add(new Embedded(point, a));
            } else {
                out.add(a);
            }
        }
        return out;
    }

    /** A denser mix than protosim's: a third of the actions are syncs, each with up to three actions inside. */
    static List<Action> generateDense(Random r) {
        int steps = 30 + r.nextInt(31);
        List<Action> out = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            double x = r.nextDouble();
            if (x < 0.32) {
                out.add(write(r, Kind.CLIENT_WRITE, r.nextInt(CLIENTS)));
            } else if (x < 0.45) {
                out.add(write(r, Kind.SERVER_WRITE, -1));
            } else if (x < 0.78) {
                out.add(sync(r, r.nextInt(CLIENTS), false));
            } else {
                out.add(resolve(r));
            }
        }
        return out;
    }

    // ---- one run -------------------------------------------------------------------------------------

    /** A client: its store, replica, stepped view of the server and replicator. */
    static final class Client {
        final String name;
        final LocalReplica local;
        final SteppedReplica remote;
        final Replicator replicator;

        Client(String name, LocalReplica server, int pageSize) {
            this.name = name;
            this.local = new LocalReplica(new MemoryStore(), LOCAL_ITEM);
            this.remote = new SteppedReplica(server);
            this.replicator = new Replicator(local, remote, "server", pageSize, Filter.ALL);
        }
    }

    /** What a write was: its record, kind and time. */
    static final class Write {
        final String id;
        final String kind;
        final String who;
        final int time;

        Write(String id, String kind, String who, int time) {
            this.id = id;
            this.kind = kind;
            this.who = who;
            this.time = time;
        }
    }

    /** A resolveUsingSource: the state the user chose to keep. */
    static final class Resolution {
        final String client;
        final String id;
        final int time;
        final Set<String> chosen;     // null: the record was deleted

        Resolution(String client, String id, int time, Set<String> chosen) {
            this.client = client;
            this.id = id;
            this.time = time;
            this.chosen = chosen;
        }
    }

    /** The outcome of one schedule. */
    static final class Outcome {
        final long seed;
        final List<String> violations = new ArrayList<>();
        final List<String> knownLimit = new ArrayList<>();
        int episodes;
        int falseEpisodes;
        int syncs;
        int failedSyncs;
        List<String> log;

        Outcome(long seed) {
            this.seed = seed;
        }
    }

    /** One schedule run against fresh stores. */
    static final class Sim {
        final Random rng;
        final LocalReplica server = new LocalReplica(new MemoryStore(), ITEM);
        final Client[] clients = new Client[CLIENTS];
        final Outcome outcome;
        final List<String> log;
        int time;
        int nextId;
        int writeCount;
        final Map<String, Write> writes = new LinkedHashMap<>();
        final Map<String, List<Integer>> events = new HashMap<>();
        final Map<String, Set<String>> deleted = new HashMap<>();
        final List<Resolution> resolutions = new ArrayList<>();
        /**
         * Records whose revision repeated (PROTOCOL.md 9.4.10): a store's record back to an earlier value, or a
         * decision that compared two null revisions (every delete makes the same revision, null).
         */
        final Set<String> repeated = new TreeSet<>();
        final Map<String, String> lastValue = new HashMap<>();
        final Map<String, Set<String>> pastValues = new HashMap<>();

        Sim(long seed, int[] pageSizes, boolean logging) {
            this.rng = new Random(seed * 7919 + 17);
            this.outcome = new Outcome(seed);
            this.log = logging ? new ArrayList<>() : null;
            outcome.log = log;
            for (int c = 0; c < CLIENTS; c++) {
                Client client = new Client("C" + c, server, pageSizes[c]);
                clients[c] = client;
                client.remote.observe((method, when, argument, result) -> watchTombstones(client, method, when, argument,
                        result));
            }
            write(server, "S", "create", 0);
            write(server, "S", "create", 0);
        }

        void say(String message) {
            if (log != null) {
                log.add(String.format("%4d %s", time, message));
            }
        }

        // ---- writes

        static Set<String> hist(Map<String, Object> record) {
            Set<String> out = new TreeSet<>();
            if (record != null) {
                for (Object o : (List<?>) record.get("hist")) {
                    out.add((String) o);
                }
            }
            return out;
        }

        void write(LocalReplica st, String who, String kind, double arg) {
            String wid = who + "." + (++writeCount);
            String id;
            if (kind.equals("create")) {
                id = "k" + nextId++;
                st.create(record(id, wid, new TreeSet<>(Collections.singleton(wid))));
            } else {
                List<Map<String, Object>> all = st.find(Filter.ALL);
                if (all.isEmpty()) {
                    return;
                }
                Map<String, Object> target = all.get((int) (arg * all.size()));
                id = (String) target.get("id");
                Set<String> h = hist(target);
                if (kind.equals("delete")) {
                    h.add(wid);
                    deleted.computeIfAbsent(id, k -> new TreeSet<>()).addAll(h);
                    st.deleteById(id);
                } else {
                    h.add(wid);
                    Map<String, Object> patch = new LinkedHashMap<>();
                    patch.put("value", wid);
                    patch.put("hist", new ArrayList<Object>(h));
                    st.patchById(id, patch);
                }
            }
            writes.put(wid, new Write(id, kind, who, time));
            say(who + " " + kind + " " + id + (kind.equals("delete") ? "" : " := " + wid));
        }

        static Map<String, Object> record(String id, String value, Set<String> hist) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", id);
            r.put("value", value);
            r.put("hist", new ArrayList<Object>(hist));
            return r;
        }

        /** What a store's state of a record includes: its hist, or for a deleted record what deletes had seen. */
        Set<String> history(LocalReplica st, String id) {
            Map<String, Object> r = st.findById(id);
            if (r != null) {
                return hist(r);
            }
            Set<String> d = deleted.get(id);
            return d == null ? new TreeSet<>() : d;
        }

        // ---- conflicts

        void event(String id) {
            events.computeIfAbsent(id, k -> new ArrayList<>()).add(time);
        }

        Set<String> openIds(Client c) {
            Set<String> out = new TreeSet<>();
            for (Conflict x : c.replicator.openConflicts()) {
                out.add(x.modelId());
            }
            return out;
        }

        void runDone(Client c, String direction, ReplicationResult result, Set<String> openBefore) {
            for (Conflict x : result.conflicts()) {
                String id = x.modelId();
                event(id);
                if (openBefore.add(id)) {
                    outcome.episodes++;
                    Set<String> mine = history(c.local, id);
                    Set<String> theirs = history(server, id);
                    boolean nested = mine.containsAll(theirs) || theirs.containsAll(mine);
                    if (nested) {
                        outcome.falseEpisodes++;
                    }
                    say(c.name + " " + direction + " conflict on " + id + (nested ? " (FALSE: histories nested)" : "")
                            + " local " + c.local.findById(id) + " server " + server.findById(id));
                }
            }
            say(c.name + " " + direction + " done: applied " + result.applied() + ", conflicts "
                    + result.conflicts());
        }

        void resolve(Client c, double arg, boolean useSource) {
            List<Conflict> open = c.replicator.openConflicts();
            if (open.isEmpty()) {
                return;
            }
            Conflict x = open.get((int) (arg * open.size()));
            resolve(c, x, useSource);
        }

        void resolve(Client c, Conflict x, boolean useSource) {
            String id = x.modelId();
            event(id);
            if (useSource) {
                Map<String, Object> mine = c.local.findById(id);
                if (!java.util.Objects.equals(mine, server.findById(id))) {
                    // (when both sides already agree, the choice keeps nothing the server lacks, as in protosim)
                    resolutions.add(new Resolution(c.name, id, time, mine == null ? null : hist(mine)));
                }
                x.resolveUsingSource();
            } else {
                x.resolveUsingTarget();
            }
            say(c.name + " resolves " + id + " using " + (useSource ? "source" : "target") + ": local now "
                    + c.local.findById(id) + ", server " + server.findById(id));
        }

        // ---- syncs

        /** A push then a pull; a network failure (or data deleted under a run) ends a direction. */
        void sync(Client c, Action a, SteppedReplica.Hook hook) {
            outcome.syncs++;
            say(c.name + " starts sync" + (a == null ? "" : " " + a));
            c.remote.hook(hook);
            try {
                boolean pushed = direction(c, "push");
                if (pushed || a == null || a.cont) {
                    direction(c, "pull");
                }
            } finally {
                c.remote.hook(SteppedReplica.NONE);
            }
        }

        boolean direction(Client c, String direction) {
            Set<String> openBefore = openIds(c);
            try {
                ReplicationResult r = direction.equals("push") ? c.replicator.push() : c.replicator.pull();
                runDone(c, direction, r, openBefore);
                observe();
                return true;
            } catch (SyncException e) {
                if (e.statusCode() != 503 && !"MISSING_DATA".equals(e.code())) {
                    throw e;
                }
                outcome.failedSyncs++;
                observe();
                say(c.name + " " + direction + " fails: " + e.getMessage());
                return false;
            }
        }

        void run(Action a, boolean topLevel) {
            time++;
            switch (a.kind) {
                case CLIENT_WRITE:
                    write(clients[a.client].local, "C" + a.client, a.write, a.arg);
                    break;
                case SERVER_WRITE:
                    write(server, "S", a.write, a.arg);
                    break;
                case RESOLVE:
                    resolve(clients[a.client], a.arg, a.useSource);
                    break;
                default:
                    runSync(a, topLevel);
            }
            observe();
        }

        /**
         * Notes the records for which a diff compares two null revisions: a change made on top of a tombstone
         * ({@code prev: null}) against the target's tombstone, or a tombstone against a change made on top of
         * one. All tombstones look alike, so such a decision cannot tell which delete it is about.
         */
        @SuppressWarnings("unchecked")
        void watchTombstones(Client c, String method, SteppedReplica.When when, Object argument, Object result) {
            if (method.equals("diff") && when == SteppedReplica.When.BEFORE) {
                for (dev.isosync.change.Change r : (List<dev.isosync.change.Change>) argument) {
                    compareNulls(r, server.findLastChange(r.modelId()));
                }
            } else if (method.equals("changesPage") && when == SteppedReplica.When.AFTER) {
                for (dev.isosync.change.Change r : ((dev.isosync.replica.ChangesPage) result).changes()) {
                    compareNulls(r, c.local.findLastChange(r.modelId()));
                }
            }
        }

        private void compareNulls(dev.isosync.change.Change source, dev.isosync.change.Change target) {
            if (target == null) {
                return;
            }
            boolean onTombstone = source.hasPrev() && source.prev() == null && target.rev() == null;
            boolean againstOne = target.hasPrev() && target.prev() == null && source.rev() == null;
            if ((onTombstone || againstOne) && repeated.add(source.modelId())) {
                say("  " + source.modelId() + ": " + source + " compared with " + target + ", two null revisions");
            }
        }

        /** Notes every store's state of every record, to see revisions come back (A, then B, then A again). */
        void observe() {
            observe("S", server);
            for (Client c : clients) {
                observe(c.name, c.local);
            }
        }

        private void observe(String store, LocalReplica st) {
            Map<String, String> now = new HashMap<>();
            for (Map<String, Object> r : st.find(Filter.ALL)) {
                now.put((String) r.get("id"), (String) r.get("value"));
            }
            for (int i = 0; i < nextId; i++) {
                String id = "k" + i;
                String key = store + "/" + id;
                String value = now.getOrDefault(id, "(deleted)");
                String last = lastValue.get(key);
                if (last == null && value.equals("(deleted)")) {
                    continue; // not there yet
                }
                if (!value.equals(last)) {
                    // a data value back (A, B, A); a record deleted again is not (two deletes are seen by their diff)
                    if (!pastValues.computeIfAbsent(key, k -> new java.util.HashSet<>()).add(value)
                            && !value.equals("(deleted)")) {
                        repeated.add(id);
                        say("  revision of " + id + " on " + store + " is back to " + value);
                    }
                    lastValue.put(key, value);
                }
            }
        }

        void runSync(Action a, boolean topLevel) {
            Client c = clients[a.client];
            List<Embedded> pending = new ArrayList<>(topLevel ? a.embedded : Collections.emptyList());
            sync(c, a, (method, index, when) -> {
                int point = index * 2 + (when == SteppedReplica.When.AFTER ? 1 : 0);
                while (!pending.isEmpty() && pending.get(0).point <= point) {
                    Embedded e = pending.remove(0);
                    say("  (" + c.name + " " + when.name().toLowerCase() + " " + method + ")");
                    run(e.action, false);
                }
                if (a.failAt.contains(point)) {
                    throw SteppedReplica.networkFailure(when.name().toLowerCase() + " " + method + " (step " + point + ")");
                }
            });
            for (Embedded e : pending) {
                run(e.action, false);
            }
        }

        // ---- the quiet phase and the checks

        List<List<Map<String, Object>>> signature() {
            List<List<Map<String, Object>>> all = new ArrayList<>();
            all.add(server.find(Filter.ALL));
            for (Client c : clients) {
                all.add(c.local.find(Filter.ALL));
            }
            return all;
        }

        boolean converged() {
            List<Map<String, Object>> s = server.find(Filter.ALL);
            for (Client c : clients) {
                if (!s.equals(c.local.find(Filter.ALL))) {
                    return false;
                }
            }
            return true;
        }

        boolean anyOpen() {
            for (Client c : clients) {
                if (!c.replicator.openConflicts().isEmpty()) {
                    return true;
                }
            }
            return false;
        }

        void quiesce() {
            say("---- quiet phase ----");
            Object last = null;
            for (int round = 0; round < 12; round++) {
                int reportsBefore = reports();
                for (Client c : clients) {
                    for (Conflict x : c.replicator.openConflicts()) {
                        time++;
                        resolve(c, x, rng.nextBoolean());
                    }
                    time++;
                    sync(c, null, SteppedReplica.NONE);
                }
                boolean quiet = reportsBefore == reports();
                Object sig = signature();
                if (quiet && !anyOpen() && (converged() || sig.equals(last))) {
                    return;
                }
                last = sig;
            }
        }

        int reports() {
            int n = 0;
            for (List<Integer> e : events.values()) {
                n += e.size();
            }
            return n;
        }

        boolean reportedAtOrAfter(String id, int t) {
            for (int e : events.getOrDefault(id, Collections.emptyList())) {
                if (e >= t) {
                    return true;
                }
            }
            return false;
        }

        /** A broken rule: a failure, unless the record's revision repeated (the known limit of PROTOCOL.md 9.4.10). */
        void violation(String id, String message) {
            if (repeated.contains(id)) {
                outcome.knownLimit.add(message + " [revision of " + id + " repeated]");
            } else {
                outcome.violations.add(message);
            }
        }

        void evaluate() {
            if (!converged()) {
                Set<String> differing = new TreeSet<>();
                for (int i = 0; i < nextId; i++) {
                    String id = "k" + i;
                    Map<String, Object> s = server.findById(id);
                    for (Client c : clients) {
                        if (!java.util.Objects.equals(s, c.local.findById(id))) {
                            differing.add(id);
                        }
                    }
                }
                for (String id : differing) {
                    StringBuilder b = new StringBuilder("stores differ on " + id + " after the quiet phase: server "
                            + server.findById(id));
                    for (Client c : clients) {
                        b.append(", ").append(c.name).append(' ').append(c.local.findById(id));
                    }
                    violation(id, b.toString());
                }
            }
            for (Client c : clients) {
                for (String id : openIds(c)) {
                    violation(id, "conflict on " + id + " still open at " + c.name + " after the quiet phase");
                }
            }
            for (Map.Entry<String, Write> e : writes.entrySet()) {
                String wid = e.getKey();
                Write w = e.getValue();
                Map<String, Object> fin = server.findById(w.id);
                boolean kept = w.kind.equals("delete") ? fin == null : history(server, w.id).contains(wid);
                if (!kept && !reportedAtOrAfter(w.id, w.time)) {
                    violation(w.id, "write " + wid + " (" + w.kind + " of " + w.id + " at t=" + w.time
                            + ") lost with no conflict reported: final " + fin);
                }
            }
            for (Resolution r : resolutions) {
                Map<String, Object> fin = server.findById(r.id);
                boolean kept = r.chosen == null ? fin == null : history(server, r.id).containsAll(r.chosen);
                if (!kept && !reportedAtOrAfter(r.id, r.time + 1)) {
                    violation(r.id, "resolution of " + r.id + " by " + r.client + " at t=" + r.time + " keeping "
                            + (r.chosen == null ? "the delete" : r.chosen) + " lost: final " + fin);
                }
            }
        }
    }

    /** The mix of actions in a schedule. */
    enum Mix {
        PROTOSIM, DENSE
    }

    static Outcome runSchedule(Mix mix, long seed, boolean logging) {
        Random r = new Random(seed);
        int[] pageSizes = new int[CLIENTS];
        for (int c = 0; c < CLIENTS; c++) {
            double p = r.nextDouble();
            pageSizes[c] = p < 0.6 ? 500 : p < 0.8 ? 2 : 1;
        }
        List<Action> actions = mix == Mix.DENSE ? generateDense(r) : generateLikeProtosim(r);
        Sim sim = new Sim(seed, pageSizes, logging);
        sim.say("page sizes " + pageSizes[0] + ", " + pageSizes[1] + ", " + pageSizes[2]);
        try {
            for (Action a : actions) {
                sim.run(a, true);
            }
            sim.quiesce();
            sim.evaluate();
        } catch (RuntimeException | AssertionError e) {
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(trace));
            sim.outcome.violations.add("unexpected " + trace);
        }
        return sim.outcome;
    }

    /** protosim's own mix of actions: B-fix2 shows no divergence, loss or lost resolution there. */
    @Test
    void schedulesInProtosimsMixConvergeAndLoseNothing() throws Exception {
        runSchedules(Mix.PROTOSIM, "schedulesInProtosimsMixConvergeAndLoseNothing");
    }

    /**
     * A denser mix (every sync runs to its end, a third of the actions are syncs with actions inside them):
     * ten times the conflicts, and it reaches what the sparser mix rarely does, such as a resolution made
     * while the same client's sync is between two passes.
     */
    @Test
    void denseSchedulesConvergeAndLoseNothing() throws Exception {
        runSchedules(Mix.DENSE, "denseSchedulesConvergeAndLoseNothing");
    }

    private static void runSchedules(Mix mix, String test) throws Exception {
        long firstSeed = Long.getLong("schedule.seed", 1L);
        int runs = Integer.getInteger("schedule.runs", 2000);
        int threads = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                long seed = firstSeed + i;
                futures.add(pool.submit(() -> runSchedule(mix, seed, runs == 1)));
            }
            List<Outcome> failed = new ArrayList<>();
            List<Outcome> limited = new ArrayList<>();
            int falseRuns = 0;
            int episodes = 0;
            int syncs = 0;
            int failedDirections = 0;
            for (Future<Outcome> f : futures) {
                Outcome o = f.get(10, TimeUnit.MINUTES);
                if (!o.violations.isEmpty()) {
                    failed.add(o);
                }
                if (!o.knownLimit.isEmpty()) {
                    limited.add(o);
                }
                if (o.falseEpisodes > 0) {
                    falseRuns++;
                }
                episodes += o.episodes;
                syncs += o.syncs;
                failedDirections += o.failedSyncs;
            }
            System.out.printf("%s mix: %d schedules from seed %d in %.1f s: %d syncs (%d directions failed), "
                    + "%d conflict episodes, false conflicts in %d runs (%.1f%%; protosim's B-fix2: about 2.5%%), "
                    + "%d runs with violations%n", mix.name().toLowerCase(), runs, firstSeed,
                    (System.nanoTime() - started) / 1e9, syncs, failedDirections, episodes, falseRuns,
                    100.0 * falseRuns / runs, failed.size());
            if (!limited.isEmpty()) {
                // recorded, not hidden: rev/prev cannot order a revision that comes back (PROTOCOL.md 9.4.10)
                System.out.printf("%d runs lost writes or diverged on records whose revision repeated (a value back, or "
                        + "two tombstones compared), the known limit of rev/prev; e.g.%n", limited.size());
                for (int i = 0; i < Math.min(5, limited.size()); i++) {
                    System.out.printf("  seed %d: %s%n", limited.get(i).seed, limited.get(i).knownLimit.get(0));
                }
            }
            if (runs == 1 && failed.isEmpty()) {
                for (String line : futures.get(0).get().log) {
                    System.out.println(line);
                }
            }
            if (!failed.isEmpty()) {
                throw new AssertionError(failureReport(mix, test, runs, failed));
            }
            assertTrue(episodes > 0, "the schedules must produce conflicts to test anything");
        } finally {
            pool.shutdownNow();
        }
    }

    private static String failureReport(Mix mix, String test, int runs, List<Outcome> failed) {
        StringBuilder message = new StringBuilder();
        message.append(failed.size()).append(" of ").append(runs).append(" schedules broke the rules; seeds");
        for (int i = 0; i < Math.min(20, failed.size()); i++) {
            message.append(' ').append(failed.get(i).seed);
        }
        message.append("\nreplay one with -Dtest=RandomScheduleTest#").append(test)
                .append(" -Dschedule.seed=<seed> -Dschedule.runs=1\n");
        for (int i = 0; i < Math.min(20, failed.size()); i++) {
            message.append("seed ").append(failed.get(i).seed).append(":\n");
            for (String v : failed.get(i).violations) {
                message.append("  ").append(v).append('\n');
            }
        }
        Outcome replay = runSchedule(mix, failed.get(0).seed, true);
        message.append("seed ").append(failed.get(0).seed).append(", log:\n");
        for (String line : replay.log) {
            message.append("  ").append(line).append('\n');
        }
        System.out.println(message);
        return message.toString();
    }
}
