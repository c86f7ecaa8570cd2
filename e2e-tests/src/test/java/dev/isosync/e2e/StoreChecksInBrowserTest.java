package dev.isosync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import dev.isosync.contract.Check;
import dev.isosync.contract.StoreChecks;
import dev.isosync.json.CanonicalSamples;
import dev.isosync.json.Json;
import dev.isosync.model.Revisions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The store checks ({@link StoreChecks}) run in Chromium against the browser's stores: the TeaVM-compiled checks
 * page of browser-client runs them all and reports; each outcome becomes a JUnit test named after its store and
 * check, failing with the check's message. The page also holds the browser's native revision function to the Java
 * rule. The page is not part of the served app, so this test serves it from the classpath itself.
 */
class StoreChecksInBrowserTest {
    /**
     * The stores the page must report on, every check of each: the app keeps its data in IndexedDB, or in
     * localStorage with {@code ?store=localstorage}. Any other store the page reports (its list,
     * ChecksPage.stores(), is the one place to add one) is held to every check too.
     */
    private static final List<String> REQUIRED_STORES = List.of("IndexedDbStore", "LocalStorageStore");
    /** The checks of IndexedDB alone (browser-client's IndexedDbChecks), which the page runs after the others. */
    private static final List<String> INDEXED_DB_ONLY = List.of("writesStayWholeWhileTheUiAndAnotherThreadRun",
            "reopeningKeepsDataAndIdentity", "aQuotaErrorIsStorageFullAndWritesNothing",
            "manyKeysAreReadRightWhetherTheirRangeIsReadWholeOrKeyByKey",
            "aDatabaseOfTheEarlierLayoutIsMovedIntoEntriesWithNothingLost",
            "aDatabaseWhoseEntriesCarryTheirKeysWorksAsANewOne",
            "theChangeLogListsEachInstanceOnceAndIsCompactedWhenMostlyStale",
            "theChangeLogIsCompactedByItsCountOfPairsHoweverFewItsObjects",
            "entriesPutBeforeTheTransactionEndsEndAsItsLastWriteLeftThem",
            "aBatchWithAnInvalidItemAfterHundredsPutWritesNothing", "storedValuesAreReadBackAsTheirJsonIsParsed");
    /** The checks of the server's answers as the browser parses them (browser-client's NativeJsonChecks). */
    private static final List<String> NATIVE_JSON = List.of("viewsAreTheSharedParsersValues",
            "viewsChangeAsMapsAndListsDo", "aRecordStoredFromAViewIsACopy", "textThatIsNotJsonFails",
            "doublesAreWrittenAsJavaWritesThem");

    private static final long REVISION_SEED = 20261126L;

    private static HttpServer server;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/checks/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String resource = path.endsWith("/") ? path + "index.html" : path;
            // the page is browser-client's classpath resource /checks/..., as the server's /webapp is
            try (InputStream in = StoreChecksInBrowserTest.class.getResourceAsStream(resource)) {
                byte[] body = in == null ? new byte[0] : in.readAllBytes();
                exchange.getResponseHeaders().set("Content-Type",
                        resource.endsWith(".js") ? "text/javascript" : "text/html; charset=utf-8");
                exchange.sendResponseHeaders(in == null ? 404 : 200, body.length == 0 ? -1 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
        browser = Browsers.headless();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @TestFactory
    List<DynamicTest> storeChecksPassInChromium() {
        Map<String, Map<String, Object>> outcomes = runPage();
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> stores = new TreeSet<>(REQUIRED_STORES);
        for (Map<String, Object> outcome : outcomes.values()) {
            if (!"NativeJson".equals(outcome.get("store"))) { // not a store: the checks of the browser's JSON parsing
                stores.add((String) outcome.get("store"));
            }
        }
        for (String store : stores) {
            for (Check check : StoreChecks.all()) {
                String key = store + ": " + check.name();
                tests.add(DynamicTest.dynamicTest(key, () -> assertPassed(outcomes, key)));
            }
        }
        for (String name : INDEXED_DB_ONLY) {
            tests.add(DynamicTest.dynamicTest("IndexedDbStore: " + name, () -> assertPassed(outcomes, "IndexedDbStore: " + name)));
        }
        for (String name : NATIVE_JSON) {
            tests.add(DynamicTest.dynamicTest("NativeJson: " + name, () -> assertPassed(outcomes, "NativeJson: " + name)));
        }
        Set<String> expected = new LinkedHashSet<>();
        for (DynamicTest t : tests) {
            expected.add(t.getDisplayName());
        }
        tests.add(DynamicTest.dynamicTest("the page reports no unknown checks",
                () -> assertEquals(expected, new LinkedHashSet<>(outcomes.keySet()))));
        for (String store : REQUIRED_STORES) {
            tests.add(DynamicTest.dynamicTest(store + ": the page ran its checks",
                    () -> assertTrue(outcomes.values().stream().anyMatch(o -> store.equals(o.get("store"))),
                            "the checks page reported nothing for " + store + "; it reported " + outcomes.keySet())));
        }
        return tests;
    }

    /**
     * The app computes revisions natively (browser-client's NativeRevisions); on every sample value that
     * canonical-json is compared on, they must equal the Java rule's, as must the Java rule compiled to JavaScript.
     * Values go in as JSON text and are read by the shared parser, and by the browser's own (NativeJson), as the
     * app reads the server's answers: its views must equal the shared parser's values and hash alike.
     */
    @Test
    void nativeRevisionsAreTheJavaRuleOnEverySample() {
        browser.get("http://127.0.0.1:" + server.getAddress().getPort() + "/checks/");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(
                d -> "function".equals(browser.executeScript("return typeof window.isosyncRevisions")));
        List<Object> values = CanonicalSamples.values(REVISION_SEED, 3000, 1500);
        String input = Json.write(values);
        List<?> answers = (List<?>) Json.parse((String) browser.executeScript(
                "return window.isosyncRevisions(arguments[0])", input));
        List<?> asRead = (List<?>) Json.parse(input);
        assertEquals(values.size(), answers.size(), "one answer per value");
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < asRead.size(); i++) {
            String expected = Revisions.portable(asRead.get(i));
            List<?> answer = (List<?>) answers.get(i);
            if (!expected.equals(answer.get(0)) || !expected.equals(answer.get(1)) || !expected.equals(answer.get(2))
                    || !Boolean.TRUE.equals(answer.get(3))) {
                mismatches.add("value " + i + " " + Json.write(asRead.get(i)) + ": JVM " + expected + ", native "
                        + answer.get(0) + ", Java in the browser " + answer.get(1) + ", native of the browser's parse "
                        + answer.get(2) + ", the browser's parse equal to the shared parser's: " + answer.get(3));
            }
        }
        assertTrue(mismatches.isEmpty(), () -> mismatches.size() + " of " + values.size() + " values differ; the first: "
                + String.join("\n", mismatches.subList(0, Math.min(5, mismatches.size()))));
    }

    private void assertPassed(Map<String, Map<String, Object>> outcomes, String key) {
        Map<String, Object> outcome = outcomes.get(key);
        if (outcome == null) {
            fail("the checks page did not report " + key);
        }
        assertTrue(Boolean.TRUE.equals(outcome.get("ok")), () -> String.valueOf(outcome.get("message")) + "\n" + console());
    }

    /** Loads the page, waits for it to finish, and returns its outcomes by "store: check". */
    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> runPage() {
        browser.get("http://127.0.0.1:" + server.getAddress().getPort() + "/checks/");
        try {
            new WebDriverWait(browser, Duration.ofSeconds(120)).until(d -> "done".equals(status()));
        } catch (TimeoutException e) {
            fail("the checks page did not finish; it says \"" + status() + "\"; console:\n" + console(), e);
        }
        Map<String, Map<String, Object>> outcomes = new LinkedHashMap<>();
        String json = browser.findElement(By.id("results")).getDomProperty("textContent");
        for (Object o : (List<Object>) Json.parse(json)) {
            Map<String, Object> outcome = (Map<String, Object>) o;
            outcomes.put(outcome.get("store") + ": " + outcome.get("name"), outcome);
        }
        return outcomes;
    }

    private static String status() {
        return browser.findElement(By.id("status")).getDomProperty("textContent");
    }

    private static String console() {
        StringBuilder out = new StringBuilder();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            out.append(entry.getLevel()).append(' ').append(entry.getMessage()).append('\n');
        }
        return out.toString();
    }
}
