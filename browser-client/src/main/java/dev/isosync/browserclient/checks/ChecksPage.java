package dev.isosync.browserclient.checks;

import dev.isosync.browserclient.store.IndexedDbStore;
import dev.isosync.browserclient.store.NativeJson;
import dev.isosync.browserclient.store.NativeNumbers;
import dev.isosync.browserclient.store.NativeRevisions;
import dev.isosync.contract.Check;
import dev.isosync.contract.StoreChecks;
import dev.isosync.json.Json;
import dev.isosync.model.Revisions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.browser.Window;
import org.teavm.jso.dom.html.HTMLDocument;

/**
 * Entry point of the checks page: runs every store check against every browser store, then the IndexedDB-only
 * checks and those of the browser's JSON parsing, and writes the outcomes as a JSON array of
 * {@code {store, name, ok, message}} into {@code #results}, then sets {@code #status} to {@code done}. The end-to-end
 * test turns each outcome into a JUnit test. The page also offers {@code window.isosyncRevisions}, which holds the
 * browser's native revisions and its JSON parsing to the Java rule and parser.
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
        NativeNumbers.install();
        NativeRevisions.install();
        exportRevisions(ChecksPage::revisions);
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
        for (BrowserCheck check : NativeJsonChecks.all()) {
            status("NativeJson " + check.name());
            results.add(run("NativeJson", check));
        }
        document.getElementById("results").setTextContent(Json.write(results));
        document.getElementById("status").setTextContent("done");
    }

    /** Compares revision functions on values given from outside the page. */
    @JSFunctor
    interface RevisionsOf extends JSObject {
        String apply(String values);
    }

    /**
     * For {@code window.isosyncRevisions(json)}: of each value of the JSON array {@code json}, as the shared parser
     * reads it, the native revision and the Java one compiled to JavaScript; then, of the same value as the browser
     * parses it ({@link NativeJson}), the native revision and whether it equals the shared parser's value both ways;
     * as a JSON array of such quadruples.
     */
    private static String revisions(String values) {
        List<Object> out = new ArrayList<>();
        List<?> shared = (List<?>) Json.parse(values);
        List<?> parsed = (List<?>) NativeJson.parse(values);
        for (int i = 0; i < shared.size(); i++) {
            Object value = shared.get(i);
            Object view = parsed.get(i);
            boolean equal = value == null ? view == null : value.equals(view) && view.equals(value);
            out.add(Arrays.asList(NativeRevisions.of(value), Revisions.portable(value), NativeRevisions.of(view),
                    equal));
        }
        return Json.write(out);
    }

    @JSBody(params = "revisions", script = "window.isosyncRevisions = revisions;")
    private static native void exportRevisions(RevisionsOf revisions);

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
