package dev.isosync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.demo.Todo;
import dev.isosync.model.ModelDefinition;
import dev.isosync.query.Filter;
import dev.isosync.replica.LocalReplica;
import dev.isosync.server.SyncServer;
import dev.isosync.server.TestDatabases;
import dev.isosync.server.auth.SecurityConfig;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The demo app against a server that keeps each user's todos apart (README's {@code examples/per-user-todos.json}):
 * signing in and out in real browser profiles, each user seeing only their own todos, and the warning before
 * unsynced changes are dropped.
 */
class SignInTest {
    /** The todo model as the server scopes it with that file. */
    private static final ModelDefinition SCOPED = Todo.DEFINITION.withOwner("ownerId");
    private static final Duration SYNC = Duration.ofSeconds(20);

    private SyncServer server;
    private String url;
    private final List<Device> devices = new ArrayList<>();

    @BeforeEach
    void start() {
        server = SyncServer.start(TestDatabases.h2Server()
                .security(SecurityConfig.load(Paths.get("../examples/per-user-todos.json"))));
        url = "http://127.0.0.1:" + server.port() + "/";
    }

    @AfterEach
    void stop() {
        for (Device d : devices) {
            d.close();
        }
        server.close();
    }

    private Device device() throws Exception {
        Device d = new Device(url);
        devices.add(d);
        return d;
    }

    @Test
    void twoUsersInTwoProfilesSeeOnlyTheirOwnTodosAndTombstones() throws Exception {
        Device a = device();
        Device b = device();
        for (Device d : Arrays.asList(a, b)) {
            d.await(SYNC, () -> "signed-out".equals(d.accountState()));
            assertFalse(d.browser.findElement(By.id("new-todo")).isDisplayed(), "signed out: no list to write in");
            assertEquals("Signed out. Sign in to see and sync your todos.", d.text(By.id("account-state")));
        }
        Screenshots.save(a.browser, "demo-signed-out");
        a.signIn("ann@example.com", "ann-password", true);
        b.signIn("ben@example.com", "ben-password", true);
        assertEquals("Signed in as ann@example.com", a.text(By.id("account-state")));
        assertFalse(a.browser.findElement(By.id("sign-in")).isDisplayed(), "no sign-in form while signed in");
        assertTrue(a.browser.findElement(By.id("sign-out")).isDisplayed());
        a.add("ann's secret");
        a.add("ann's short-lived");
        b.add("ben's list");
        a.click("#todo-list li:last-child button.destroy");
        a.await(SYNC, () -> a.titles().equals(Collections.singletonList("ann's secret")));
        a.await(SYNC, () -> "0".equals(a.status("data-pending")) && !"true".equals(a.status("data-syncing")));
        b.await(SYNC, () -> "0".equals(b.status("data-pending")) && !"true".equals(b.status("data-syncing")));

        List<Map<String, Object>> onServer = new LocalReplica(server.store(), SCOPED).find(Filter.ALL);
        assertEquals(2, onServer.size(), "ann's secret and ben's list: " + onServer);
        b.open(); // a fresh pull: whatever the server would give ben is now in his browser
        b.await(SYNC, () -> !"0".equals(b.status("data-synced-at")) && !"true".equals(b.status("data-syncing")));
        assertEquals(Collections.singletonList("ben's list"), b.titles());
        String everythingBenStores = indexedDbContents(b);
        assertTrue(everythingBenStores.contains("ben's list"), everythingBenStores);
        for (Map<String, Object> change : changeRowsOfAnn()) {
            assertFalse(everythingBenStores.contains((String) change.get("modelId")),
                    "ben's browser holds nothing of ann's record or tombstone " + change.get("modelId"));
        }
        assertFalse(everythingBenStores.contains("ann's"), everythingBenStores);

        // a push crafted in ben's page, with his token, against ann's record: refused, nothing written
        String annId = idOf(onServer, "ann's secret");
        String annRev = new LocalReplica(server.store(), SCOPED).findLastChange(annId).rev();
        Object answer = b.browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "const session = JSON.parse(localStorage.getItem('isosync:session'));"
                + "fetch('/api/Todos/bulk-update', {method: 'POST', headers: {'Content-Type': 'application/json',"
                + " 'Authorization': session.token}, body: JSON.stringify({updates: [{type: 'update',"
                + " change: {modelName: 'Todo', modelId: arguments[0], rev: 'x', prev: arguments[1]},"
                + " data: {id: arguments[0], title: 'ben was here'}}]})})"
                + ".then(response => response.text().then(text => done(response.status + ' ' + text)));",
                annId, annRev);
        assertTrue(String.valueOf(answer).startsWith("409 "), String.valueOf(answer));
        assertFalse(String.valueOf(answer).contains("ann's"), "the refusal shows nothing of ann's: " + answer);
        assertEquals("ann's secret", new LocalReplica(server.store(), SCOPED).findById(annId).get("title"));
        assertEquals(annRev, new LocalReplica(server.store(), SCOPED).findLastChange(annId).rev());
        a.open();
        a.await(SYNC, () -> !"0".equals(a.status("data-synced-at")) && !"true".equals(a.status("data-syncing")));
        assertEquals(Collections.singletonList("ann's secret"), a.titles());
    }

    @Test
    void signingOutWithUnsyncedChangesWarnsFirstAndTheNextUserFindsNothingOfThem() throws Exception {
        Device a = device();
        a.await(SYNC, () -> "signed-out".equals(a.accountState()));
        a.signIn("ann@example.com", "ann-password", true);
        a.add("synced");
        a.await(SYNC, () -> "0".equals(a.status("data-pending")) && !"true".equals(a.status("data-syncing")));
        a.offline();
        a.add("never sent");
        a.await(SYNC, () -> "1".equals(a.status("data-pending")));

        a.click("#sign-out");
        a.await(SYNC, () -> a.browser.findElement(By.id("sign-out-warning")).isDisplayed());
        assertEquals("1 change on this device has not reached the server yet. Signing out deletes it from this "
                + "browser.", a.text(By.id("sign-out-warning-text")));
        Screenshots.save(a.browser, "demo-sign-out-warning");
        a.click("#stay-signed-in");
        assertFalse(a.browser.findElement(By.id("sign-out-warning")).isDisplayed());
        assertEquals("signed-in", a.accountState());
        assertEquals(Arrays.asList("synced", "never sent"), a.titles());

        a.click("#sign-out");
        a.click("#sign-out-anyway");
        // the page reloads signed out: with the network still off, it remembers that this server wants a sign-in
        a.await(SYNC, () -> "signed-out".equals(a.accountState()) && "client loaded".equals(a.text(By.id("status"))));
        assertFalse(a.browser.findElement(By.id("todo-list")).isDisplayed());
        assertEquals(Collections.emptyList(), a.titles());

        a.online();
        a.signIn("ben@example.com", "ben-password", true);
        a.await(SYNC, () -> !"0".equals(a.status("data-synced-at")) && !"true".equals(a.status("data-syncing")));
        assertEquals(Collections.emptyList(), a.titles(), "ben sees nothing of ann's");
        String stored = indexedDbContents(a);
        assertFalse(stored.contains("synced") || stored.contains("never sent"), "ann's data was deleted: " + stored);

        a.click("#sign-out"); // nothing unsent: no warning
        a.await(SYNC, () -> "signed-out".equals(a.accountState()) && "client loaded".equals(a.text(By.id("status"))));
        a.signIn("ann@example.com", "ann-password", false);
        a.await(SYNC, () -> a.titles().equals(Collections.singletonList("synced")));
        List<String> serverTitles = new ArrayList<>();
        for (Map<String, Object> r : new LocalReplica(server.store(), SCOPED).find(Filter.ALL)) {
            serverTitles.add((String) r.get("title"));
        }
        assertEquals(Collections.singletonList("synced"), serverTitles, "what was never sent is gone, as warned");
    }

    @Test
    void aRevokedTokenEndsTheSessionButKeepsTheTodosUntilTheUserSignsInAgain() throws Exception {
        Device a = device();
        a.await(SYNC, () -> "signed-out".equals(a.accountState()));
        a.signIn("ann@example.com", "ann-password", true);
        a.add("first");
        a.await(SYNC, () -> "0".equals(a.status("data-pending")) && !"true".equals(a.status("data-syncing")));
        Object revoked = a.browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "const session = JSON.parse(localStorage.getItem('isosync:session'));"
                + "fetch('/api/Users/logout', {method: 'POST', headers: {'Authorization': session.token}})"
                + ".then(response => done(response.status));");
        assertEquals(204L, revoked);

        a.add("after the token was revoked");
        a.await(SYNC, () -> "session-ended".equals(a.accountState()));
        assertEquals("true", a.status("data-sign-in-needed"));
        assertEquals(Arrays.asList("first", "after the token was revoked"), a.titles(), "the todos stay");
        assertTrue(a.browser.findElement(By.id("sign-in")).isDisplayed());
        assertEquals("ann@example.com", a.browser.findElement(By.id("email")).getDomProperty("value"));

        a.fillSignIn("ann@example.com", "wrong-password", false);
        // stays where it was, saying why
        a.await(SYNC, () -> "That email and password do not match an account.".equals(
                a.text(By.id("sign-in-problem"))));
        assertEquals("session-ended", a.accountState());
        a.signIn("ann@example.com", "ann-password", false);
        a.await(SYNC, () -> "0".equals(a.status("data-pending")) && !"true".equals(a.status("data-syncing")));
        assertEquals(2, new LocalReplica(server.store(), SCOPED).find(Filter.ALL).size());
    }

    /** The id and model id of every change row of ann's on the server (her records and tombstones). */
    private List<Map<String, Object>> changeRowsOfAnn() {
        List<Map<String, Object>> out = new ArrayList<>();
        LocalReplica onServer = new LocalReplica(server.store(), SCOPED);
        for (dev.isosync.change.Change c : onServer.changes(-1, Filter.ALL)) {
            Map<String, Object> record = onServer.findById(c.modelId());
            if (record == null || String.valueOf(record.get("title")).startsWith("ann's")) {
                out.add(Map.of("modelId", c.modelId()));
            }
        }
        return out;
    }

    private static String idOf(List<Map<String, Object>> records, String title) {
        for (Map<String, Object> r : records) {
            if (title.equals(r.get("title"))) {
                return (String) r.get("id");
            }
        }
        throw new AssertionError("no record titled " + title + " in " + records);
    }

    /** Every value in every object store of every IndexedDB database of the page's origin, as JSON text. */
    private static String indexedDbContents(Device d) {
        return String.valueOf(d.browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "(async () => { const out = [];"
                + " for (const info of await indexedDB.databases()) {"
                + "  const db = await new Promise((ok, fail) => { const request = indexedDB.open(info.name);"
                + "   request.onsuccess = () => ok(request.result); request.onerror = () => fail(request.error); });"
                + "  for (const name of Array.from(db.objectStoreNames)) {"
                + "   const values = await new Promise(ok => { const request = db.transaction(name)"
                + "    .objectStore(name).getAll(); request.onsuccess = () => ok(request.result); });"
                + "   out.push(info.name + '/' + name + ': ' + JSON.stringify(values)); }"
                + "  db.close(); }"
                + " return out.join('\\n'); })().then(done, failure => done('failed: ' + failure));"));
    }
}
