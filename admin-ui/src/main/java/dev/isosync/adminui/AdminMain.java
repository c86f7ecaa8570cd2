package dev.isosync.adminui;

import org.teavm.jso.browser.Window;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;

/** Entry point of the admin console served at {@code /admin}. */
public final class AdminMain {
    private AdminMain() {
    }

    public static void main(String[] args) {
        HTMLDocument document = Window.current().getDocument();
        HTMLElement status = document.getElementById("status");
        status.setTextContent("console loaded");
    }
}
