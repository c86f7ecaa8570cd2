package dev.isosync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.isosync.demo.Todo;
import dev.isosync.json.Json;
import dev.isosync.query.Filter;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replica.Update;
import dev.isosync.server.TestDatabases;
import dev.isosync.server.SyncServer;
import dev.isosync.wire.WireFormat;
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
import org.openqa.selenium.WindowType;

/**
 * Two tabs of one profile share one store: one syncs for both, and another takes over when it closes. The tabs
 * reach the server through the test proxy, whose log shows what each push carried.
 */
class TwoTabsTest {
    private SyncServer server;
    private OutageProxy proxy;
    private Device device;

    @BeforeEach
    void start() throws Exception {
        server = SyncServer.start(TestDatabases.h2Server());
        proxy = new OutageProxy(server.port());
        device = new Device("http://127.0.0.1:" + proxy.port() + "/");
    }

    @AfterEach
    void stop() throws Exception {
        if (device != null) {
            device.close();
        }
        proxy.close();
        server.close();
    }

    @Test
    void writesFromBothTabsReachTheServerOnceAndAnotherTabTakesOver() {
        String first = device.browser.getWindowHandle();
        device.await(Duration.ofSeconds(10), () -> "true".equals(device.status("data-leader")));
        device.browser.switchTo().newWindow(WindowType.TAB);
        String second = device.browser.getWindowHandle();
        device.open();
        assertEquals(null, device.status("data-leader"), "the first tab syncs for both");

        device.add("from the second tab");
        device.browser.switchTo().window(first);
        device.add("from the first tab");
        device.await(Duration.ofSeconds(20), () -> serverTitles().size() == 2);
        device.await(Duration.ofSeconds(20), () -> device.titles().size() == 2);
        assertEquals(Arrays.asList("from the first tab", "from the second tab"), serverTitles());

        device.browser.close(); // the syncing tab goes away
        device.browser.switchTo().window(second);
        long closed = System.nanoTime();
        device.await(Duration.ofSeconds(5), () -> "true".equals(device.status("data-leader")));
        assertEquals(true, System.nanoTime() - closed < 5_000_000_000L, "taken over within 5 seconds");
        device.add("after the take-over");
        device.await(Duration.ofSeconds(20), () -> serverTitles().size() == 3);
        assertEquals(Arrays.asList("after the take-over", "from the first tab", "from the second tab"),
                serverTitles());
        device.await(Duration.ofSeconds(20), () -> "0".equals(device.status("data-pending")));

        // each todo went to the server in one push, from whichever tab synced: none was sent by both tabs, and
        // the tab that took over did not send again what the first had sent
        for (Map<String, Object> todo : new LocalReplica(server.store(), Todo.DEFINITION).find(Filter.ALL)) {
            String id = (String) todo.get("id");
            assertEquals(1, pushesCarrying(id), "pushes carrying \"" + todo.get("title") + "\" (" + id + ")");
        }
    }

    /**
     * Each tab keeps its list in memory from the writes it makes; the other tab's writes reach it through the
     * syncing tab: both tabs show every add, toggle and delete, whichever tab made it.
     */
    @Test
    void eachTabShowsWhatTheOtherWrote() {
        String leader = device.browser.getWindowHandle();
        device.await(Duration.ofSeconds(10), () -> "true".equals(device.status("data-leader")));
        device.add("made in the syncing tab");
        device.browser.switchTo().newWindow(WindowType.TAB);
        String other = device.browser.getWindowHandle();
        device.open();
        device.await(Duration.ofSeconds(20), () -> device.titles().contains("made in the syncing tab"));

        device.add("made in the other tab");
        device.toggle("made in the syncing tab");
        device.await(Duration.ofSeconds(10), () -> device.shownDone("made in the syncing tab"));
        device.browser.switchTo().window(leader);
        device.await(Duration.ofSeconds(20), () -> device.titles().contains("made in the other tab")
                && device.shownDone("made in the syncing tab"));
        assertEquals("1 item left", device.itemsLeft());

        device.toggle("made in the other tab");
        device.await(Duration.ofSeconds(10), () -> device.shownDone("made in the other tab"));
        device.browser.switchTo().window(other);
        device.await(Duration.ofSeconds(20), () -> device.shownDone("made in the other tab"));
        assertEquals("0 items left", device.itemsLeft());
        device.item("made in the other tab").findElement(By.className("destroy")).click();
        device.await(Duration.ofSeconds(10), () -> !device.titles().contains("made in the other tab"));
        device.browser.switchTo().window(leader);
        device.await(Duration.ofSeconds(20), () -> device.titles().equals(
                Collections.singletonList("made in the syncing tab")));
        device.await(Duration.ofSeconds(20), () -> serverTitles().equals(
                Collections.singletonList("made in the syncing tab")));
    }

    /** How many push requests (our combined push, or LoopBack's bulk-update) carried a change of that todo. */
    private long pushesCarrying(String id) {
        long pushes = 0;
        for (OutageProxy.Request request : proxy.seen) {
            boolean push = request.path().startsWith("/sync/Todos/push")
                    || request.path().startsWith("/api/Todos/bulk-update");
            if (request.method().equals("POST") && push) {
                for (Update update : WireFormat.readBulkUpdateBody(Json.parse(request.body()))) {
                    if (update.change().modelId().equals(id)) {
                        pushes++;
                        break;
                    }
                }
            }
        }
        return pushes;
    }

    private List<String> serverTitles() {
        List<String> titles = new ArrayList<>();
        for (Map<String, Object> t : new LocalReplica(server.store(), Todo.DEFINITION).find(Filter.ALL)) {
            titles.add((String) t.get("title"));
        }
        Collections.sort(titles);
        return titles;
    }
}
