package dev.isosync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.client.JdkHttpTransport;
import dev.isosync.demo.Todo;
import dev.isosync.json.Json;
import dev.isosync.memory.MemoryStore;
import dev.isosync.query.Filter;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replication.Replicator;
import dev.isosync.server.SyncServer;
import dev.isosync.server.TestDatabases;
import dev.isosync.change.Change;
import dev.isosync.wire.RemoteReplica;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The admin console in Chromium against the real server: signing in, what each view shows (read as text and
 * compared with what the server holds), the credential it needs, record data that looks like HTML shown as
 * text, and a conflict of two browser devices resolved in the console in each of its three ways. Each view's
 * screenshot goes to {@code docs/screenshots}.
 */
class AdminConsoleTest {
    static final String TOKEN = "e2e-admin-token-0123456789";
    private static final String MARKUP = "<img src=x onerror=alert(1)>";

    private final ShiftableClock clock = new ShiftableClock();
    private SyncServer server;
    private String origin;
    private Device a;
    private Device b;
    private AdminConsole admin;

    @BeforeEach
    void start() {
        server = SyncServer.start(TestDatabases.h2Server().adminToken(TOKEN).clock(clock));
        origin = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {a, b, admin}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        server.close();
    }

    @Test
    void everyAdminPageAndEndpointAnswers401WithoutTheCredential() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        List<String> pages = Arrays.asList("/admin", "/admin/", "/admin/index.html", "/admin/js/admin.js",
                "/admin/start.js", "/admin/admin.css", "/admin/no-such-page");
        List<String> api = Arrays.asList("/admin/api/overview", "/admin/api/clients", "/admin/api/clients?staleAfter=5",
                "/admin/api/conflicts", "/admin/api/conflicts?state=resolved", "/admin/api/models/Todo/records",
                "/admin/api/activity");
        for (String path : pages) {
            HttpResponse<String> r = send(http, "GET", path, null, "Cookie", "isosync_admin=wrong-token-0123456789");
            assertEquals(401, r.statusCode(), path);
            assertTrue(r.body().contains("action=\"/admin/login\""), path + " answers the sign-in form");
        }
        for (String path : api) {
            HttpResponse<String> r = send(http, "GET", path, null, "Authorization", "Bearer wrong-token-0123456789");
            assertEquals(401, r.statusCode(), path);
            assertTrue(r.body().contains("AUTHORIZATION_REQUIRED"), path + ": " + r.body());
        }
        HttpResponse<String> resolve = send(http, "POST", "/admin/api/conflicts/1/resolve", "{\"keep\":\"server\"}");
        assertEquals(401, resolve.statusCode());
        assertEquals(200, send(http, "GET", "/admin/api/overview", null, "Authorization", "Bearer " + TOKEN)
                .statusCode(), "the same request with the token is answered");

        admin = new AdminConsole(origin);
        admin.browser.get(origin + "/admin/#overview");
        assertEquals(0, admin.count("#main"), "no console without signing in");
        admin.browser.findElement(By.id("token")).sendKeys("not-the-admin-token-000");
        admin.browser.findElement(By.cssSelector("button[type=submit]")).click();
        // the form posts and the server answers with the sign-in page again: wait for it to load
        admin.await(() -> "That token is not the admin token.".equals(admin.text("[role=alert]")));
        assertEquals(0, admin.count("#main"));
        admin.signIn(TOKEN);
        admin.show("overview");
        admin.browser.get(origin + "/admin/logout");
        admin.browser.get(origin + "/admin/#overview");
        assertEquals(0, admin.count("#main"), "signed out: the sign-in form again");
    }

    @Test
    void eachViewShowsWhatTheServerHolds() throws Exception {
        // a client that synced two hours ago and not since: stale under the default of one hour
        LocalReplica tabletStore = new LocalReplica(new MemoryStore(), Todo.DEFINITION);
        Replicator tablet = new Replicator(tabletStore, new RemoteReplica(new JdkHttpTransport(origin, "field-tablet"),
                Todo.DEFINITION), "server");
        tabletStore.upsert(todo("from-tablet", "written on the tablet"));
        tablet.sync();
        clock.advance(Duration.ofHours(2));

        a = new Device(origin + "/");
        a.add("buy milk");
        a.add("walk the dog");
        a.add("call the bank");
        a.click("#todo-list li:last-child button.destroy"); // the newest is last
        a.await(Duration.ofSeconds(10), () -> !a.titles().contains("call the bank"));
        a.await(Duration.ofSeconds(20), () -> serverTitles().size() == 3 && "0".equals(a.status("data-pending"))
                && !"true".equals(a.status("data-syncing")));
        String deviceId = (String) a.browser.executeScript("return localStorage.getItem('isosync:client-id');");

        admin = new AdminConsole(origin);
        admin.signIn(TOKEN);

        admin.show("overview");
        admin.await(() -> String.valueOf(serverCheckpoint()).equals(admin.text("#overview-checkpoint")));
        assertEquals("3", admin.text("tr[data-model=Todo] td.records"));
        assertEquals("1", admin.text("tr[data-model=Todo] td.tombstones"));
        assertEquals("3", admin.text("#overview-records"));
        assertEquals("0", admin.text("#overview-conflicts"));
        assertEquals(admin.text("#overview-checkpoint"), admin.text("tr[data-model=Todo] td.checkpoint"));
        assertTrue(serverCheckpoint() > 0);
        admin.screenshot("overview");

        admin.show("clients");
        String tabletRow = "tr[data-client-id=field-tablet]";
        String deviceRow = "tr[data-client-id='" + deviceId + "']";
        admin.await(() -> admin.count(deviceRow) == 1);
        assertEquals("true", admin.attribute(tabletRow, "data-stale"));
        assertEquals("stale", admin.text(tabletRow + " td.state"));
        assertEquals("false", admin.attribute(deviceRow, "data-stale"));
        assertEquals("active", admin.text(deviceRow + " td.state"));
        assertTrue(admin.text("#clients-summary").startsWith("2 clients, 1 stale"), admin.text("#clients-summary"));
        Map<String, Object> tabletJson = client("field-tablet");
        assertEquals(Json.write(tabletJson.get("lastPulledCheckpoint")), admin.text(tabletRow + " td.pulled"));
        assertTrue(admin.text(tabletRow + " td.last-seen").contains("(2 h"), admin.text(tabletRow + " td.last-seen"));
        assertTrue(admin.text(tabletRow + " td.lag").startsWith(Json.write(tabletJson.get("lagCheckpoints"))
                + " checkpoint"), admin.text(tabletRow + " td.lag"));
        assertEquals("3600", admin.browser.findElement(By.id("stale-after")).getDomProperty("value"));
        admin.screenshot("clients");
        WebElement staleAfter = admin.browser.findElement(By.id("stale-after"));
        staleAfter.clear();
        staleAfter.sendKeys("36000", Keys.TAB);
        admin.await(() -> "false".equals(admin.attribute(tabletRow, "data-stale")));
        assertEquals("(10 h)", admin.text("#stale-after-human"));

        admin.show("records");
        admin.await(() -> admin.count("#records-rows tr") == 3);
        LocalReplica onServer = new LocalReplica(server.store(), Todo.DEFINITION);
        for (Map<String, Object> r : onServer.find(Filter.ALL)) {
            String row = "#records-rows tr[data-model-id='" + r.get("id") + "']";
            Change change = onServer.findLastChange((String) r.get("id"));
            assertEquals(r.get("title"), admin.text(row + " td[data-field=title]"));
            assertEquals(String.valueOf(change.checkpoint()), admin.text(row + " td.checkpoint"));
            assertEquals(change.rev(), admin.attribute(row + " td.rev", "data-rev"));
        }
        assertEquals(1, admin.count("#tombstones-rows tr"));
        assertTrue(admin.text("#records-summary").startsWith("3 records · 1 tombstone"), admin.text("#records-summary"));
        admin.screenshot("records");
        WebElement filter = admin.browser.findElement(By.id("records-filter"));
        filter.sendKeys("{\"where\":{\"title\":\"buy milk\"}}", Keys.ENTER);
        admin.await(() -> admin.texts("#records-rows td[data-field=title]").equals(Arrays.asList("buy milk")));
        filter.clear();
        filter.sendKeys("{\"where\":", Keys.ENTER);
        admin.await(() -> String.valueOf(admin.text("#records-problem")).startsWith("The filter is not JSON"));
        filter.clear();
        filter.sendKeys("{\"where\":{\"colour\":\"red\"}}", Keys.ENTER);
        admin.await(() -> String.valueOf(admin.text("#records-problem")).contains("colour"));

        admin.show("activity");
        a.add("written while the console watches");
        admin.await(() -> admin.texts("#live-feed li .data").stream()
                .anyMatch(t -> t.contains("written while the console watches")));
        assertEquals("create", admin.attribute("#live-feed li", "data-type"));
        admin.await(() -> admin.count("#activity-chart g[data-changes]") == 60);
        admin.await(() -> admin.count("#activity-chart rect.changes[height]") > 0
                && admin.text("#activity-totals").contains("records changed"));
        assertTrue(admin.text("#activity-totals").startsWith("Last 1 h: "), admin.text("#activity-totals"));
        admin.screenshot("activity");
    }

    @Test
    void aTitleWrittenAsHtmlIsShownAsTextInEveryView() throws Exception {
        admin = new AdminConsole(origin);
        admin.beforeEveryPage("window.alerts = []; window.alert = m => window.alerts.push(String(m));");
        admin.signIn(TOKEN);
        a = new Device(origin + "/");
        b = new Device(origin + "/");
        a.add("shared");
        b.await(Duration.ofSeconds(15), () -> b.titles().contains("shared"));
        a.offline();
        b.offline();
        a.rename("shared", MARKUP);
        b.rename("shared", "<script>alert(2)</script>");
        a.online();
        a.await(Duration.ofSeconds(20), () -> serverTitles().equals(Arrays.asList(MARKUP)));
        b.online();
        b.await(Duration.ofSeconds(20), () -> "1".equals(b.status("data-conflicts")));

        for (String view : Arrays.asList("overview", "clients", "conflicts", "history", "records", "activity")) {
            admin.show(view);
            switch (view) {
                case "conflicts":
                    admin.await(() -> admin.count("#conflicts-list article.conflict") == 1);
                    assertEquals(MARKUP, admin.text("article.conflict tr[data-field=title] td.server"));
                    admin.click("article.conflict button.keep-server");
                    admin.await(() -> admin.count("#conflicts-list article.conflict") == 0);
                    break;
                case "history":
                    admin.await(() -> admin.count("#history-list article") == 1);
                    assertEquals(MARKUP, admin.text("#history-list tr[data-field=title] td.kept"));
                    break;
                case "records":
                    admin.await(() -> admin.count("#records-rows tr") == 1);
                    assertEquals(MARKUP, admin.text("#records-rows td[data-field=title]"));
                    break;
                case "activity":
                    admin.await(() -> admin.texts("#live-feed li .data").stream().anyMatch(t -> t.contains(MARKUP)));
                    break;
                default:
                    break;
            }
            assertEquals(0, admin.count("img"), view + " created no img element");
            assertEquals(0, admin.count("#main script"), view + " created no script element");
            assertEquals(0L, admin.browser.executeScript("return window.alerts.length;"), view + " ran nothing");
        }
    }

    private long serverCheckpoint() {
        Long checkpoint = server.store().read(tx -> tx.currentCheckpoint());
        return checkpoint;
    }

    @ParameterizedTest
    @ValueSource(strings = {"server", "client", "merge"})
    void aConflictOfTwoDevicesIsResolvedInTheConsoleAndEverySideEndsWithTheChoice(String keep) throws Exception {
        admin = new AdminConsole(origin);
        admin.signIn(TOKEN);
        a = new Device(origin + "/");
        b = new Device(origin + "/");
        a.add("shared");
        b.await(Duration.ofSeconds(15), () -> b.titles().contains("shared"));
        a.offline();
        b.offline();
        a.rename("shared", "from a");
        b.rename("shared", "from b");
        a.online();
        a.await(Duration.ofSeconds(20), () -> serverTitles().equals(Arrays.asList("from a")));
        b.online();
        b.await(Duration.ofSeconds(20), () -> "1".equals(b.status("data-conflicts")));

        admin.show("conflicts");
        String card = "#conflicts-list article.conflict";
        // b reports its version after the pull that found the conflict
        admin.await(() -> admin.count(card) == 1 && "from b".equals(admin.text(card + " tr[data-field=title] td.client")));
        assertEquals("from a", admin.text(card + " tr[data-field=title] td.server"));
        assertEquals("true", admin.attribute(card + " tr[data-field=title]", "data-differs"));
        assertEquals("false", admin.attribute(card + " tr[data-field=completed]", "data-differs"));

        String expected;
        switch (keep) {
            case "server":
                admin.click(card + " button.keep-server");
                expected = "from a";
                break;
            case "client":
                admin.click(card + " button.take-client");
                expected = "from b";
                break;
            default:
                admin.click(card + " button.edit-merge");
                // the console's buttons act on a thread of their own: the editor appears after the click returns
                String titleField = card + " input.merge-field[data-field=title]";
                admin.await(() -> admin.count(titleField) == 1);
                WebElement title = admin.browser.findElement(By.cssSelector(titleField));
                assertEquals("from b", title.getDomProperty("value"), "the editor starts from the client's version");
                title.clear();
                title.sendKeys("from a and b");
                admin.screenshot("conflicts");
                admin.click(card + " button.save-merge");
                expected = "from a and b";
                break;
        }
        admin.await(() -> admin.count(card) == 0);
        assertTrue(admin.text("#conflicts-message").contains("resolved"), admin.text("#conflicts-message"));
        assertEquals(Arrays.asList(expected), serverTitles());
        // keeping the server's version writes nothing, so b hears of it at its next sync: the 30 s fallback at worst
        b.await(Duration.ofSeconds(45), () -> "0".equals(b.status("data-conflicts"))
                && b.titles().equals(Arrays.asList(expected)));
        a.await(Duration.ofSeconds(20), () -> a.titles().equals(Arrays.asList(expected)));
        assertEquals(Arrays.asList(expected), serverTitles());
        assertEquals(0, b.browser.findElements(By.cssSelector("#conflicts .conflict")).size(), "b shows it resolved");

        admin.show("history");
        String entry = "#history-list article[data-resolution=" + keep + "]";
        admin.await(() -> admin.count(entry) == 1);
        assertEquals(expected, admin.text(entry + " tr[data-field=title] td.kept"));
        assertEquals("from a", admin.text(entry + " tr[data-field=title] td.server"));
        assertEquals("from b", admin.text(entry + " tr[data-field=title] td.client"));
        admin.show("conflicts");
        assertEquals("No open conflicts.", admin.text("#conflicts-summary"), "no conflict was raised again");
        if (keep.equals("merge")) {
            admin.show("history");
            admin.screenshot("history");
        }
    }

    private List<String> serverTitles() {
        List<String> titles = new java.util.ArrayList<>();
        for (Map<String, Object> r : new LocalReplica(server.store(), Todo.DEFINITION).find(Filter.ALL)) {
            titles.add((String) r.get("title"));
        }
        return titles;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> client(String id) throws Exception {
        HttpResponse<String> r = send(HttpClient.newHttpClient(), "GET", "/admin/api/clients", null,
                "Authorization", "Bearer " + TOKEN);
        for (Object o : (List<Object>) ((Map<String, Object>) Json.parse(r.body())).get("clients")) {
            if (id.equals(((Map<String, Object>) o).get("id"))) {
                return (Map<String, Object>) o;
            }
        }
        throw new AssertionError("no client " + id + " in " + r.body());
    }

    private HttpResponse<String> send(HttpClient http, String method, String path, String body, String... headers)
            throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(origin + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            req.header(headers[i], headers[i + 1]);
        }
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> todo(String id, String title) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("title", title);
        return m;
    }
}
