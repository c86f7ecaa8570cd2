package dev.isosync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.demo.Todo;
import dev.isosync.query.Filter;
import dev.isosync.replica.LocalReplica;
import dev.isosync.server.ServerConfig;
import dev.isosync.server.SyncServer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two devices, each its own Chromium profile, syncing through the real server. */
class TwoDevicesTest {
    private SyncServer server;
    private Device a;
    private Device b;

    @BeforeEach
    void start() throws Exception {
        server = SyncServer.start(new ServerConfig().host("127.0.0.1").port(0)
                .jdbcUrl("jdbc:h2:mem:" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        String url = "http://127.0.0.1:" + server.port() + "/";
        a = new Device(url);
        b = new Device(url);
    }

    @AfterEach
    void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        server.close();
    }

    @Test
    void aTodoAddedOnOneDeviceAppearsOnTheOtherWithoutReload() {
        a.add("buy milk");
        b.await(Duration.ofSeconds(15), () -> b.titles().contains("buy milk"));
        a.await(Duration.ofSeconds(15), () -> "0".equals(a.status("data-pending")));
        List<Map<String, Object>> onServer = serverTodos();
        assertEquals(1, onServer.size());
        assertEquals("buy milk", onServer.get(0).get("title"));
        // the browser hashed the record as the server does: no pending change and one change row each side
        assertEquals(new LocalReplica(server.store(), Todo.DEFINITION).findLastChange((String) onServer.get(0)
                .get("id")).rev(), Todo.DEFINITION.revisionOf(onServer.get(0)));
    }

    @Test
    void workDoneOfflineSurvivesAReloadAndReachesTheOtherDevice() {
        a.add("synced first");
        b.await(Duration.ofSeconds(15), () -> b.titles().contains("synced first"));
        a.offline();
        a.add("written offline");
        a.rename("synced first", "edited offline");
        a.open(); // reload with the network off: the service worker serves the app, the store keeps the data
        assertEquals(Arrays.asList("edited offline", "written offline"), a.titles());
        assertTrue(b.titles().contains("synced first"), "nothing reached b while a was offline");
        a.online();
        b.await(Duration.ofSeconds(20), () -> b.titles().equals(Arrays.asList("edited offline", "written offline")));
        assertEquals(2, serverTodos().size());
    }

    private List<Map<String, Object>> serverTodos() {
        return new LocalReplica(server.store(), Todo.DEFINITION).find(Filter.ALL);
    }
}
