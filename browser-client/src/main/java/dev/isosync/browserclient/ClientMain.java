package dev.isosync.browserclient;

import org.teavm.jso.browser.Window;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;

/** Entry point of the browser client: the page at {@code /} calls {@code main()} once it has loaded. */
public final class ClientMain {
    private ClientMain() {
    }

    public static void main(String[] args) {
        HTMLDocument document = Window.current().getDocument();
        HTMLElement status = document.getElementById("status");
        status.setTextContent("client loaded");
    }
}
