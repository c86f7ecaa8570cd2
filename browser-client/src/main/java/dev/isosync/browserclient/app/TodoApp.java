package dev.isosync.browserclient.app;

import dev.isosync.browserclient.sync.SyncStatus;
import dev.isosync.demo.Todo;
import dev.isosync.demo.TodoCodec;
import dev.isosync.error.SyncException;
import dev.isosync.query.Filter;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replication.Conflict;
import dev.isosync.store.ObservedStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.teavm.jso.JSBody;
import org.teavm.jso.dom.events.KeyboardEvent;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;

/**
 * The demo todo list, in the spirit of TodoMVC: add, edit, toggle, delete, filter, clear completed; the sync
 * status; and a conflicts panel that shows both versions and resolves with "keep mine", "keep theirs" or a
 * merge. Titles are always set as text, never as HTML. Every action runs on its own TeaVM thread, because
 * store and network calls may suspend, which a raw event handler must not do.
 */
public final class TodoApp {
    private final HTMLDocument document;
    private final LocalReplica todos;
    private final TodoCache cache;
    private final TodoItems items;
    private java.util.function.Function<String, Conflict> openConflict;
    private Runnable afterWrite;
    private String filter = "all";
    private SyncStatus status;
    private String shownConflicts = "";
    /** Whether the list was drawn since the sync under way applied its first pulled records. */
    private boolean drawnThisRun;
    /** The most pulled records whose first drawing holds up the sync that brought them. */
    private static final int DRAWN_AT_ONCE = 200;
    /** How many drawings of the list were started, and the number of the newest one drawn. */
    private int drawingsStarted;
    private int newestDrawn;

    /**
     * @param todos    the todos' replica
     * @param observed the store under {@code todos}, observed: the list is kept in memory from its writes
     */
    public TodoApp(HTMLDocument document, LocalReplica todos, ObservedStore observed) {
        this.document = document;
        this.todos = todos;
        this.cache = new TodoCache(todos);
        observed.listen(cache);
        this.items = new TodoItems(document, document.getElementById("todo-list"), new TodoItems.Actions() {
            @Override
            public void toggle(Todo todo) {
                act(() -> todos.patchById(todo.getId(), single("completed", !todo.isCompleted())));
            }

            @Override
            public void delete(Todo todo) {
                act(() -> todos.deleteById(todo.getId()));
            }

            @Override
            public void edit(HTMLElement item, HTMLElement label, Todo todo) {
                TodoApp.this.edit(item, label, todo);
            }
        });
    }

    /**
     * Wires the page's controls to the store, and draws the list.
     *
     * @param openConflict finds the open conflict of a todo, to resolve it
     * @param afterWrite   called after every local write, so that a sync follows
     */
    public void start(java.util.function.Function<String, Conflict> openConflict, Runnable afterWrite) {
        this.openConflict = openConflict;
        this.afterWrite = afterWrite;
        HTMLInputElement input = (HTMLInputElement) document.getElementById("new-todo");
        input.addEventListener("keydown", evt -> {
            if ("Enter".equals(((KeyboardEvent) evt).getKey()) && !input.getValue().trim().isEmpty()) {
                String title = input.getValue().trim();
                input.setValue("");
                act(() -> todos.create(TodoCodec.toRecord(new Todo(null, title, false, now()))));
            }
        });
        for (String f : new String[] {"all", "active", "completed"}) {
            document.getElementById("filter-" + f).addEventListener("click", evt -> {
                evt.preventDefault();
                filter = f;
                redraw();
            });
        }
        document.getElementById("clear-completed").addEventListener("click", evt -> act(() -> {
            for (Map<String, Object> t : todos.find(Filter.ALL)) {
                if (Boolean.TRUE.equals(t.get("completed"))) {
                    todos.deleteById((String) t.get("id"));
                }
            }
        }));
        prepareClock();
        redraw();
    }

    /**
     * Says that another tab wrote to the store (it syncs for this one, or this one for it): the list is read from the
     * store again when it is next drawn.
     */
    public void changedElsewhere() {
        cache.changedElsewhere();
    }

    /**
     * Shows a new sync status (on a TeaVM thread: the list may be read from the store). The list is drawn when
     * a sync has applied its first pulled records, so a change from elsewhere is on screen before the sync's
     * remaining steps (its second pass, the conflicts read afresh) are done, and again when the sync ends.
     * Drawing after every batch instead would draw the whole list again for each batch of a long first pull. A
     * small first batch (a live change) is drawn at once, on the sync's thread, so it is on screen soonest; a large
     * one (a first sync) on a thread of its own, so the sync goes on with its next batch meanwhile.
     */
    public void statusChanged(SyncStatus value) {
        status = value;
        renderStatus();
        renderConflicts();
        if (!value.syncing) {
            drawnThisRun = false;
            renderList(); // a sync may have brought data, here or in another tab
        } else if (value.received == 0) {
            drawnThisRun = false;
        } else if (!drawnThisRun) {
            drawnThisRun = true;
            if (value.received > DRAWN_AT_ONCE) {
                redraw();
            } else {
                renderList();
            }
        }
    }

    /** Draws the list again, on a thread of its own (reading the store may suspend). */
    private void redraw() {
        new Thread(this::renderList).start();
    }

    /**
     * Runs a write, asks for a sync soon, and draws the list. A refused write (invalid, or the storage is
     * full) changed nothing; the user is told why. The write is announced as soon as it is stored, before the
     * list is read again: its sync starts sooner, and a sync under way meanwhile knows of it when it ends (the
     * sync loop counts the changes waiting only when it heard of a write during the run).
     */
    private void act(Runnable action) {
        new Thread(() -> {
            HTMLElement problem = document.getElementById("problem");
            try {
                action.run();
                problem.setTextContent("");
                problem.setHidden(true);
            } catch (SyncException e) {
                problem.setTextContent(e.getMessage());
                problem.setHidden(false);
            }
            if (afterWrite != null) {
                afterWrite.run();
            }
            renderList();
        }).start();
    }

    /**
     * Draws the list as the store holds it ({@link TodoCache}), unless a drawing that got the list later has already
     * drawn: drawings run on several threads, and one may wait for the store to be read.
     */
    private void renderList() {
        int drawing = ++drawingsStarted;
        List<Todo> byCreation = cache.all();
        if (drawing < newestDrawn) {
            return;
        }
        newestDrawn = drawing;
        byCreation.sort(TodoApp::byCreation);
        int active = 0;
        List<Todo> shown = new ArrayList<>();
        for (Todo todo : byCreation) {
            if (!todo.isCompleted()) {
                active++;
            }
            if (filter.equals("active") && todo.isCompleted() || filter.equals("completed") && !todo.isCompleted()) {
                continue;
            }
            shown.add(todo);
        }
        items.show(shown);
        document.getElementById("todo-count").setTextContent(active + (active == 1 ? " item left" : " items left"));
        for (String f : new String[] {"all", "active", "completed"}) {
            document.getElementById("filter-" + f).setClassName(f.equals(filter) ? "selected" : "");
        }
    }

    /** The list's order: oldest first, a todo without a creation time as if made at 0, ties by id. */
    private static int byCreation(Todo a, Todo b) {
        double ca = a.getCreated() == null ? 0 : a.getCreated();
        double cb = b.getCreated() == null ? 0 : b.getCreated();
        return ca != cb ? Double.compare(ca, cb) : a.getId().compareTo(b.getId());
    }

    private void edit(HTMLElement li, HTMLElement label, Todo todo) {
        HTMLInputElement editor = (HTMLInputElement) document.createElement("input");
        editor.setClassName("edit");
        editor.setValue(todo.getTitle());
        li.replaceChild(editor, label);
        editor.focus();
        boolean[] done = {false};
        Runnable save = () -> {
            if (done[0]) {
                return;
            }
            done[0] = true;
            String title = editor.getValue().trim();
            items.forget(todo.getId()); // drawn anew, with the title the store holds
            act(() -> {
                if (title.isEmpty()) {
                    todos.deleteById(todo.getId());
                } else if (!title.equals(todo.getTitle())) {
                    todos.patchById(todo.getId(), single("title", title));
                }
            });
        };
        editor.addEventListener("keydown", evt -> {
            String key = ((KeyboardEvent) evt).getKey();
            if ("Enter".equals(key)) {
                save.run();
            } else if ("Escape".equals(key)) {
                done[0] = true;
                items.forget(todo.getId());
                redraw();
            }
        });
        editor.addEventListener("blur", evt -> save.run());
    }

    private void renderStatus() {
        HTMLElement el = document.getElementById("sync-status");
        String text;
        if (status.syncing) {
            text = status.received > 0 ? "Syncing… " + status.received + " received" : "Syncing…";
        } else if (!status.online) {
            text = "Offline: changes are kept on this device"
                    + (status.lastSynced > 0 ? " · last synced at " + clockTime(status.lastSynced) : "");
        } else if (status.signInNeeded) {
            text = "Not syncing: the server needs you to sign in";
        } else if (status.error != null) {
            text = "Sync failed: " + status.error;
        } else if (status.lastSynced > 0) {
            text = "Synced at " + clockTime(status.lastSynced);
        } else {
            text = "Not synced yet";
        }
        if (status.pending > 0) {
            text += " · " + status.pending + (status.pending == 1 ? " change" : " changes") + " to send";
        }
        if (!status.conflicts.isEmpty()) {
            text += " · " + status.conflicts.size() + (status.conflicts.size() == 1 ? " conflict" : " conflicts");
        }
        el.setTextContent(text);
        el.setAttribute("data-online", String.valueOf(status.online));
        el.setAttribute("data-sign-in-needed", String.valueOf(status.signInNeeded));
        el.setAttribute("data-syncing", String.valueOf(status.syncing));
        el.setAttribute("data-pending", String.valueOf(status.pending));
        el.setAttribute("data-conflicts", String.valueOf(status.conflicts.size()));
        el.setAttribute("data-synced-at", String.valueOf((long) status.lastSynced));
    }

    /**
     * Has the browser load its locale's time format when the page is idle. The first {@link #clockTime} loads it,
     * which took about 0.1 s in Chromium: after a first sync it delayed the list by as much.
     */
    @JSBody(script = "var run = function() { new Date(0).toLocaleTimeString(); };"
            + " if (self.requestIdleCallback) { requestIdleCallback(run); } else { setTimeout(run, 0); }")
    private static native void prepareClock();

    /** Epoch milliseconds as the user's clock shows them (hours, minutes and seconds, in their locale). */
    @JSBody(params = "epochMillis", script = "return new Date(epochMillis).toLocaleTimeString();")
    private static native String clockTime(double epochMillis);

    private void renderConflicts() {
        // redraw only when the conflicts change, or a merge being typed would be wiped by every status report
        StringBuilder signature = new StringBuilder();
        for (SyncStatus.ConflictView c : status.conflicts) {
            signature.append(c.id).append('|').append(c.mine).append('|').append(c.theirs).append('\n');
        }
        if (signature.toString().equals(shownConflicts)) {
            return;
        }
        shownConflicts = signature.toString();
        HTMLElement panel = document.getElementById("conflicts");
        clear(panel);
        panel.setHidden(status.conflicts.isEmpty());
        for (SyncStatus.ConflictView c : status.conflicts) {
            HTMLElement box = document.createElement("div");
            box.setClassName("conflict");
            box.setAttribute("data-id", c.id);
            box.appendChild(version("mine", "This device", c.mine));
            box.appendChild(version("theirs", "Server", c.theirs));
            HTMLInputElement merged = (HTMLInputElement) document.createElement("input");
            merged.setClassName("merge-title");
            Map<String, Object> base = c.mine != null ? c.mine : c.theirs;
            merged.setValue(base == null ? "" : String.valueOf(base.get("title")));
            box.appendChild(button("keep-mine", "Keep mine", () -> resolve(c.id, "mine", null)));
            box.appendChild(button("keep-theirs", "Keep theirs", () -> resolve(c.id, "theirs", null)));
            box.appendChild(merged);
            box.appendChild(button("merge", "Save merge", () -> resolve(c.id, "merge", merged.getValue())));
            panel.appendChild(box);
        }
    }

    private HTMLElement version(String cls, String heading, Map<String, Object> record) {
        HTMLElement div = document.createElement("div");
        div.setClassName(cls);
        HTMLElement h = document.createElement("strong");
        h.setTextContent(heading + ": ");
        HTMLElement body = document.createElement("span");
        body.setClassName("value");
        body.setTextContent(record == null ? "deleted"
                : record.get("title") + (Boolean.TRUE.equals(record.get("completed")) ? " (done)" : ""));
        div.appendChild(h);
        div.appendChild(body);
        return div;
    }

    private HTMLElement button(String cls, String text, Runnable onClick) {
        HTMLElement b = document.createElement("button");
        b.setClassName(cls);
        b.setTextContent(text);
        b.addEventListener("click", evt -> onClick.run());
        return b;
    }

    private void resolve(String id, String how, String mergedTitle) {
        act(() -> {
            Conflict c = openConflict.apply(id);
            if (c == null) {
                return;
            }
            if (how.equals("mine")) {
                c.resolveUsingSource();
            } else if (how.equals("theirs")) {
                c.resolveUsingTarget();
            } else {
                c.resolveManually(single("title", mergedTitle));
            }
        });
    }

    private static Map<String, Object> single(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
    }

    private static void clear(HTMLElement el) {
        while (el.getFirstChild() != null) {
            el.removeChild(el.getFirstChild());
        }
    }

    private static double now() {
        return (double) System.currentTimeMillis();
    }
}
