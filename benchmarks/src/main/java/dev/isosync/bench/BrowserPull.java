package dev.isosync.bench;

import dev.isosync.client.JdkHttpTransport;
import dev.isosync.demo.Todo;
import dev.isosync.memory.MemoryStore;
import dev.isosync.query.Filter;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replication.ReplicationResult;
import dev.isosync.replication.Replicator;
import dev.isosync.server.ServerConfig;
import dev.isosync.server.SyncServer;
import dev.isosync.wire.RemoteReplica;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Initial pull into the browser: a server holds {@code n} todos; the demo app opens in a fresh profile and
 * pulls them into an empty IndexedDB store; the server has served such pulls to a JVM client before, until their
 * time settled, and a browser has made an untimed first sync of a smaller server. Measured in the page: the first
 * sync's duration (the {@code isosync:sync} User Timing measure the client records) and the time from navigation
 * until the list shows every todo. The floor, in the same page of the same browser: the same records put into a fresh
 * IndexedDB database by plain JavaScript, once in one transaction and once in transactions of 1,000; the faster
 * counts.
 */
final class BrowserPull {
    static final String WORKLOAD = "initial pull into IndexedDB";
    /** The demo app's page size (browser-client's ClientMain.PAGE_SIZE). */
    static final int PAGE_SIZE = 5000;
    /** The server's warm-up pulls at least and at most (in between, until they settle: {@link Settled}). */
    static final int MIN_WARM_UPS = 5;
    static final int MAX_WARM_UPS = 15;
    /** The todos of the browser's untimed first sync before the measured ones. */
    static final int BROWSER_WARM_UP_TODOS = 5000;

    /** Notes when the list first holds {@code n} items, checked every few milliseconds from the first paint. */
    private static final String SHOWN_PROBE = "(function () { var n = %d; window.__isosyncShown = null;"
            + " function check() { var list = document.getElementById('todo-list');"
            + " if (list && list.childElementCount >= n) { window.__isosyncShown = performance.now(); return; }"
            + " setTimeout(check, 5); } setTimeout(check, 5); })();";

    /**
     * The raw IndexedDB bulk put: one object store keyed by id (the key given with each put, which costs the page
     * less than a key path), records as the server's REST API gives them. Also, for comparison, the same records put
     * in the store's layout (an entry per todo holding the record and its change row, keyed by id the same way, and
     * a change log object per transaction) and in the earlier layout (records and change rows in two object stores
     * keyed by key paths, the change rows indexed on [checkpoint, modelId]).
     */
    private static final String FLOOR = "var n = arguments[0], page = arguments[1],"
            + " done = arguments[arguments.length - 1];"
            + "function req(r) { return new Promise(function (ok, ko) { r.onsuccess = function () { ok(r.result); };"
            + "  r.onerror = function () { ko(r.error); }; }); }"
            // puts the records into a fresh database made by setUp, in transactions of batch, one put(tx, record)
            // each, then finish(tx, records of the batch) when given; answers the milliseconds from the first
            // transaction to the last commit
            + "async function timedPuts(records, batch, setUp, put, finish) {"
            + "  var name = 'isosync-floor-' + Date.now() + '-' + Math.random(), open = indexedDB.open(name, 1);"
            + "  open.onupgradeneeded = function () { setUp(open.result); };"
            + "  var db = await req(open), stores = Array.from(db.objectStoreNames), start = performance.now();"
            + "  for (var i = 0; i < records.length; i += batch) {"
            + "    var tx = db.transaction(stores, 'readwrite');"
            + "    var some = records.slice(i, i + batch);"
            + "    some.forEach(function (r) { put(tx, r); });"
            + "    if (finish) { finish(tx, some); }"
            + "    await new Promise(function (ok, ko) { tx.oncomplete = ok;"
            + "      tx.onerror = function () { ko(tx.error); }; tx.onabort = function () { ko(tx.error); }; });"
            + "  }"
            + "  var ms = performance.now() - start;"
            + "  db.close(); indexedDB.deleteDatabase(name);"
            + "  return ms; }"
            // keys given with each put: IndexedDB then has no copy of the value to read a key path from
            + "function recordsOnly(d) { d.createObjectStore('todos'); }"
            + "function putRecord(tx, r) { tx.objectStore('todos').put(r, r.id); }"
            + "var rev = 'cfa1f9be556e475d7a488fe62162d165876a983d';"
            + "function rowOf(r) { return {modelId: r.id, modelName: 'Todo', rev: rev, checkpoint: 2, echo: true}; }"
            + "(async function () {"
            + "  var filter = encodeURIComponent(JSON.stringify({limit: n}));"
            + "  var records = await (await fetch('/api/Todos?filter=' + filter)).json();"
            + "  var one = await timedPuts(records, records.length, recordsOnly, putRecord);"
            + "  var thousands = await timedPuts(records, 1000, recordsOnly, putRecord);"
            // the same records as the store lays them out (an entry per todo, a log object per transaction), and
            // as the earlier layout did (two object stores, the change rows indexed); in batches of a sync's page
            + "  var layout = await timedPuts(records, page, function (d) {"
            + "    d.createObjectStore('entries');"
            + "    d.createObjectStore('log', {autoIncrement: true}).createIndex('byCheckpoint', 'checkpoint');"
            + "  }, function (tx, r) {"
            + "    tx.objectStore('entries').put({modelId: r.id, record: r, change: {rev: rev, checkpoint: 2, echo: true}},"
            + "      r.id);"
            + "  }, function (tx, some) {"
            + "    tx.objectStore('log').put({checkpoint: 2, ids: some.map(function (r) { return r.id; })}); });"
            + "  var earlier = await timedPuts(records, page, function (d) {"
            + "    d.createObjectStore('todos', {keyPath: 'id'});"
            + "    d.createObjectStore('changes', {keyPath: 'modelId'})"
            + "      .createIndex('byCheckpoint', ['checkpoint', 'modelId']);"
            + "  }, function (tx, r) { tx.objectStore('todos').put(r); tx.objectStore('changes').put(rowOf(r)); });"
            + "  done({records: records.length, one: one, thousands: thousands, layout: layout, earlier: earlier});"
            + "})().catch(function (e) { done({error: String(e)}); });";

    private BrowserPull() {
    }

    /**
     * Runs the workload {@code runs} times, each in a fresh browser against the same server, and reports the run
     * whose first sync came nearest the floor's rate as the median ran, with the ratio of every run: one run of a
     * browser on a small machine can be a quarter off the next.
     */
    static List<Figure> measure(int n, int runs, Path profiles) throws IOException {
        warmUpBrowser(profiles);
        SyncServer server = newServer();
        try {
            seed(new LocalReplica(server.store(), Todo.DEFINITION), n);
            warmUp(server, n);
            List<Run> all = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                all.add(run(server, n, profiles));
            }
            List<Run> byRatio = new ArrayList<>(all);
            byRatio.sort(Comparator.comparingDouble(Run::ratio));
            Run median = byRatio.get((byRatio.size() - 1) / 2);
            String size = String.format("%,d todos", n);
            String of = runs == 1 ? "" : String.format(", median of %d runs", runs);
            List<Figure> figures = new ArrayList<>();
            figures.add(Figure.against(WORKLOAD, size + of + ": first sync", n * 1000.0 / median.syncMs,
                    "records/s", "raw IndexedDB put", n * 1000.0 / median.floorMs()));
            figures.add(Figure.of(WORKLOAD, size + of + ": first sync", median.syncMs, "ms"));
            figures.add(Figure.of(WORKLOAD, size + of + ": page load until the list shows all", median.shownMs, "ms"));
            figures.add(Figure.of(WORKLOAD, size + of + ": raw IndexedDB put, one transaction",
                    median.floor("one"), "ms"));
            figures.add(Figure.of(WORKLOAD, size + of + ": raw IndexedDB put, transactions of 1,000",
                    median.floor("thousands"), "ms"));
            figures.add(Figure.of(WORKLOAD, size + of + ": raw IndexedDB put in the store's layout (an entry per "
                    + String.format("todo, a change log object per transaction of %,d)", PAGE_SIZE),
                    median.floor("layout"), "ms"));
            figures.add(Figure.of(WORKLOAD, size + of + ": raw IndexedDB put in the earlier layout (record and "
                    + String.format("change row in two object stores, transactions of %,d)", PAGE_SIZE),
                    median.floor("earlier"), "ms"));
            if (runs > 1) {
                for (int i = 0; i < runs; i++) {
                    Run r = all.get(i);
                    figures.add(Figure.against(WORKLOAD, String.format("%s, run %d of %d: first sync (this JVM's JIT "
                            + "compiling meanwhile: %,d ms)", size, i + 1, runs, r.compilingMs), n * 1000.0 / r.syncMs,
                            "records/s", "raw IndexedDB put", n * 1000.0 / r.floorMs()));
                }
            }
            return figures;
        } finally {
            server.closeAndDrop();
        }
    }

    /**
     * One run's figures: the first sync, the list shown, and the floor's puts, in milliseconds; and how long the JIT
     * of this JVM (which runs the server) compiled from navigation until the list showed every todo, summed over its
     * compiler threads, which share the machine's cores with the browser.
     */
    private static final class Run {
        final double syncMs;
        final double shownMs;
        final Map<?, ?> floor;
        final long compilingMs;

        Run(double syncMs, double shownMs, Map<?, ?> floor, long compilingMs) {
            this.syncMs = syncMs;
            this.shownMs = shownMs;
            this.floor = floor;
            this.compilingMs = compilingMs;
        }

        double floor(String name) {
            return ((Number) floor.get(name)).doubleValue();
        }

        /** The faster of the floor's two ways of putting. */
        double floorMs() {
            return Math.min(floor("one"), floor("thousands"));
        }

        /** The first sync's rate as a share of the floor's. */
        double ratio() {
            return floorMs() / syncMs;
        }
    }

    /** The demo app's first sync of {@code n} todos in a fresh browser, then the floor in the same page. */
    private static Run run(SyncServer server, int n, Path profiles) throws IOException {
        ChromeDriver browser = HeadlessChromium.start(profiles);
        try {
            browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                    Collections.singletonMap("source", String.format(SHOWN_PROBE, n)));
            CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
            long compiledBefore = jit.getTotalCompilationTime();
            browser.get("http://127.0.0.1:" + server.port() + "/");
            Duration patience = Duration.ofSeconds(60 + n / 50);
            new WebDriverWait(browser, patience).pollingEvery(Duration.ofMillis(100)).withMessage(
                    () -> "the app did not show " + n + " todos within " + patience.toSeconds() + " s")
                    .until(d -> browser.executeScript("return window.__isosyncShown") != null);
            long compilingMs = jit.getTotalCompilationTime() - compiledBefore;
            Map<?, ?> sync = (Map<?, ?>) browser.executeScript("var m = performance.getEntriesByName('isosync:sync');"
                    + " return m.length ? {duration: m[0].duration, pulled: m[0].detail.pulled} : null;");
            if (sync == null || ((Number) sync.get("pulled")).intValue() != n) {
                throw new IllegalStateException("the first sync should have pulled " + n + " todos: " + sync);
            }
            double syncMs = ((Number) sync.get("duration")).doubleValue();
            double shownMs = ((Number) browser.executeScript("return window.__isosyncShown")).doubleValue();
            browser.manage().timeouts().scriptTimeout(patience);
            Map<?, ?> floor = (Map<?, ?>) browser.executeAsyncScript(FLOOR, n, PAGE_SIZE);
            if (floor.get("error") != null || ((Number) floor.get("records")).intValue() != n) {
                throw new IllegalStateException("the IndexedDB floor did not run: " + floor);
            }
            return new Run(syncMs, shownMs, floor, compilingMs);
        } finally {
            browser.quit();
        }
    }

    private static SyncServer newServer() {
        return SyncServer.start(new ServerConfig().host("127.0.0.1").port(0)
                .jdbcUrl("jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
    }

    /**
     * Has a JVM client pull every todo over HTTP, in the pages the browser asks for and with the conflict inbox the
     * app keeps (a client id, resolutions asked with the first page), so that the browser meets a server whose code
     * has run before, as a server in use has, rather than one started a moment ago, whose first pages would take
     * several times longer while its code is compiled: at least {@value #MIN_WARM_UPS} pulls, then until the last
     * {@value Settled#LAST} took times within 10 % of each other, at most {@value #MAX_WARM_UPS}. (Two pulls, as
     * before, left the compiler at work during the browser's: 10,000 todos synced in 1,090 to 1,200 ms after two, in
     * 950 to 1,040 after fifteen.)
     */
    private static void warmUp(SyncServer server, int n) {
        List<Double> times = new ArrayList<>();
        for (int round = 1; round <= MAX_WARM_UPS; round++) {
            LocalReplica client = new LocalReplica(new MemoryStore(), Todo.DEFINITION);
            RemoteReplica remote = new RemoteReplica(new JdkHttpTransport("http://127.0.0.1:" + server.port(),
                    "bench-warm-up-" + round), Todo.DEFINITION);
            long start = System.nanoTime();
            ReplicationResult pull = new Replicator(client, remote, "server", PAGE_SIZE, Filter.ALL)
                    .withConflictInbox(remote).pull();
            times.add((System.nanoTime() - start) / 1e6);
            if (pull.applied() != n) {
                throw new IllegalStateException("the warm-up pull should have taken " + n + " todos: " + pull);
            }
            if (round >= MIN_WARM_UPS && Settled.lastAgree(times)) {
                return;
            }
        }
    }

    /**
     * An untimed first sync of {@value #BROWSER_WARM_UP_TODOS} todos, in a fresh browser against a server of its own,
     * before the measured ones. The first browser of the benchmark's JVM synced while that JVM compiled the WebDriver
     * client and the server's paths a browser takes (the page, its script), which took CPU from the browser on a
     * 2-core machine: the JVM used 860 and 920 ms of CPU during the first browser's first sync of 10,000 todos (two
     * trials), 240 to 740 ms during the next ones', and the first of three runs was the slowest in ten of twelve.
     */
    private static void warmUpBrowser(Path profiles) throws IOException {
        SyncServer server = newServer();
        try {
            seed(new LocalReplica(server.store(), Todo.DEFINITION), BROWSER_WARM_UP_TODOS);
            run(server, BROWSER_WARM_UP_TODOS, profiles);
        } finally {
            server.closeAndDrop();
        }
    }

    /** Seeds the server's store with the sample todos, a third of them with a longer title. */
    static void seed(LocalReplica todos, int n) {
        for (int i = 0; i < n; i++) {
            todos.create(SampleTodos.todo(i, "Todo number " + i
                    + (i % 3 == 0 ? ": call the plumber about the kitchen sink" : "")));
        }
    }
}
