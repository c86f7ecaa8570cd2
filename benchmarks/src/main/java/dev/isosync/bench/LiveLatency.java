package dev.isosync.bench;

import dev.isosync.client.JdkHttpTransport;
import dev.isosync.demo.Todo;
import dev.isosync.json.Json;
import dev.isosync.memory.MemoryStore;
import dev.isosync.query.Filter;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replication.Replicator;
import dev.isosync.server.ServerConfig;
import dev.isosync.server.SyncServer;
import dev.isosync.wire.HttpTransport;
import dev.isosync.wire.RemoteReplica;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Live update latency: how long after a write a second device shows it. Device B is the demo app in headless
 * Chromium; a write renames one of its todos, either through the server's REST API ({@code PATCH /api/Todos/{id}},
 * sent from this JVM) or in the demo app on device A, a second Chromium, as a person edits a title. The time the
 * new title appears in B's list is taken in B's page by a MutationObserver on the list, in epoch milliseconds
 * ({@code performance.timeOrigin + performance.now()}); the write's start in the JVM or in A's page on the same
 * clock of the same machine, so no driver polling limits the figure.
 *
 * <p>Baseline, for the same write: when the server's change stream announced it in B, taken in B's page by an
 * EventSource of its own on the stream the app listens to. That is the floor of "the server says something
 * changed, the page hears it"; the rest of the latency is the sync that follows. A random pause between writes
 * spreads them over the phases of the client's timers.
 */
final class LiveLatency {
    static final String WORKLOAD = "live update latency";
    /** Todos on the list; each write renames one of them, so the list B draws keeps its size. */
    static final int TODOS = 20;
    private static final int WARM_UP = 10;
    /** Renames a JVM device makes and pulls before the browsers open (see {@link #warmUp}). */
    static final int SERVER_WARM_UP = 2_000;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /**
     * Installed before the page's own scripts: notes when each title first appears in the list and when the
     * change stream first announces it, and lets the driver wait for both without polling.
     */
    private static final String PROBE = "(function () {"
            + " var shownAt = {}, announcedAt = {}, waiting = [];"
            + " function epochNow() { return performance.timeOrigin + performance.now(); }"
            + " function settle() { waiting = waiting.filter(function (waiter) {"
            + "   if (waiter.title in shownAt && waiter.title in announcedAt) {"
            + "     waiter.done({shown: shownAt[waiter.title], announced: announcedAt[waiter.title]}); return false; }"
            + "   return true; }); }"
            + " window.__isosyncLive = {"
            + "   waitFor: function (title, done) { waiting.push({title: title, done: done}); settle(); },"
            + "   now: epochNow };"
            + " function watchList() {"
            + "   new MutationObserver(function (mutations) { var at = epochNow();"
            + "     mutations.forEach(function (mutation) { mutation.addedNodes.forEach(function (node) {"
            + "       var label = node.querySelector ? node.querySelector('.title') : null;"
            + "       if (label && !(label.textContent in shownAt)) { shownAt[label.textContent] = at; } }); });"
            + "     settle();"
            + "   }).observe(document.getElementById('todo-list'), {childList: true}); }"
            + " if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', watchList); }"
            + " else { watchList(); }"
            + " var stream = new EventSource('/api/Todos/change-stream');"
            + " stream.addEventListener('data', function (message) { var at = epochNow();"
            + "   var payload = JSON.parse(message.data), title = payload.data ? payload.data.title : null;"
            + "   if (typeof title === 'string' && !(title in announcedAt)) { announcedAt[title] = at; }"
            + "   settle(); });"
            + "})();";

    /** Waits in B's page until the title was shown and announced; answers both times. */
    private static final String WAIT = "window.__isosyncLive.waitFor(arguments[0], arguments[arguments.length - 1]);";

    /**
     * Renames a todo in A's page as a person does: double-click its title, type, Enter. Answers the epoch time
     * just before the Enter, or an error.
     */
    private static final String EDIT = "var todoId = arguments[0], title = arguments[1];"
            + "var label = document.querySelector('#todo-list li[data-id=\"' + todoId + '\"] .title');"
            + "if (!label) { return {error: 'no todo ' + todoId + ' on the list'}; }"
            + "label.dispatchEvent(new MouseEvent('dblclick', {bubbles: true}));"
            + "var editor = document.querySelector('#todo-list input.edit');"
            + "if (!editor) { return {error: 'no editor after a double click'}; }"
            + "editor.value = title;"
            + "var startedAt = performance.timeOrigin + performance.now();"
            + "editor.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}));"
            + "return {startedAt: startedAt};";

    /** The sync loop's User Timing measures in B: epoch start, duration, records pulled. */
    private static final String SYNCS = "return performance.getEntriesByName('isosync:sync').map(function (entry) {"
            + " return [performance.timeOrigin + entry.startTime, entry.duration, entry.detail.pulled]; });";

    /** This JVM's epoch milliseconds, microsecond-precise and monotonic: a wall-clock reading plus nanoTime. */
    private static final double EPOCH_BASE_MS = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()) / 1000.0;
    private static final long NANO_BASE = System.nanoTime();

    private LiveLatency() {
    }

    static double epochNow() {
        return EPOCH_BASE_MS + (System.nanoTime() - NANO_BASE) / 1e6;
    }

    /**
     * @param writes writes of each kind (from the server, from device A)
     * @param fromDevice whether to measure writes made on device A too
     */
    static List<Figure> measure(int writes, boolean fromDevice, Path profiles) throws IOException,
            InterruptedException {
        SyncServer server = SyncServer.start(new ServerConfig().host("127.0.0.1").port(0)
                .jdbcUrl("jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        ChromeDriver deviceB = null;
        ChromeDriver deviceA = null;
        try {
            LocalReplica todos = new LocalReplica(server.store(), Todo.DEFINITION);
            for (int i = 0; i < TODOS; i++) {
                todos.create(SampleTodos.todo(i, "Todo number " + i));
            }
            String origin = "http://127.0.0.1:" + server.port();
            warmUp(origin);
            deviceB = open(profiles, origin);
            checkClock(deviceB);
            HttpTransport http = new JdkHttpTransport(origin);
            Random random = new Random(writes);
            List<Figure> figures = new ArrayList<>();

            System.err.println("   writes through the REST API");
            for (int i = 0; i < WARM_UP; i++) {
                serverWrite(http, deviceB, random, "Warming up " + i);
            }
            Samples fromServer = new Samples(writes);
            for (int i = 0; i < writes; i++) {
                fromServer.add(serverWrite(http, deviceB, random, "Written on the server " + i));
            }
            figures.addAll(fromServer.figures("server write (REST) until device B shows it"));
            figures.addAll(breakdown(deviceB, fromServer));

            if (fromDevice) {
                System.err.println("   writes on device A");
                deviceA = open(profiles, origin);
                for (int i = 0; i < WARM_UP; i++) {
                    deviceWrite(deviceA, deviceB, random, "Warming up on A " + i);
                }
                Samples fromA = new Samples(writes);
                for (int i = 0; i < writes; i++) {
                    fromA.add(deviceWrite(deviceA, deviceB, random, "Written on device A " + i));
                }
                figures.addAll(fromA.figures("write on device A until device B shows it"));
            }
            return figures;
        } finally {
            if (deviceA != null) {
                deviceA.quit();
            }
            if (deviceB != null) {
                deviceB.quit();
            }
            server.closeAndDrop();
        }
    }

    /**
     * Has a JVM device do what the measured writes and syncs do, {@link #SERVER_WARM_UP} times: a rename through the
     * REST API, then a sync that pulls it, with the conflict inbox as the app has it. Device B then meets a server
     * whose code has run before, as a server in use has, rather than one started a moment ago, whose requests take
     * several times longer while its code is compiled.
     */
    private static void warmUp(String origin) {
        HttpTransport http = new JdkHttpTransport(origin, "warm-up-device");
        LocalReplica device = new LocalReplica(new MemoryStore(), Todo.DEFINITION);
        RemoteReplica remote = new RemoteReplica(http, Todo.DEFINITION);
        Replicator replicator = new Replicator(device, remote, "server", BrowserPull.PAGE_SIZE, Filter.ALL)
                .withConflictInbox(remote);
        replicator.sync();
        for (int i = 0; i < SERVER_WARM_UP; i++) {
            String id = SampleTodos.id(i % TODOS);
            HttpTransport.Response response = http.send("PATCH", "/api/Todos/" + id,
                    Json.write(Map.of("title", "Warming the server up " + i)));
            if (response.status() != 200) {
                throw new IllegalStateException("PATCH /api/Todos/" + id + " answered " + response.status() + ": "
                        + response.body());
            }
            if (replicator.sync().pull().applied() != 1) {
                throw new IllegalStateException("the warm-up sync should have pulled the rename of " + id);
            }
        }
    }

    /** A device with the demo app loaded, its first sync done, the probe watching. */
    private static ChromeDriver open(Path profiles, String origin) throws IOException {
        ChromeDriver browser = HeadlessChromium.start(profiles);
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Collections.singletonMap("source", PROBE));
        browser.get(origin + "/");
        new WebDriverWait(browser, PATIENCE).pollingEvery(Duration.ofMillis(50))
                .withMessage(() -> "the app did not show its " + TODOS + " todos synced")
                .until(d -> Boolean.TRUE.equals(browser.executeScript("var status = document.getElementById"
                        + "('sync-status'); return document.querySelectorAll('#todo-list li').length === " + TODOS
                        + " && status.getAttribute('data-leader') === 'true'"
                        + " && status.getAttribute('data-syncing') === 'false'"
                        + " && Number(status.getAttribute('data-synced-at')) > 0;")));
        browser.manage().timeouts().scriptTimeout(PATIENCE);
        return browser;
    }

    /**
     * Both clocks are this machine's wall clock. Each reading of the page's clock between two of the JVM's bounds
     * their offset; the bounds of 20 readings together must allow an offset of zero, give or take a millisecond.
     */
    private static void checkClock(ChromeDriver browser) {
        double low = Double.NEGATIVE_INFINITY;
        double high = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 20; i++) {
            double before = epochNow();
            double page = ((Number) browser.executeScript("return window.__isosyncLive.now();")).doubleValue();
            double after = epochNow();
            low = Math.max(low, page - after);
            high = Math.min(high, page - before);
        }
        System.err.printf(Locale.ROOT, "   clock check: the page's clock minus the JVM's is between %.2f and %.2f ms%n",
                low, high);
        if (low > 1 || high < -1) {
            throw new IllegalStateException(String.format(Locale.ROOT, "the page's clock and the JVM's disagree by "
                    + "%.2f to %.2f ms; latencies measured across them would be wrong", low, high));
        }
    }

    private static double[] serverWrite(HttpTransport http, ChromeDriver deviceB, Random random, String title)
            throws InterruptedException {
        Thread.sleep(50 + random.nextInt(51));
        String id = SampleTodos.id(random.nextInt(TODOS));
        double start = epochNow();
        HttpTransport.Response response = http.send("PATCH", "/api/Todos/" + id, Json.write(Map.of("title", title)));
        if (response.status() != 200) {
            throw new IllegalStateException("PATCH /api/Todos/" + id + " answered " + response.status() + ": "
                    + response.body());
        }
        return seen(deviceB, title, start);
    }

    private static double[] deviceWrite(ChromeDriver deviceA, ChromeDriver deviceB, Random random, String title)
            throws InterruptedException {
        Thread.sleep(50 + random.nextInt(51));
        String id = SampleTodos.id(random.nextInt(TODOS));
        Map<?, ?> edit = (Map<?, ?>) deviceA.executeScript(EDIT, id, title);
        if (edit.get("error") != null) {
            throw new IllegalStateException("could not edit a todo on device A: " + edit.get("error"));
        }
        double[] seen = seen(deviceB, title, ((Number) edit.get("startedAt")).doubleValue());
        // A is done with the write once it is pushed: the next edit must not meet A's list mid-redraw of it
        new WebDriverWait(deviceA, PATIENCE).pollingEvery(Duration.ofMillis(10)).until(d -> Boolean.TRUE.equals(
                deviceA.executeScript("var status = document.getElementById('sync-status');"
                        + " return status.getAttribute('data-pending') === '0'"
                        + " && status.getAttribute('data-syncing') === 'false';")));
        return seen;
    }

    /** Waits until B showed and heard of {@code title}: {write start, shown, announced} in epoch milliseconds. */
    private static double[] seen(ChromeDriver deviceB, String title, double start) {
        Map<?, ?> times = (Map<?, ?>) deviceB.executeAsyncScript(WAIT, title);
        return new double[] {start, ((Number) times.get("shown")).doubleValue(),
                ((Number) times.get("announced")).doubleValue()};
    }

    /**
     * Where B's part of the time goes, from the sync loop's own measures: from the announcement to the start of the
     * sync that pulled the write, from that start until the list showed the title (the list is drawn once the
     * pulled records are applied, before the sync's last steps), and that whole sync.
     */
    private static List<Figure> breakdown(ChromeDriver deviceB, Samples samples) {
        List<?> syncs = (List<?>) deviceB.executeScript(SYNCS);
        List<double[]> runs = new ArrayList<>();
        for (Object s : syncs) {
            List<?> entry = (List<?>) s;
            runs.add(new double[] {((Number) entry.get(0)).doubleValue(), ((Number) entry.get(1)).doubleValue(),
                    ((Number) entry.get(2)).doubleValue()});
        }
        double[] waited = new double[samples.count];
        double[] drawn = new double[samples.count];
        double[] synced = new double[samples.count];
        int found = 0;
        for (int i = 0; i < samples.count; i++) {
            double announced = samples.announced[i] + samples.start[i];
            double shown = samples.shown[i] + samples.start[i];
            // the last sync that pulled something and started before the list showed the write (the loop's clock
            // reads whole milliseconds, hence the slack)
            double[] run = null;
            for (double[] r : runs) {
                if (r[2] >= 1 && r[0] <= shown + 1) {
                    run = r;
                }
            }
            if (run != null && run[0] >= announced - 1) {
                waited[found] = run[0] - announced;
                drawn[found] = shown - run[0];
                synced[found] = run[1];
                found++;
            }
        }
        List<Figure> figures = new ArrayList<>();
        if (found == 0) {
            return figures;
        }
        String what = "server write, in B: ";
        figures.add(Figure.of(WORKLOAD, what + "change-stream event until the sync starts (median)",
                IncrementalSync.median(Arrays.copyOf(waited, found)), "ms"));
        figures.add(Figure.of(WORKLOAD, what + "sync start until the list shows it (median)",
                IncrementalSync.median(Arrays.copyOf(drawn, found)), "ms"));
        figures.add(Figure.of(WORKLOAD, what + "the sync that pulls it, start to end (median)",
                IncrementalSync.median(Arrays.copyOf(synced, found)), "ms"));
        return figures;
    }

    /** Latencies of one kind of write, relative to each write's start. */
    private static final class Samples {
        final double[] start;
        final double[] shown;
        final double[] announced;
        int count;

        Samples(int n) {
            start = new double[n];
            shown = new double[n];
            announced = new double[n];
        }

        void add(double[] times) {
            start[count] = times[0];
            shown[count] = times[1] - times[0];
            announced[count] = times[2] - times[0];
            count++;
        }

        List<Figure> figures(String what) {
            List<Figure> figures = new ArrayList<>();
            String writes = String.format(Locale.ROOT, "%s, %,d writes", what, count);
            figures.add(Figure.against(WORKLOAD, writes + ": p50", percentile(shown, 50), "ms",
                    "change-stream event in B, p50", percentile(announced, 50)));
            figures.add(Figure.against(WORKLOAD, writes + ": p95", percentile(shown, 95), "ms",
                    "change-stream event in B, p95", percentile(announced, 95)));
            return figures;
        }
    }

    /** The nearest-rank percentile. */
    static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
