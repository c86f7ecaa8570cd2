package dev.isosync.browserclient.checks;

import dev.isosync.browserclient.store.IndexedDbStore;
import dev.isosync.contract.Check;
import dev.isosync.contract.StoreChecks;
import dev.isosync.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.teavm.jso.browser.Window;
import org.teavm.jso.dom.html.HTMLDocument;

/**
 * Entry point of the checks page: runs every store check against every browser store, then the IndexedDB-only
 * checks, and writes the outcomes as a JSON array of {@code {store, name, ok, message}} into {@code #results},
 * then sets {@code #status} to {@code done}. The end-to-end test turns each outcome into a JUnit test.
 */
public final class ChecksPage {
    private static int databases;

    private ChecksPage() {
    }

    /** The stores under test: adding a store is one line here. Each factory opens a fresh, empty store. */
    private static List<StoreUnderTest> stores() {
        List<StoreUnderTest> stores = new ArrayList<>();
        stores.add(new StoreUnderTest("IndexedDbStore", models -> IndexedDbStore.open(freshName("idb"), models)));
        stores.add(new StoreUnderTest("LocalStorageStore", models -> dev.isosync.kv.KeyValueStore.open(
                new dev.isosync.browserclient.store.LocalStorageKeyValues(), freshName("ls"), models, "2026-01-01T00:00:00.000Z")));
        return stores;
    }

    /** A database (or key prefix) name no earlier store of this page used, so that every check starts empty. */
    static String freshName(String prefix) {
        return "checks-" + prefix + "-" + (++databases) + "-" + System.currentTimeMillis();
    }

    public static void main(String[] args) {
        // the stores suspend on IndexedDB requests, which only works on a TeaVM thread (TOOLCHAIN.md 3)
        new Thread(ChecksPage::runAll).start();
    }

    private static void runAll() {
        HTMLDocument document = Window.current().getDocument();
        List<Object> results = new ArrayList<>();
        for (StoreUnderTest store : stores()) {
            for (Check check : StoreChecks.all()) {
                status(store.name() + " " + check.name());
                results.add(run(store.name(), new BrowserCheck(check.name(), () -> check.run(store.factory()))));
            }
        }
        for (BrowserCheck check : IndexedDbChecks.all()) {
            status("IndexedDbStore " + check.name());
            results.add(run("IndexedDbStore", check));
        }
        document.getElementById("results").setTextContent(Json.write(results));
        document.getElementById("status").setTextContent("done");
    }

    private static void status(String running) {
        Window.current().getDocument().getElementById("status").setTextContent("running " + running);
    }

    private static Map<String, Object> run(String store, BrowserCheck check) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("store", store);
        result.put("name", check.name());
        try {
            check.run();
            result.put("ok", true);
        } catch (Throwable t) {
            result.put("ok", false);
            result.put("message", t instanceof AssertionError ? t.getMessage() : t.getClass().getName() + ": " + t.getMessage());
        }
        return result;
    }
}
