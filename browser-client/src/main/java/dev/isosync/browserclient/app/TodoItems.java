package dev.isosync.browserclient.app;

import dev.isosync.demo.Todo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;
import org.teavm.jso.dom.xml.Node;

/**
 * The todo list on screen: an item per todo shown, kept from one drawing to the next while its todo looks the same.
 * A drawing after a sync makes items only for the todos that are new or changed, so the thousands of a first sync
 * are made once, a change from elsewhere replaces one item, and a title being edited stays open while nothing
 * changes its todo. The items' events are handled once, on the list, for all of them.
 */
final class TodoItems {
    /** What the user does to a todo through its item. */
    interface Actions {
        void toggle(Todo todo);

        void delete(Todo todo);

        /** Starts editing the title, which {@code label} shows in {@code item}. */
        void edit(HTMLElement item, HTMLElement label, Todo todo);
    }

    /** A todo's item, and the todo as it shows it. */
    private static final class Item {
        final Todo todo;
        final HTMLElement element;

        Item(Todo todo, HTMLElement element) {
            this.todo = todo;
            this.element = element;
        }
    }

    private final HTMLDocument document;
    private final HTMLElement list;
    /** The items on screen, by todo id. */
    private Map<String, Item> shown = new HashMap<>();
    /** Items forgotten since the last drawing, whose elements are still in the list. */
    private final List<HTMLElement> forgotten = new ArrayList<>();

    TodoItems(HTMLDocument document, HTMLElement list, Actions actions) {
        this.document = document;
        this.list = list;
        list.addEventListener("change", evt -> {
            Item item = itemOf(evt);
            if (item != null && hasClass(evt, "toggle")) {
                // the box is ticked on screen already: drawn anew, it shows what the store holds, refused or not
                forget(item.todo.getId());
                actions.toggle(item.todo);
            }
        });
        list.addEventListener("click", evt -> {
            Item item = itemOf(evt);
            if (item != null && hasClass(evt, "destroy")) {
                actions.delete(item.todo);
            }
        });
        list.addEventListener("dblclick", evt -> {
            Item item = itemOf(evt);
            if (item != null && hasClass(evt, "title")) {
                actions.edit(item.element, (HTMLElement) evt.getTarget(), item.todo);
            }
        });
    }

    /**
     * Shows these todos, in this order, and nothing else. The elements of items not kept (a todo gone, changed or
     * forgotten) leave the list first, so that the walk below meets the kept ones in a row and puts each new item in
     * its place: one left behind would stop the walk there and have every later item moved after it, which cost a
     * tick in a list of 100,000 todos two seconds.
     */
    void show(List<Todo> todos) {
        Map<String, Item> next = new HashMap<>();
        List<Item> items = new ArrayList<>(todos.size());
        for (Todo todo : todos) {
            Item item = shown.remove(todo.getId());
            if (item == null || !looksTheSame(item.todo, todo)) {
                if (item != null) {
                    forgotten.add(item.element);
                }
                item = new Item(todo, item(todo));
            }
            next.put(todo.getId(), item);
            items.add(item);
        }
        for (Item gone : shown.values()) { // the todos no longer shown
            forgotten.add(gone.element);
        }
        for (HTMLElement element : forgotten) {
            if (element.getParentNode() == list) {
                list.removeChild(element);
            }
        }
        forgotten.clear();
        // every item before the cursor is one to show, in its place; the cursor is where the next one goes
        Node cursor = list.getFirstChild();
        for (Item item : items) {
            if (cursor == item.element) {
                cursor = cursor.getNextSibling();
            } else {
                list.insertBefore(item.element, cursor);
            }
        }
        while (cursor != null) {
            Node gone = cursor;
            cursor = cursor.getNextSibling();
            list.removeChild(gone);
        }
        shown = next;
    }

    /** Makes the next drawing draw this todo's item anew (an edit given up puts its title back). */
    void forget(String id) {
        Item item = shown.remove(id);
        if (item != null) {
            forgotten.add(item.element);
        }
    }

    private static boolean looksTheSame(Todo a, Todo b) {
        return Objects.equals(a.getTitle(), b.getTitle()) && a.isCompleted() == b.isCompleted();
    }

    private HTMLElement item(Todo todo) {
        HTMLElement li = document.createElement("li");
        li.setAttribute("data-id", todo.getId());
        li.setClassName(todo.isCompleted() ? "completed" : "");
        HTMLInputElement toggle = (HTMLInputElement) document.createElement("input");
        toggle.setAttribute("type", "checkbox");
        toggle.setClassName("toggle");
        toggle.setChecked(todo.isCompleted());
        HTMLElement label = document.createElement("label");
        label.setClassName("title");
        label.setTextContent(todo.getTitle());
        HTMLElement destroy = document.createElement("button");
        destroy.setClassName("destroy");
        destroy.setAttribute("title", "Delete");
        destroy.setTextContent("×");
        li.appendChild(toggle);
        li.appendChild(label);
        li.appendChild(destroy);
        return li;
    }

    /** The item shown that the event happened in, or {@code null}. */
    private Item itemOf(Event evt) {
        HTMLElement element = enclosingItem(evt.getTarget());
        Item item = element == null ? null : shown.get(element.getAttribute("data-id"));
        return item != null && item.element == element ? item : null;
    }

    /** The list item holding {@code target}, or {@code null}. */
    @JSBody(params = "target", script = "return target && target.closest ? target.closest('li[data-id]') : null;")
    private static native HTMLElement enclosingItem(JSObject target);

    private static boolean hasClass(Event evt, String name) {
        return hasClass(evt.getTarget(), name);
    }

    @JSBody(params = {"target", "name"}, script = "return !!(target && target.classList"
            + " && target.classList.contains(name));")
    private static native boolean hasClass(JSObject target, String name);
}
