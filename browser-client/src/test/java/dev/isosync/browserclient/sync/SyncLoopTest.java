package dev.isosync.browserclient.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.demo.Todo;
import dev.isosync.demo.TodoCodec;
import dev.isosync.error.SyncException;
import dev.isosync.memory.MemoryStore;
import dev.isosync.query.Filter;
import dev.isosync.query.Where;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replica.Replica;
import dev.isosync.replication.Replicator;
import dev.isosync.wire.HttpTransport;
import dev.isosync.wire.RemoteReplica;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sync loop on the JVM, against a server that cannot be reached, with time and jitter injected: the loop's
 * thread really runs and waits, but only the test moves the clock, so when each run happens is exact.
 */
class SyncLoopTest {
    /** Real time allowed for the loop's thread to react to a change the test made. */
    private static final long REACT_MS = 10_000;
    /** Real time the loop is given to show that it does not run. */
    private static final long QUIET_MS = 300;

    private final TestClock clock = new TestClock();
    /** The clock's time at the start of each run (its first request, which fails). */
    private final List<Double> runs = new CopyOnWriteArrayList<>();
    /** Runs that have ended, with their failure recorded. */
    private final List<SyncStatus> ended = new CopyOnWriteArrayList<>();
    private SyncLoop loop;

    @AfterEach
    void stopLoop() {
        if (loop != null) {
            loop.stop();
        }
    }

    @Test
    void repeatedFailuresSpaceOutExponentiallyWithTheDrawnJitter() {
        // each draw gives a wait between half the ceiling (1 s, doubling per failure, at most 30 s) and the ceiling
        clock.draws(0, 0.5, 0.25, 0.75, 0.5, 0.875, 1023.0 / 1024);
        startAgainstUnreachableServer(outage());
        awaitRunsEnded(1);
        double[] expectedWaits = {500, 1500, 2500, 7000, 12000, 28125, 29985.3515625};
        for (double wait : expectedWaits) {
            assertNextRunComesAfter(wait);
        }
        for (int i = 1; i < runs.size(); i++) {
            double gap = runs.get(i) - runs.get(i - 1);
            double ceiling = Math.min(30_000, 1000 * Math.pow(2, i - 1));
            assertTrue(gap >= ceiling / 2 && gap <= ceiling, "wait " + i + " of " + runs + " is " + gap);
        }
        assertEquals(false, ended.get(ended.size() - 1).online, "an unreachable server is shown as offline");
    }

    @Test
    void theNetworkComingBackEndsTheBackOffAndStartsItAgainFromTheFirstStep() {
        clock.draws(0, 0, 0, 0);
        startAgainstUnreachableServer(outage());
        awaitRunsEnded(1);
        assertNextRunComesAfter(500);
        assertNextRunComesAfter(1000); // three failures in a row now: the next run would wait 2 s at the earliest
        int before = runs.size();

        loop.syncNow(true); // the browser's online event
        await(() -> runs.size() == before + 1, "a run at once");
        assertEquals(clock.now(), runs.get(before), "the run started without waiting");
        awaitRunsEnded(before + 1);
        assertNextRunComesAfter(500); // it failed again: counted as the first failure, not the fourth
    }

    @Test
    void aServerChangeDoesNotCutTheBackOffShort() {
        clock.draws(0, 0);
        startAgainstUnreachableServer(outage());
        awaitRunsEnded(1);
        clock.set(400);
        loop.syncNow(false); // the change stream reports a write
        quietly();
        assertEquals(1, runs.size(), "no run before the back-off is over: " + runs);
        assertNextRunComesAfter(500); // at 500, as the first back-off said
    }

    @Test
    void anUnexpectedErrorIsRetriedWithTheSameBackOff() {
        clock.draws(0, 0.5);
        startAgainstUnreachableServer((method, path, body) -> {
            throw new IllegalStateException("a reply the client cannot read");
        });
        awaitRunsEnded(1);
        assertEquals("a reply the client cannot read", ended.get(0).error);
        assertNextRunComesAfter(500);
        assertNextRunComesAfter(1500);
    }

    @Test
    void aWriteAfterAServerChangeSyncsAtOnceAndTheWritesOfABurstWaitTogether() {
        LocalReplica todos = new LocalReplica(new MemoryStore(), Todo.DEFINITION);
        LocalReplica server = new LocalReplica(new MemoryStore(), Todo.DEFINITION);
        List<Double> started = new CopyOnWriteArrayList<>();
        List<Double> finished = new CopyOnWriteArrayList<>();
        clock.set(1); // a sync that ended at time 0 would read as never synced
        loop = new SyncLoop(new Replicator(todos, server, "server", 100, Filter.ALL), todos, status -> { }, clock);
        loop.onRun((startedAt, endedAt, result) -> {
            started.add(startedAt);
            finished.add(endedAt);
        });
        loop.start();
        await(() -> finished.size() == 1, "the first run, at start");

        clock.set(1000);
        loop.syncNow(false); // the change stream: it also announces this device's own pushes
        await(() -> finished.size() == 2, "a run for the server's change");
        clock.set(1010);
        todos.create(java.util.Map.of("id", "t1", "title", "one"));
        loop.localWrite();
        await(() -> finished.size() == 3, "a run for the write, at once");
        assertEquals(1010.0, started.get(2), "the run the server's change asked for holds no write back");
        assertEquals("one", server.findById("t1").get("title"));

        clock.set(1050);
        todos.create(java.util.Map.of("id", "t2", "title", "two"));
        loop.localWrite();
        quietly();
        assertEquals(3, started.size(), "a second write within " + SyncLoop.WRITE_SPACING_MS + " ms waits");
        clock.set(1010 + SyncLoop.WRITE_SPACING_MS);
        await(() -> finished.size() == 4, "the run for the second write");
        assertEquals(1010.0 + SyncLoop.WRITE_SPACING_MS, started.get(3));
        assertEquals("two", server.findById("t2").get("title"));
    }

    @Test
    void aWriteMadeWhileARunWentOnIsCountedAsWaitingUntilTheNextRunPushesIt() throws Exception {
        LocalReplica server = new LocalReplica(new MemoryStore(), Todo.DEFINITION);
        for (int i = 0; i < 300; i++) {
            server.create(todo("from the server " + i));
        }
        LocalReplica todos = new LocalReplica(new MemoryStore(), Todo.DEFINITION);
        AtomicBoolean writeDuringNextPull = new AtomicBoolean();
        // the server, except that when asked to, it has the app write a todo when a pull starts: after the push
        Replica remote = (Replica) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Replica.class},
                (proxy, method, args) -> {
                    if (method.getName().endsWith("heckpointAndChangesPage") && writeDuringNextPull.getAndSet(false)) {
                        todos.create(todo("written during the pull"));
                        loop.localWrite();
                    }
                    try {
                        return method.invoke(server, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        AtomicInteger runsEnded = new AtomicInteger();
        List<SyncStatus> afterRuns = new CopyOnWriteArrayList<>();
        loop = new SyncLoop(new Replicator(todos, remote, "server", 100, Filter.ALL), todos, status -> {
            if (!status.syncing && runsEnded.get() > afterRuns.size()) {
                afterRuns.add(status); // the status the run ended with
            }
        }, clock);
        loop.onRun((startedAt, endedAt, result) -> runsEnded.incrementAndGet());
        loop.start();
        await(() -> afterRuns.size() == 1, "the first run");
        assertEquals(300L, todos.count(Where.ALL), "the first run pulled every todo");
        assertEquals(0, afterRuns.get(0).pending, "what a pull brought waits for nothing");

        todos.create(todo("written before the run"));
        writeDuringNextPull.set(true);
        loop.localWrite();
        await(() -> afterRuns.size() == 2, "the run the write asked for");
        assertEquals(1, afterRuns.get(1).pending, "the push went before the write made during the pull");

        clock.set(clock.now() + SyncLoop.WRITE_SPACING_MS); // when the next run for a write may start
        await(() -> afterRuns.size() == 3, "the run for the write made during the last one");
        assertEquals(0, afterRuns.get(2).pending);
        assertEquals(302L, server.count(Where.ALL), "both writes reached the server");
    }

    private static Map<String, Object> todo(String title) {
        return TodoCodec.toRecord(new Todo(null, title, false, 0.0));
    }

    /** A transport that finds no server, as XMLHttpRequest's status 0 is reported. */
    private static HttpTransport outage() {
        return (method, path, body) -> {
            throw SyncException.unavailable(method + " " + path + ": the server cannot be reached", null);
        };
    }

    private void startAgainstUnreachableServer(HttpTransport failing) {
        LocalReplica todos = new LocalReplica(new MemoryStore(), Todo.DEFINITION);
        HttpTransport recorded = (method, path, body) -> {
            runs.add(clock.now()); // every run fails at its first request
            return failing.send(method, path, body);
        };
        Replicator replicator = new Replicator(todos, new RemoteReplica(recorded, Todo.DEFINITION), "server", 100,
                Filter.ALL);
        loop = new SyncLoop(replicator, todos, status -> {
            if (!status.syncing && status.error != null) {
                ended.add(status);
            }
        }, clock);
        loop.start();
    }

    /**
     * The run after the last one ended comes {@code wait} ms after the last run started: not a millisecond
     * earlier, even when the loop is nudged, and by itself once that time has come.
     */
    private void assertNextRunComesAfter(double wait) {
        int before = runs.size();
        double due = runs.get(before - 1) + wait;
        clock.set(due - 1);
        loop.syncNow(false);
        quietly();
        assertEquals(before, runs.size(), "no run 1 ms before " + due + ": " + runs);
        clock.set(due);
        await(() -> runs.size() == before + 1, "a run at " + due + "; runs so far: " + runs);
        assertEquals(due, runs.get(before));
        awaitRunsEnded(before + 1);
    }

    private void awaitRunsEnded(int count) {
        await(() -> ended.size() >= count, count + " runs ended");
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.currentTimeMillis() + REACT_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            sleep(5);
        }
    }

    private static void quietly() {
        sleep(QUIET_MS);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Time that moves only when the test moves it, and jitter draws given in advance (then 0.5 each). */
    private static final class TestClock implements SyncLoop.Clock {
        private volatile double now;
        private final Deque<Double> draws = new ArrayDeque<>();

        void set(double value) {
            now = value;
        }

        synchronized void draws(double... values) {
            for (double v : values) {
                draws.add(v);
            }
        }

        @Override
        public double now() {
            return now;
        }

        @Override
        public synchronized double random() {
            return draws.isEmpty() ? 0.5 : draws.remove();
        }
    }
}
