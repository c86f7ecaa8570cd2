package dev.isosync.browserclient;

import dev.isosync.browserclient.app.AccountPanel;
import dev.isosync.browserclient.app.TodoApp;
import dev.isosync.browserclient.auth.Accounts;
import dev.isosync.browserclient.auth.Session;
import dev.isosync.browserclient.net.ChangeStreamClient;
import dev.isosync.browserclient.net.XhrTransport;
import dev.isosync.browserclient.store.IndexedDbStore;
import dev.isosync.browserclient.store.LocalStorageKeyValues;
import dev.isosync.browserclient.store.NativeNumbers;
import dev.isosync.browserclient.store.NativeRevisions;
import dev.isosync.browserclient.sync.SyncLoop;
import dev.isosync.browserclient.sync.SyncStatus;
import dev.isosync.browserclient.sync.SyncTimings;
import dev.isosync.browserclient.tabs.TabChannel;
import dev.isosync.browserclient.tabs.WebLocks;
import dev.isosync.demo.Todo;
import dev.isosync.error.SyncException;
import dev.isosync.kv.KeyValueStore;
import dev.isosync.model.ModelDefinition;
import dev.isosync.query.Filter;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replication.Replicator;
import dev.isosync.store.ObservedStore;
import dev.isosync.store.Store;
import dev.isosync.wire.RemoteReplica;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
    static final int PAGE_SIZE = 5000;
    /** localStorage: this server has refused to sync without a sign-in. */
    private static final String SIGN_IN_REQUIRED = "isosync:sign-in-required";
    /** localStorage: the local stores of users who signed out, one per line, deleted at the next load. */
    private static final String DISCARD = "isosync:discard";
    /** Whether this page has registered the service worker ({@link #registerServiceWorkerWhenIdle}). */
    private static boolean serviceWorkerRegistered;

    private ClientMain() {
    }

    /** The store of the todos: in localStorage, or in IndexedDB. */
    private static Store openStore(boolean inLocalStorage, String name) {
        List<ModelDefinition> models = Collections.singletonList(Todo.DEFINITION);
        if (inLocalStorage) {
            return KeyValueStore.open(new LocalStorageKeyValues(), name, models, isoNow());
        }
        return IndexedDbStore.open(name, models);
    }

    public static void main(String[] args) {
        NativeNumbers.install();
        NativeRevisions.install();
        HTMLDocument document = Window.current().getDocument();
        discardSignedOutData();
        Session session = Session.stored();
        // IndexedDB by default; ?store=localstorage keeps the data in localStorage instead. Each signed-in user
        // has a database of their own, so nobody sees another's todos in a shared browser profile.
        boolean inLocalStorage = Window.current().getLocation().getSearch().contains("store=localstorage");
        String base = inLocalStorage ? "todos" : "isosync-todos";
        String storeName = session == null ? base : session.databaseName(base);
        Store store = openStore(inLocalStorage, storeName);
        // observed: the app keeps its list from the writes, rather than reading every todo again for each drawing
        ObservedStore observed = new ObservedStore(store);
        LocalReplica todos = new LocalReplica(observed, Todo.DEFINITION);
        String token = session == null ? null : session.token;
        RemoteReplica server = new RemoteReplica(new XhrTransport("", clientId(), token), Todo.DEFINITION);
        // in the server's conflict inbox: pull conflicts are reported, and an admin's resolution is taken before
        // the next pull, so the todo shows its conflict resolved here too
        Replicator replicator = new Replicator(todos, server, "server", PAGE_SIZE, Filter.ALL)
                .withConflictInbox(server);
        TodoApp app = new TodoApp(document, todos, observed);
        Accounts accounts = new Accounts(new XhrTransport("", clientId(), null));
        AccountPanel account = new AccountPanel(document, session, accounts);
        // one tab of the profile syncs for all (it holds a Web Lock for its life); the others show its status
        // and tell it about their writes through a BroadcastChannel; when it closes, the next tab takes over.
        // A sign-in or sign-out reloads every tab, so all of them show the same user.
        boolean[] leader = {false};
        SyncLoop[] loopRef = {null};
        TabChannel channel = new TabChannel("isosync-todos", message -> new Thread(() -> {
            if (message.equals("write") && leader[0]) {
                app.changedElsewhere();
                loopRef[0].localWrite();
            } else if (message.equals("hello") && leader[0]) {
                loopRef[0].syncNow(false); // its status reaches the new tab after the run
            } else if (message.startsWith("status:") && !leader[0]) {
                SyncStatus status = SyncStatus.fromJson(message.substring(7));
                app.changedElsewhere(); // the leader's syncs write the store this tab shows
                registerServiceWorkerWhenIdle(status);
                app.statusChanged(status);
                showAccount(account, session, status);
            } else if (message.equals("session")) {
                Window.current().getLocation().reload();
            }
        }).start());
        SyncLoop loop = new SyncLoop(replicator, todos, status -> {
            registerServiceWorkerWhenIdle(status);
            app.statusChanged(status);
            showAccount(account, session, status);
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
        account.start(initialAccountState(session), signedIn -> {
            signedIn.store();
            channel.post("session");
            Window.current().getLocation().reload();
        }, loop::pending, () -> {
            signOut(accounts, session, storeName, inLocalStorage);
            channel.post("session");
            Window.current().getLocation().reload();
        });
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
            // EventSource cannot send headers: the token goes in the query, as LoopBack accepts it
            new ChangeStreamClient("/api/" + Todo.DEFINITION.plural() + "/change-stream"
                    + (session == null ? "" : "?" + session.tokenQuery()), () -> loop.syncNow(false));
            Window.current().addEventListener("online", evt -> loop.syncNow(true));
        });
        channel.post("hello");
        document.getElementById("status").setTextContent("client loaded");
    }

    /**
     * What the account shows before the server has said anything: a session the server may still take; or, with
     * nobody signed in, signed out when this server has asked for a sign-in before (so an offline visit shows
     * it too).
     */
    private static AccountPanel.State initialAccountState(Session session) {
        if (session != null) {
            return session.expired(System.currentTimeMillis()) ? AccountPanel.State.SESSION_ENDED
                    : AccountPanel.State.SIGNED_IN;
        }
        return "true".equals(Storage.getLocalStorage().getItem(SIGN_IN_REQUIRED)) ? AccountPanel.State.SIGNED_OUT
                : AccountPanel.State.ANONYMOUS;
    }

    /** Follows what the last sync learnt: the server refused the token (or wants one), or took it. */
    private static void showAccount(AccountPanel account, Session session, SyncStatus status) {
        if (status.signInNeeded) {
            if (session == null) {
                Storage.getLocalStorage().setItem(SIGN_IN_REQUIRED, "true");
            }
            account.show(session == null ? AccountPanel.State.SIGNED_OUT : AccountPanel.State.SESSION_ENDED);
        } else if (!status.syncing && status.error == null && status.lastSynced > 0) {
            if (session == null) {
                Storage.getLocalStorage().removeItem(SIGN_IN_REQUIRED);
            }
            account.show(session == null ? AccountPanel.State.ANONYMOUS : AccountPanel.State.SIGNED_IN);
        }
    }

    /**
     * Signs out: revokes the token when the server can be reached (else it runs out by itself), forgets the
     * session, and marks the user's local data for deletion at the next load, before anything opens it (this
     * tab and the others still hold it open now).
     */
    private static void signOut(Accounts accounts, Session session, String storeName, boolean inLocalStorage) {
        try {
            accounts.logout(session);
        } catch (SyncException e) {
            // offline, or the token is already gone: nothing more to revoke here
        }
        Storage ls = Storage.getLocalStorage();
        String discard = ls.getItem(DISCARD);
        ls.setItem(DISCARD, (discard == null ? "" : discard + "\n") + (inLocalStorage ? "ls:" : "idb:") + storeName);
        Session.forget();
    }

    /** Deletes the local data of users who signed out, as {@link #signOut} listed it. */
    private static void discardSignedOutData() {
        Storage ls = Storage.getLocalStorage();
        String discard = ls.getItem(DISCARD);
        if (discard == null) {
            return;
        }
        StringBuilder left = new StringBuilder();
        List<String> entries = new ArrayList<>();
        for (int start = 0, end; start <= discard.length(); start = end + 1) {
            end = discard.indexOf('\n', start);
            end = end < 0 ? discard.length() : end;
            entries.add(discard.substring(start, end));
        }
        for (String entry : entries) {
            try {
                if (entry.startsWith("idb:")) {
                    IndexedDbStore.delete(entry.substring(4));
                } else if (entry.startsWith("ls:")) {
                    LocalStorageKeyValues kv = new LocalStorageKeyValues();
                    for (String key : kv.keys("isosync:" + entry.substring(3) + ":")) {
                        kv.remove(key);
                    }
                }
            } catch (SyncException e) {
                left.append(left.length() == 0 ? "" : "\n").append(entry); // try again at the next load
            }
        }
        if (left.length() == 0) {
            ls.removeItem(DISCARD);
        } else {
            ls.setItem(DISCARD, left.toString());
        }
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

    /**
     * Registers the service worker, which keeps the app shell so the page loads with the network off, once no sync
     * is under way: installing it fetches the whole shell again, which a first visit's first sync would otherwise
     * share the machine with.
     */
    private static void registerServiceWorkerWhenIdle(SyncStatus status) {
        if (!status.syncing && !serviceWorkerRegistered) {
            serviceWorkerRegistered = true;
            registerServiceWorker();
        }
    }

    @JSBody(script = "if ('serviceWorker' in navigator) { navigator.serviceWorker.register('sw.js'); }")
    private static native void registerServiceWorker();
}
