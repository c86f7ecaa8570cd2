package dev.isosync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.contract.TestJson;
import dev.isosync.demo.Todo;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replication.Replicator;
import dev.isosync.server.SyncServer;
import dev.isosync.server.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A device's first sync against a server that already holds several pages of todos: the page shows how far the
 * pull got, and a pull cut in the middle resumes after its last whole page (PROTOCOL.md 9.4.6) rather than
 * starting over. The list shows the first pulled todos while the sync goes on.
 */
class FirstSyncTest {
    /** The browser client's page size (ClientMain.PAGE_SIZE); checked against what the client asks for. */
    private static final int PAGE_SIZE = 5000;
    /** Four pages: a pull's small first one, two full ones, and a partial last one. */
    private static final int TODOS = Replicator.FIRST_PULL_PAGE + 2 * PAGE_SIZE + 500;
    private static final String CHANGES = "/sync/Todos/changes";
    private static final String PULL = "/sync/Todos/pull";
    private static final Pattern RECEIVED = Pattern.compile("Syncing… (\\d+) received");
    /**
     * Notes, each time the list of todos changes, how many it shows and whether the status says a sync is under
     * way, as {@code "250 syncing"} or {@code "1250 synced"}; an empty list is not noted.
     */
    private static final String LIST_COUNTS = "window.listCounts = [];"
            + " document.addEventListener('DOMContentLoaded', () => {"
            + " const list = document.getElementById('todo-list'), status = document.getElementById('sync-status');"
            + " new MutationObserver(() => { if (list.childElementCount > 0) { window.listCounts.push("
            + " list.childElementCount + (status.getAttribute('data-syncing') === 'true' ? ' syncing' : ' synced'));"
            + " } }).observe(list, {childList: true}); });";

    private SyncServer server;
    private OutageProxy proxy;

    @BeforeEach
    void start() throws Exception {
        server = SyncServer.start(TestDatabases.h2Server());
        proxy = new OutageProxy(server.port());
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        server.close();
    }

    @Test
    void aLongFirstSyncShowsItsProgressAndACutPullResumesAfterItsLastPage() throws Exception {
        givenServerTodos(TODOS);
        // the first page asks without a cursor; every later one carries the cursor of the page before it
        proxy.breakNext("GET", "&afterCheckpoint=", OutageProxy.Outage.CUT_ANSWER, 1);
        try (Device fresh = new Device("http://127.0.0.1:" + proxy.port() + "/", false)) {
            fresh.beforeEveryPage("window.progressSeen = []; document.addEventListener('DOMContentLoaded', () => {"
                    + " const s = document.getElementById('sync-status');"
                    + " new MutationObserver(() => window.progressSeen.push(s.textContent))"
                    + ".observe(s, {childList: true, subtree: true, characterData: true}); });");
            fresh.open();
            fresh.await(Duration.ofSeconds(180), () -> fresh.titles().size() >= TODOS);

            List<String> expected = new ArrayList<>();
            for (int i = 0; i < TODOS; i++) {
                expected.add("seeded " + i);
            }
            assertEquals(expected, fresh.titles(), "every todo once, in the order they were created");
            assertTrue(proxy.allBroken(), "the second page was cut");

            @SuppressWarnings("unchecked")
            List<String> seen = (List<String>) fresh.browser.executeScript("return window.progressSeen;");
            assertTrue(seen.stream().anyMatch(FirstSyncTest::showsPartialProgress),
                    "a count between 0 and " + TODOS + " was shown while the pull went on: " + seen);
            int last = 0;
            for (String status : seen) {
                Matcher m = RECEIVED.matcher(status);
                if (m.find()) {
                    int received = Integer.parseInt(m.group(1));
                    assertTrue(received >= last, "the count goes on where the cut pull stopped: " + seen);
                    last = received;
                }
            }

            assertResumedAtTheCutPage(changeRequests());
        }
    }

    @Test
    void aFirstSyncShowsItsFirstPageWhileTheNextIsOnItsWay() throws Exception {
        givenServerTodos(Replicator.FIRST_PULL_PAGE + 1000);
        proxy.breakNext("GET", "&afterCheckpoint=", OutageProxy.Outage.SLOW_ANSWER, 1);
        try (Device fresh = new Device("http://127.0.0.1:" + proxy.port() + "/", false)) {
            fresh.beforeEveryPage(LIST_COUNTS);
            fresh.open();
            fresh.await(Duration.ofSeconds(60), () -> fresh.titles().size() >= Replicator.FIRST_PULL_PAGE + 1000);
            assertTrue(proxy.allBroken(), "the second page came late");
            List<String> seen = listCounts(fresh);
            assertTrue(seen.contains(Replicator.FIRST_PULL_PAGE + " syncing"),
                    "the first page's todos were shown while the second page was on its way: " + seen);
            assertEquals(Replicator.FIRST_PULL_PAGE + 1000 + " synced", seen.get(seen.size() - 1),
                    "then every todo, once the sync ended: " + seen);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> listCounts(Device device) {
        return new ArrayList<>((List<String>) device.browser.executeScript("return window.listCounts;"));
    }

    /**
     * The first request after the cut asks for the cut page again, with the same cursor (so the first page is not
     * pulled twice); the pull then goes on page by page to the end.
     */
    private static void assertResumedAtTheCutPage(List<Map<String, String>> requests) {
        assertTrue(requests.size() >= 5, "the pull asked for several pages: " + requests);
        Map<String, String> first = requests.get(0);
        Map<String, String> cut = requests.get(1);
        Map<String, String> resumed = requests.get(2);
        assertEquals(String.valueOf(Replicator.FIRST_PULL_PAGE), first.get("limit"), "a small first page: " + first);
        assertEquals(String.valueOf(PAGE_SIZE), cut.get("limit"), "then pages of ClientMain.PAGE_SIZE: " + cut);
        assertEquals(null, first.get("afterCheckpoint"), "the first page starts at the beginning: " + first);
        assertNotNull(cut.get("afterCheckpoint"), "the cut page is after the first: " + cut);
        assertEquals(cut.get("since"), resumed.get("since"), "the resumed pull continues the cut one");
        assertEquals(cut.get("afterCheckpoint"), resumed.get("afterCheckpoint"),
                "the resumed pull starts after the first page, not from the beginning: " + requests);
        assertEquals(cut.get("afterModelId"), resumed.get("afterModelId"),
                "the resumed pull starts after the first page, not from the beginning: " + requests);
    }

    private static boolean showsPartialProgress(String status) {
        Matcher m = RECEIVED.matcher(status);
        if (!m.find()) {
            return false;
        }
        int received = Integer.parseInt(m.group(1));
        return received > 0 && received < TODOS;
    }

    /** The server's todos, written straight into its store: one change row each, as if written by REST calls. */
    private void givenServerTodos(int count) {
        LocalReplica todos = new LocalReplica(server.store(), Todo.DEFINITION);
        for (int i = 0; i < count; i++) {
            todos.create(TestJson.obj("{'id':'seed" + i + "','title':'seeded " + i + "','created':" + i + "}"));
        }
    }

    /** The query parameters of each request for a page of the server's changes the proxy passed, in order. */
    private List<Map<String, String>> changeRequests() {
        List<Map<String, String>> requests = new ArrayList<>();
        for (OutageProxy.Request request : proxy.seen) {
            // a pass starts with the checkpoint and its first page in one request; later pages are plain reads
            boolean page = request.method().equals("GET") && request.path().startsWith(CHANGES + "?");
            boolean passStart = request.method().equals("POST") && request.path().startsWith(PULL + "?");
            if (page || passStart) {
                Map<String, String> query = new LinkedHashMap<>();
                String path = request.path();
                for (String pair : path.substring(path.indexOf('?') + 1).split("&")) {
                    int eq = pair.indexOf('=');
                    query.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
                requests.add(query);
            }
        }
        return requests;
    }
}
