package dev.isosync.browserclient;

import dev.isosync.demo.Todo;
import dev.isosync.demo.TodoCodec;
import org.teavm.jso.browser.Window;
import org.teavm.jso.dom.html.HTMLDocument;

/**
 * Entry point of the browser client: the page at {@code /} calls {@code main()} once it has loaded. It
 * shows the revision the shared model code computes in the browser for a reference todo, which must equal
 * the JVM's and LoopBack's (PROTOCOL.md 9.2).
 */
public final class ClientMain {
    private ClientMain() {
    }

    public static void main(String[] args) {
        HTMLDocument document = Window.current().getDocument();
        Todo reference = new Todo("t1", "a", false, null);
        String rev = Todo.DEFINITION.revisionOf(Todo.DEFINITION.newRecord(TodoCodec.toRecord(reference)));
        document.getElementById("rev").setTextContent(rev);
        document.getElementById("status").setTextContent("client loaded");
    }
}
