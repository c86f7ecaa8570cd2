package dev.isosync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.demo.Todo;
import dev.isosync.query.Filter;
import dev.isosync.replica.LocalReplica;
import dev.isosync.server.TestDatabases;
import dev.isosync.server.SyncServer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** Two devices, each its own Chromium profile, syncing through the real server. */
class TwoDevicesTest {
    private SyncServer server;
    /** A proxy in front of the server, for the tests that need one; {@code null} otherwise. */
    private OutageProxy proxy;
    private Device a;
    private Device b;

    @BeforeEach
    void start() throws Exception {
        server = SyncServer.start(TestDatabases.h2Server());
        String url = "http://127.0.0.1:" + server.port() + "/";
        a = new Device(url);
        b = new Device(url);
    }

    @AfterEach
    void stop() throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        server.close();
    }

    @Test
    void aTodoAddedOnOneDeviceAppearsOnTheOtherWithoutReload() {
        // a server without ACLs syncs for anyone: nobody needs to sign in, and the page says whom it syncs for
        a.await(Duration.ofSeconds(15), () -> "anonymous".equals(a.accountState()));
        assertEquals("Not signed in: these todos are shared with everyone who uses this server.",
                a.text(By.id("account-state")));
        assertTrue(a.browser.findElement(By.id("show-sign-in")).isDisplayed());
        a.add("buy milk");
        b.await(Duration.ofSeconds(15), () -> b.titles().contains("buy milk"));
        a.await(Duration.ofSeconds(15), () -> "0".equals(a.status("data-pending")));
        b.await(Duration.ofSeconds(15), () -> !"0".equals(b.status("data-synced-at")));
        Screenshots.save(b.browser, "demo-synced");
        List<Map<String, Object>> onServer = serverTodos();
        assertEquals(1, onServer.size());
        assertEquals("buy milk", onServer.get(0).get("title"));
        // the browser hashed the record as the server does: no pending change and one change row each side
        assertEquals(new LocalReplica(server.store(), Todo.DEFINITION).findLastChange((String) onServer.get(0)
                .get("id")).rev(), Todo.DEFINITION.revisionOf(onServer.get(0)));
    }

    @Test
    void workDoneOfflineSurvivesAReloadAndReachesTheOtherDevice() throws Exception {
        // a reaches the server through the test proxy, so that the server can be taken away from it too
        proxy = new OutageProxy(server.port());
        a.close();
        a = new Device("http://127.0.0.1:" + proxy.port() + "/");
        a.add("synced first");
        b.await(Duration.ofSeconds(15), () -> b.titles().contains("synced first"));
        // the worker caches the app shell when it installs, and controls the page once it is active
        a.await(Duration.ofSeconds(30), a::controlledByServiceWorker);
        a.offline();
        proxy.down(true);
        a.add("written offline");
        // the status says when the device last synced, as the user's clock shows it
        a.await(Duration.ofSeconds(15), () -> a.text(By.id("sync-status"))
                .matches("Offline: changes are kept on this device · last synced at \\d.*"));
        assertTrue(b.text(By.id("sync-status")).matches("Synced at \\d.*"), b.text(By.id("sync-status")));
        a.rename("synced first", "edited offline");
        // reload with no network and no server: only the service worker's cache can serve the app now
        a.open();
        assertTrue(a.controlledByServiceWorker(), "the reloaded page was served by the service worker");
        assertEquals(Arrays.asList("edited offline", "written offline"), a.titles(), "the store kept the data");
        a.await(Duration.ofSeconds(15), () -> "2".equals(a.status("data-pending")));
        Screenshots.save(a.browser, "demo-offline");
        assertTrue(b.titles().contains("synced first"), "nothing reached b while a was offline");
        proxy.down(false);
        a.online();
        b.await(Duration.ofSeconds(45), () -> b.titles().equals(Arrays.asList("edited offline", "written offline")));
        assertEquals(2, serverTodos().size());
    }

    @Test
    void aTitleBeingEditedStaysOpenWhileASyncBringsAnotherTodo() {
        a.add("being renamed");
        b.await(Duration.ofSeconds(15), () -> b.titles().contains("being renamed"));
        WebElement[] editor = {null};
        a.await(Duration.ofSeconds(10), () -> {
            try {
                new Actions(a.browser).doubleClick(a.item("being renamed").findElement(By.className("title")))
                        .perform();
                editor[0] = a.browser.findElement(By.cssSelector("#todo-list input.edit"));
                editor[0].sendKeys(Keys.chord(Keys.CONTROL, "a"), "renamed while");
                return true;
            } catch (StaleElementReferenceException | NoSuchElementException | ElementNotInteractableException e) {
                return false; // a's own sync redrew the list under the double-click: again
            }
        });
        b.add("added elsewhere");
        a.await(Duration.ofSeconds(15), () -> a.titles().contains("added elsewhere"));
        // the sync drew the new todo around the editor, which kept its place, its focus and what was typed
        assertEquals(editor[0], a.browser.findElement(By.cssSelector("#todo-list input.edit")));
        assertEquals("renamed while", editor[0].getDomProperty("value"));
        editor[0].sendKeys(" syncing", Keys.ENTER);
        b.await(Duration.ofSeconds(15), () -> b.titles().contains("renamed while syncing"));
        assertEquals(Arrays.asList("renamed while syncing", "added elsewhere"), a.titles());
    }

    @Test
    void theServiceWorkerLeavesTheSyncRequestsToTheNetwork() {
        a.add("before the worker");
        a.await(Duration.ofSeconds(30), a::controlledByServiceWorker);
        a.open(); // controlled from its start, as every later visit is
        a.add("under the worker");
        b.await(Duration.ofSeconds(15), () -> b.titles().contains("under the worker"));
        assertTrue(a.controlledByServiceWorker());
        // the worker's static routes send them on without waking it (Chromium reports which route served each)
        List<?> routes = (List<?>) a.browser.executeScript("return performance.getEntriesByType('resource')"
                + ".filter(function (e) { return e.name.indexOf('/sync/') >= 0; })"
                + ".map(function (e) { return e.workerMatchedSourceType; });");
        assertFalse(routes.isEmpty(), "the page synced after the reload");
        assertEquals(Collections.nCopies(routes.size(), "network"), routes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"keep-mine", "keep-theirs", "merge"})
    void conflictingOfflineEditsAreShownAndEachResolutionConverges(String resolution) {
        a.add("shared");
        b.await(Duration.ofSeconds(15), () -> b.titles().contains("shared"));
        a.offline();
        b.offline();
        a.rename("shared", "from a");
        b.rename("shared", "from b");
        a.online();
        a.await(Duration.ofSeconds(20), () -> "from a".equals(serverTitle()));
        b.online();
        b.await(Duration.ofSeconds(20), () -> "1".equals(b.status("data-conflicts")));
        assertEquals("from b", b.text(By.cssSelector("#conflicts .conflict .mine .value")));
        assertEquals("from a", b.text(By.cssSelector("#conflicts .conflict .theirs .value")));
        if (resolution.equals("merge")) {
            Screenshots.save(b.browser, "demo-conflict");
        }

        String expected = resolve(resolution);
        b.await(Duration.ofSeconds(20), () -> "0".equals(b.status("data-conflicts")));
        a.await(Duration.ofSeconds(20), () -> a.titles().equals(Arrays.asList(expected)));
        b.await(Duration.ofSeconds(20), () -> b.titles().equals(Arrays.asList(expected)));
        a.await(Duration.ofSeconds(20), () -> expected.equals(serverTitle()));
    }

    @Test
    void deleteAgainstEditIsAConflictThatKeepMineRestores() {
        a.add("contested");
        b.await(Duration.ofSeconds(15), () -> b.titles().contains("contested"));
        a.offline();
        b.offline();
        a.item("contested").findElement(By.className("destroy")).click();
        a.await(Duration.ofSeconds(10), () -> a.titles().isEmpty());
        b.rename("contested", "still needed");
        a.online();
        a.await(Duration.ofSeconds(20), () -> serverTodos().isEmpty());
        b.online();
        b.await(Duration.ofSeconds(20), () -> "1".equals(b.status("data-conflicts")));
        assertEquals("deleted", b.text(By.cssSelector("#conflicts .conflict .theirs .value")));
        b.click("#conflicts .conflict .keep-mine");
        a.await(Duration.ofSeconds(20), () -> a.titles().equals(Arrays.asList("still needed")));
        assertEquals("still needed", serverTitle());
    }

    @Test
    void aFullStorageIsShownAndNothingIsHalfWritten() throws Exception {
        // localStorage's quota is small enough to fill in a test; the app keeps its data there on request
        a.close();
        a = new Device("http://127.0.0.1:" + server.port() + "/?store=localstorage");
        a.add("fits");
        // fill localStorage to its quota, as a heavy user of the origin would
        a.browser.executeScript("let n = 0; for (const size of [500000, 10000, 100, 1]) {"
                + " try { for (;;) localStorage.setItem('filler' + n++, 'x'.repeat(size)); } catch (e) { } }");
        WebElement input = a.browser.findElement(By.id("new-todo"));
        input.sendKeys("does not fit");
        input.sendKeys(org.openqa.selenium.Keys.ENTER);
        a.await(Duration.ofSeconds(10), () -> {
            String problem = a.text(By.id("problem"));
            return problem != null && problem.contains("storage is full");
        });
        assertEquals(Arrays.asList("fits"), a.titles());
        a.browser.executeScript("Object.keys(localStorage).filter(k => k.startsWith('filler'))"
                + ".forEach(k => localStorage.removeItem(k));");
        a.open();
        assertEquals(Arrays.asList("fits"), a.titles(), "after a reload: the refused todo was never stored");
    }

    @Test
    void togglingFilteringAndClearingCompletedWorkAndReachTheOtherDevice() {
        a.add("milk");
        a.add("bread");
        a.add("eggs");
        b.await(Duration.ofSeconds(15), () -> b.titles().equals(Arrays.asList("milk", "bread", "eggs")));
        assertEquals("3 items left", a.itemsLeft());

        a.toggle("bread");
        a.await(Duration.ofSeconds(10), () -> a.shownDone("bread") && "2 items left".equals(a.itemsLeft()));
        b.await(Duration.ofSeconds(15), () -> b.shownDone("bread") && "2 items left".equals(b.itemsLeft()));
        assertEquals(Boolean.TRUE, serverTodo("bread").get("completed"));
        assertEquals(false, b.shownDone("milk"));

        assertShownWithFilter(a, "active", "milk", "eggs");
        assertShownWithFilter(a, "completed", "bread");
        assertShownWithFilter(a, "all", "milk", "bread", "eggs");

        b.toggle("eggs"); // and the other way, from b to a
        a.await(Duration.ofSeconds(15), () -> a.shownDone("eggs") && "1 item left".equals(a.itemsLeft()));
        assertShownWithFilter(b, "completed", "bread", "eggs");

        a.click("#clear-completed");
        a.await(Duration.ofSeconds(10), () -> a.titles().equals(Arrays.asList("milk")));
        assertEquals("1 item left", a.itemsLeft());
        // b still shows only completed todos: none is left, and the one to do is counted
        b.await(Duration.ofSeconds(15), () -> b.titles().isEmpty() && "1 item left".equals(b.itemsLeft()));
        assertShownWithFilter(b, "all", "milk");
        a.await(Duration.ofSeconds(15), () -> serverTodos().size() == 1);
        assertEquals("milk", serverTitle());
        assertEquals(Boolean.FALSE, serverTodo("milk").get("completed"));
    }

    @Test
    void anHtmlLikeTitleIsShownAsTextOnBothDevices() {
        String title = "<img src=x onerror=window.__xss=1>";
        a.add(title); // waits until the list shows exactly this text
        b.await(Duration.ofSeconds(15), () -> b.titles().equals(Arrays.asList(title)));
        a.await(Duration.ofSeconds(15), () -> "0".equals(a.status("data-pending")));
        assertEquals(title, serverTitle());
        for (Device device : Arrays.asList(a, b)) {
            assertEquals(Arrays.asList(title), device.titles());
            assertEquals(0L, device.browser.executeScript("return document.querySelectorAll('#todo-list img').length;"),
                    "no element was made of the title");
            assertEquals("undefined", device.browser.executeScript("return typeof window.__xss;"),
                    "no script of the title ran");
        }
    }

    /** Picks a filter on that device and checks which todos it shows, in order; the count stays all to do. */
    private static void assertShownWithFilter(Device device, String filter, String... titles) {
        String left = device.itemsLeft();
        device.click("#filter-" + filter);
        device.await(Duration.ofSeconds(10), () -> device.titles().equals(Arrays.asList(titles)));
        assertEquals("selected", device.browser.findElement(By.id("filter-" + filter)).getDomAttribute("class"));
        assertEquals(titles.length, device.browser.findElements(By.cssSelector("#todo-list li")).size());
        assertEquals(left, device.itemsLeft(), "a filter hides todos; it does not change what is left to do");
    }

    /** Clicks the resolution on device b; returns the title every side must end with. */
    private String resolve(String resolution) {
        switch (resolution) {
            case "keep-mine":
                b.click("#conflicts .conflict .keep-mine");
                return "from b";
            case "keep-theirs":
                b.click("#conflicts .conflict .keep-theirs");
                return "from a";
            default:
                WebElement merged = b.browser.findElement(By.cssSelector("#conflicts .conflict .merge-title"));
                merged.clear();
                merged.sendKeys("from a and b");
                b.click("#conflicts .conflict .merge");
                return "from a and b";
        }
    }

    private String serverTitle() {
        List<Map<String, Object>> all = serverTodos();
        return all.size() == 1 ? (String) all.get(0).get("title") : null;
    }

    private Map<String, Object> serverTodo(String title) {
        for (Map<String, Object> todo : serverTodos()) {
            if (title.equals(todo.get("title"))) {
                return todo;
            }
        }
        throw new AssertionError("the server has no todo titled " + title + ": " + serverTodos());
    }

    private List<Map<String, Object>> serverTodos() {
        return new LocalReplica(server.store(), Todo.DEFINITION).find(Filter.ALL);
    }
}
