package dev.isosync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.isosync.contract.TestJson;
import dev.isosync.demo.Todo;
import dev.isosync.query.Where;
import dev.isosync.replica.LocalReplica;
import dev.isosync.server.SyncServer;
import dev.isosync.server.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The list on screen changes only where its todos changed: a tick replaces that todo's item and a delete removes
 * it, while every other item stays where it is (moving them would cost a long list seconds of the browser's work).
 */
class TodoListTest {
    private static final int TODOS = 300;
    /** Counts the items added to and removed from the list from now on. */
    private static final String COUNT_MUTATIONS = "const list = document.getElementById('todo-list');"
            + " window.listMutations = {added: 0, removed: 0};"
            + " new MutationObserver(records => records.forEach(r => {"
            + " window.listMutations.added += r.addedNodes.length;"
            + " window.listMutations.removed += r.removedNodes.length; })).observe(list, {childList: true});";

    private SyncServer server;
    private Device device;

    @BeforeEach
    void start() throws Exception {
        server = SyncServer.start(TestDatabases.h2Server());
        LocalReplica todos = new LocalReplica(server.store(), Todo.DEFINITION);
        for (int i = 0; i < TODOS; i++) {
            todos.create(TestJson.obj("{'id':'seed" + i + "','title':'seeded " + i + "','created':" + i + "}"));
        }
        device = new Device("http://127.0.0.1:" + server.port() + "/");
        device.await(Duration.ofSeconds(30), () -> device.titles().size() == TODOS && settled());
    }

    @AfterEach
    void stop() throws Exception {
        if (device != null) {
            device.close();
        }
        server.close();
    }

    @Test
    void aTickReplacesOneItemAndADeleteRemovesOneLeavingTheOthersInPlace() {
        List<String> before = device.titles();
        device.browser.executeScript(COUNT_MUTATIONS);

        device.toggle("seeded 150");
        device.await(Duration.ofSeconds(10), () -> device.shownDone("seeded 150"));
        device.await(Duration.ofSeconds(20), this::settled);
        assertEquals(before, device.titles());
        assertEquals(Map.of("added", 1L, "removed", 1L), mutations(), "items added to and removed from the list");

        device.item("seeded 20").findElement(By.className("destroy")).click();
        device.await(Duration.ofSeconds(10), () -> !device.titles().contains("seeded 20"));
        device.await(Duration.ofSeconds(20), this::settled);
        List<String> left = new ArrayList<>(before);
        left.remove("seeded 20");
        assertEquals(left, device.titles());
        assertEquals(Map.of("added", 1L, "removed", 2L), mutations(), "items added to and removed from the list");
        assertEquals(TODOS - 1, new LocalReplica(server.store(), Todo.DEFINITION).count(Where.ALL));
    }

    /** Synced, with nothing waiting to be sent. */
    private boolean settled() {
        return "false".equals(device.status("data-syncing")) && "0".equals(device.status("data-pending"))
                && !"0".equals(device.status("data-synced-at"));
    }

    private Map<?, ?> mutations() {
        return (Map<?, ?>) device.browser.executeScript("return window.listMutations;");
    }
}
