package dev.isosync.browserclient;

import dev.isosync.browserclient.app.TodoApp;
import dev.isosync.browserclient.net.ChangeStreamClient;
import dev.isosync.browserclient.net.XhrTransport;
import dev.isosync.browserclient.store.IndexedDbStore;
import dev.isosync.browserclient.store.LocalStorageKeyValues;
import dev.isosync.browserclient.sync.SyncLoop;
import dev.isosync.browserclient.sync.SyncStatus;
import dev.isosync.browserclient.sync.SyncTimings;
import dev.isosync.browserclient.tabs.TabChannel;
import dev.isosync.browserclient.tabs.WebLocks;
import dev.isosync.demo.Todo;
import dev.isosync.kv.KeyValueStore;
import dev.isosync.query.Filter;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replication.Replicator;
import dev.isosync.store.Store;
import dev.isosync.wire.RemoteReplica;
import java.util.Collections;
import java.util.UUID;
import org.teavm.jso.JSBody;
import org.teavm.jso.browser.Storage;
import org.teavm.jso.browser.Window;
import org.teavm.jso.dom.html.HTMLDocument;

/**
 * Entry point of the browser client: the page at {@code /} calls {@code main()} once it has loaded. Opens
 * the local store, starts the demo app and the sync loop, and wires the loop to the change stream and to the
 * browser's {@code online} event.
 */
public final class ClientMain {
    /**
     * Changes per batch of a sync. Each batch costs a few HTTP round trips and IndexedDB transactions whatever its
     * size, so a large first pull is faster in large batches; progress is still reported after each.
     */
    static final int PAGE_SIZE = 2000;

    private ClientMain() {
    }

    public static void main(String[] args) {
        registerServiceWorker();
        HTMLDocument document = Window.current().getDocument();
        // IndexedDB by default; ?store=localstorage keeps the data in localStorage instead
        Store store = Window.current().getLocation().getSearch().contains("store=localstorage")
                ? KeyValueStore.open(new LocalStorageKeyValues(), "todos", Collections.singletonList(Todo.DEFINITION),
                        isoNow())
                : IndexedDbStore.open("isosync-todos", Collections.singletonList(Todo.DEFINITION));
        LocalReplica todos = new LocalReplica(store, Todo.DEFINITION);
        RemoteReplica server = new RemoteReplica(new XhrTransport("", clientId()), Todo.DEFINITION);
        // in the server's conflict inbox: pull conflicts are reported, and an admin's resolution is taken before
        // the next pull, so the todo shows its conflict resolved here too
        Replicator replicator = new Replicator(todos, server, "server", PAGE_SIZE, Filter.ALL)
                .withConflictInbox(server);
        TodoApp app = new TodoApp(document, todos);
        // one tab of the profile syncs for all (it holds a Web Lock for its life); the others show its status
        // and tell it about their writes through a BroadcastChannel; when it closes, the next tab takes over
        boolean[] leader = {false};
        SyncLoop[] loopRef = {null};
        TabChannel channel = new TabChannel("isosync-todos", message -> new Thread(() -> {
            if (message.equals("write") && leader[0]) {
                loopRef[0].localWrite();
            } else if (message.equals("hello") && leader[0]) {
                loopRef[0].syncNow(false); // its status reaches the new tab after the run
            } else if (message.startsWith("status:") && !leader[0]) {
                app.statusChanged(SyncStatus.fromJson(message.substring(7)));
            }
        }).start());
        SyncLoop loop = new SyncLoop(replicator, todos, status -> {
            app.statusChanged(status);
            channel.post("status:" + status.toJson());
        }, new SyncLoop.Clock() {
            @Override
            public double now() {
                return System.currentTimeMillis();
            }

            @Override
            public double random() {
                return Math.random();
            }
        });
        loopRef[0] = loop;
        loop.onRun(new SyncTimings());
        app.start(loop::openConflict, () -> {
            if (leader[0]) {
                loop.localWrite();
            } else {
                channel.post("write");
            }
        });
        WebLocks.holdForLife("isosync-sync-leader", () -> {
            leader[0] = true;
            document.getElementById("sync-status").setAttribute("data-leader", "true");
            loop.start();
            new ChangeStreamClient("/api/" + Todo.DEFINITION.plural() + "/change-stream", () -> loop.syncNow(false));
            Window.current().addEventListener("online", evt -> loop.syncNow(true));
        });
        channel.post("hello");
        document.getElementById("status").setTextContent("client loaded");
    }

    /** This profile's stable id, sent as {@code X-Client-Id} (PROTOCOL.md 9.8). */
    private static String clientId() {
        Storage ls = Storage.getLocalStorage();
        String id = ls.getItem("isosync:client-id");
        if (id == null) {
            id = UUID.randomUUID().toString();
            ls.setItem("isosync:client-id", id);
        }
        return id;
    }

    @JSBody(script = "return new Date().toISOString();")
    private static native String isoNow();

    /** The service worker keeps the app shell, so the page loads with the network off. */
    @JSBody(script = "if ('serviceWorker' in navigator) { navigator.serviceWorker.register('sw.js'); }")
    private static native void registerServiceWorker();
}
