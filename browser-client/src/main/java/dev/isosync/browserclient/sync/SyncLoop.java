package dev.isosync.browserclient.sync;

import dev.isosync.change.Change;
import dev.isosync.error.SyncException;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replication.Conflict;
import dev.isosync.replication.Direction;
import dev.isosync.replication.Replicator;
import dev.isosync.replication.SyncResult;
import dev.isosync.store.StoreTransaction;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the local store in sync with the server (DESIGN.md, "The browser client"): one thread that pushes
 * then pulls at start, after local writes, when the server's change stream says something changed, when the
 * browser comes back online, and on a fallback timer. After a failed run it backs off exponentially with jitter,
 * up to 30 s (Backoff), until a run succeeds or the network comes back. Everything it remembers between runs
 * ({@code since}, open conflicts) is in the store, kept by the {@link Replicator}.
 *
 * <p>Between runs the thread waits until the next run is due, and whoever makes one due wakes it, so a change
 * the server announces is pulled at once rather than at the next turn of a timer; such a run, when nothing here
 * waits to be pushed, pulls before it pushes, so the change is on screen sooner.
 */
public final class SyncLoop {
    /** Told after every run and whenever the status changes. */
    public interface Listener {
        void changed(SyncStatus status);
    }

    /** Told when a run succeeded, with its start and end ({@link Clock#now()}) and what each direction did. */
    public interface RunObserver {
        void ran(double startedAt, double endedAt, SyncResult result);
    }

    /**
     * Least time between the starts of two runs that local writes ask for: a write after a quiet spell is synced
     * at once, and the writes of a burst wait together for the next run. Runs that something else asked for (the
     * server's change stream, which also announces this device's own pushes) do not hold a write back.
     */
    static final int WRITE_SPACING_MS = 100;
    /** Sync at least this often even when nothing says so. */
    static final int FALLBACK_MS = 30_000;

    private final Replicator replicator;
    private final LocalReplica local;
    private final Listener listener;
    private final Clock clock;
    // set from event handlers without a monitor: JavaScript callbacks must not block
    private volatile double dueAt;
    private double nextFallback;
    private double notBefore;
    /** When the last run that a local write asked for started. */
    private double lastWriteRun = Double.NEGATIVE_INFINITY;
    /** A local write asked for a run that has not started yet. */
    private volatile boolean writeWaiting;
    /** Local writes announced so far ({@link #localWrite}), to tell whether any was made while a run went on. */
    private volatile int localWrites;
    /** The server's change stream asked for a run that has not started yet. */
    private volatile boolean serverChanged;
    /** What the loop's thread waits on between runs, and is notified through when a run becomes due. */
    private final Object wakeUp = new Object();
    private Thread thread;
    private boolean woken;
    private int failures;
    private boolean online = true;
    private double lastSynced;
    private String error;
    private boolean signInNeeded;
    private List<SyncStatus.ConflictView> conflicts = new ArrayList<>();
    /** Records received so far by the pull under way. */
    private int received;
    /** Local changes not yet pushed, as last counted. */
    private int pending;
    /** Whether {@link #pending} was counted yet. */
    private boolean pendingCounted;
    private RunObserver observer = (startedAt, endedAt, result) -> { };

    /** The current time and randomness, injected so tests can drive the loop. */
    public interface Clock {
        double now();

        double random();
    }

    public SyncLoop(Replicator replicator, LocalReplica local, Listener listener, Clock clock) {
        this.replicator = replicator;
        this.local = local;
        this.listener = listener;
        this.clock = clock;
        this.dueAt = clock.now();
        replicator.onProgress((direction, applied) -> {
            received = direction == dev.isosync.replication.Direction.PULL ? applied : received;
            // a batch changes no local change waiting to be pushed: counting them again would read every
            // change row after each batch of a long first pull
            listener.changed(status(true));
        });
    }

    /** Sets who is told of each successful run (the page records it as a User Timing measure). */
    public void onRun(RunObserver value) {
        this.observer = value;
    }

    /** Starts the loop's thread; the first sync runs at once. */
    public void start() {
        thread = new Thread(this::run);
        thread.start();
    }

    /** Ends the loop's thread once its current run, if any, is over (the page never does; tests do). */
    void stop() {
        thread.interrupt();
    }

    /**
     * Asks for a sync; call after every local write, as soon as it is stored. It starts at once, unless a run for an
     * earlier write started less than {@link #WRITE_SPACING_MS} ago: then it starts when that much time has passed,
     * for every write made meanwhile. A write made while a run is under way is synced by the next run; a run that
     * succeeded without hearing of a write meanwhile shows nothing waiting, without reading the store to count.
     */
    public void localWrite() {
        localWrites++;
        writeWaiting = true;
        dueAt = Math.min(dueAt, Math.max(clock.now(), lastWriteRun + WRITE_SPACING_MS));
        wake();
        report(false);
    }

    /** Asks for a sync now: the server changed, or the network came back (back-off is forgotten). */
    public void syncNow(boolean networkBack) {
        if (networkBack) {
            failures = 0;
            notBefore = 0;
        } else {
            serverChanged = true;
        }
        dueAt = clock.now();
        wake();
    }

    /**
     * Tells the loop's thread to look again at when the next run is due. Callers may be JavaScript event handlers,
     * which must not wait for a monitor, so the notification goes out on a thread of its own.
     */
    private void wake() {
        new Thread(() -> {
            synchronized (wakeUp) {
                woken = true;
                wakeUp.notifyAll();
            }
        }).start();
    }

    private void run() {
        nextFallback = clock.now() + FALLBACK_MS;
        while (true) {
            double now = clock.now();
            if ((now >= dueAt || now >= nextFallback) && now >= notBefore) {
                dueAt = Double.MAX_VALUE;
                nextFallback = now + FALLBACK_MS;
                syncOnce();
                continue;
            }
            double next = Math.max(Math.min(dueAt, nextFallback), notBefore);
            try {
                synchronized (wakeUp) {
                    // a wake-up that came since the check above is not lost: it left the flag set
                    if (!woken) {
                        wakeUp.wait(Math.max(1, (long) Math.ceil(next - now)));
                    }
                    woken = false;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void syncOnce() {
        received = 0;
        // a run only the server asked for, with nothing waiting here, pulls first: the server's change reaches the
        // screen without waiting for a push that has nothing to send (it then only moves past what was pulled)
        boolean pullFirst = serverChanged && !writeWaiting;
        serverChanged = false;
        // the status counts the pending local changes; but when every local write since the last count asked for a
        // run (writeWaiting) and none did, none was made: the count still holds, and is not read again while the
        // server's change waits
        boolean countHolds = pullFirst && pendingCounted && pending == 0;
        report(true, countHolds ? pending : pending());
        pullFirst = pullFirst && pending == 0;
        double startedAt = clock.now();
        int writesBefore = localWrites;
        boolean synced = false;
        if (writeWaiting) {
            writeWaiting = false;
            lastWriteRun = startedAt;
        }
        try {
            SyncResult result = pullFirst ? replicator.pullThenPush() : replicator.sync();
            failures = 0;
            online = true;
            error = null;
            signInNeeded = false;
            lastSynced = clock.now();
            synced = true;
            observer.ran(startedAt, lastSynced, result);
        } catch (SyncException e) {
            online = e.statusCode() != 503;
            error = e.getMessage();
            signInNeeded = e.statusCode() == 401;
            backOff();
        } catch (RuntimeException e) {
            // not an answer the protocol expects (a bug, a garbled reply): retried as patiently as an outage
            error = e.getMessage();
            backOff();
        }
        conflicts = conflictViews();
        // after a run that pushed every local change made before it, and heard of none since, nothing waits: no
        // count is read (after a first pull it would read every pulled change row, each an echo)
        report(false, synced && localWrites == writesBefore ? 0 : pending());
    }

    /** After a failed run: the next one waits, longer after each failure in a row, and then runs by itself. */
    private void backOff() {
        failures++;
        notBefore = clock.now() + Backoff.delayMs(failures, clock.random());
        dueAt = notBefore;
    }

    private List<SyncStatus.ConflictView> conflictViews() {
        List<SyncStatus.ConflictView> views = new ArrayList<>();
        try {
            for (Conflict c : replicator.openConflicts()) {
                Conflict.Versions<java.util.Map<String, Object>> m = c.models();
                views.add(new SyncStatus.ConflictView(c.modelId(), m.source(), m.target()));
            }
        } catch (SyncException e) {
            return conflicts; // the server went away meanwhile: keep what we showed
        }
        return views;
    }

    /** The open conflict of that todo, to resolve it, or {@code null}. */
    public Conflict openConflict(String id) {
        for (Conflict c : replicator.openConflicts()) {
            if (c.modelId().equals(id)) {
                return c;
            }
        }
        return null;
    }

    private void report(boolean syncing) {
        report(syncing, pending());
    }

    /** Tells the listener, with {@code waiting} local changes not yet pushed. */
    private void report(boolean syncing, int waiting) {
        pending = waiting;
        pendingCounted = true;
        listener.changed(status(syncing));
    }

    private SyncStatus status(boolean syncing) {
        return new SyncStatus(online, syncing, lastSynced, pending, conflicts, error, syncing ? received : 0,
                signInNeeded);
    }

    /**
     * Local changes not yet pushed: rows at or after the push checkpoint that did not come from the server. Reads
     * the store, so call it on a thread that may suspend.
     */
    public int pending() {
        long since = replicator.since(Direction.PUSH).source();
        return local.store().read((StoreTransaction tx) -> {
            int n = 0;
            for (Change c : tx.changes(local.model(), since, Long.MAX_VALUE, null, 10_000)) {
                if (!c.isEcho() && c.type() != dev.isosync.change.ChangeType.UNKNOWN) {
                    n++;
                }
            }
            return n;
        });
    }
}
