package dev.isosync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.isosync.demo.Todo;
import dev.isosync.query.Filter;
import dev.isosync.replica.LocalReplica;
import dev.isosync.server.ServerConfig;
import dev.isosync.server.SyncServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Outages at named moments, made by a proxy in front of the server, and a server restart: both devices
 * converge, nothing is lost and nothing is duplicated.
 */
class OutageTest {
    private static final Duration CONVERGE = Duration.ofSeconds(45);

    private String database;
    private SyncServer server;
    private OutageProxy proxy;
    private Device a;
    private Device b;

    @BeforeEach
    void start() throws Exception {
        database = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        server = startServer();
        proxy = new OutageProxy(server.port());
        String url = "http://127.0.0.1:" + proxy.port() + "/";
        a = new Device(url);
        b = new Device(url);
    }

    private SyncServer startServer() {
        return SyncServer.start(new ServerConfig().host("127.0.0.1").port(0).jdbcUrl(database));
    }

    @AfterEach
    void stop() throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        proxy.close();
        server.close();
    }

    @Test
    void aRefusedPushIsRetried() {
        proxy.breakNext("POST", "/sync/Todos/push", OutageProxy.Outage.REFUSE, 1);
        a.add("after a refused push");
        b.await(CONVERGE, () -> b.titles().equals(Arrays.asList("after a refused push")));
        assertEquals(true, proxy.allBroken(), "the outage happened");
        assertServerHolds("after a refused push");
        a.await(CONVERGE, () -> "0".equals(a.status("data-pending")) && "0".equals(a.status("data-conflicts")));
    }

    @Test
    void anAnswerLostAfterTheServerCommittedIsNoConflictAndNoDuplicate() {
        proxy.breakNext("POST", "/sync/Todos/push", OutageProxy.Outage.LOSE_ANSWER, 1);
        a.add("committed, answer lost");
        b.await(CONVERGE, () -> b.titles().equals(Arrays.asList("committed, answer lost")));
        assertEquals(true, proxy.allBroken());
        a.await(CONVERGE, () -> "0".equals(a.status("data-pending")));
        assertEquals("0", a.status("data-conflicts"));
        assertServerHolds("committed, answer lost");
    }

    @Test
    void aPullCutInTheMiddleResumesAndConverges() {
        // a pull starts with the checkpoint and its first page of changes, records included, in one request:
        // cutting that answer cuts the pull where its data travels
        proxy.breakNext("POST", "/sync/Todos/pull", OutageProxy.Outage.CUT_ANSWER, 2);
        a.add("one");
        a.add("two");
        a.add("three");
        b.await(CONVERGE, () -> b.titles().equals(Arrays.asList("one", "two", "three")));
        a.await(CONVERGE, () -> a.titles().equals(Arrays.asList("one", "two", "three")));
        assertEquals(true, proxy.allBroken(), "both pulls were cut");
        assertServerHolds("one", "three", "two");
        assertEquals("0", b.status("data-conflicts"));
    }

    @Test
    void aServerRestartIsRiddenOut() {
        a.add("before restart");
        b.await(CONVERGE, () -> b.titles().contains("before restart"));
        server.close();
        a.add("while the server is down");
        a.await(CONVERGE, () -> "false".equals(a.status("data-online")));
        server = startServer();
        proxy.retarget(server.port());
        b.await(CONVERGE, () -> b.titles().equals(Arrays.asList("before restart", "while the server is down")));
        assertServerHolds("before restart", "while the server is down");
    }

    /**
     * The server is replaced by one on a new, empty database (a backup restored from before the devices' writes
     * would look the same): its sourceId differs, so each device starts over and pushes everything it holds
     * (PROTOCOL.md 9.3.5), instead of only what it wrote since its last push.
     */
    @Test
    void aReplacedServerIsGivenEverythingAgain() {
        a.add("written before the replacement");
        b.await(CONVERGE, () -> b.titles().contains("written before the replacement"));
        a.await(CONVERGE, () -> "0".equals(a.status("data-pending")));
        server.close();
        database = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        server = startServer();
        proxy.retarget(server.port());
        a.add("written after it");
        List<String> both = Arrays.asList("written before the replacement", "written after it");
        b.await(CONVERGE, () -> b.titles().equals(both));
        a.await(CONVERGE, () -> "0".equals(a.status("data-pending")));
        assertServerHolds("written before the replacement", "written after it");
        assertEquals("0", a.status("data-conflicts"));
        assertEquals("0", b.status("data-conflicts"));
    }

    /** The server holds exactly these titles (in any order), each once. */
    private void assertServerHolds(String... titles) {
        List<String> held = new ArrayList<>();
        for (Map<String, Object> t : new LocalReplica(server.store(), Todo.DEFINITION).find(Filter.ALL)) {
            held.add((String) t.get("title"));
        }
        Collections.sort(held);
        List<String> expected = new ArrayList<>(Arrays.asList(titles));
        Collections.sort(expected);
        assertEquals(expected, held);
    }
}
