package dev.isosync.adminui.dom;

import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.xml.Element;
import org.teavm.jso.dom.xml.Node;

/**
 * Builds the console's DOM. Text always goes in with {@code textContent}, never as HTML, so whatever a record
 * holds is shown as the characters it is. Click handlers run on a TeaVM thread of their own, because the work
 * they start (the admin API) suspends, which a raw event handler must not do.
 */
public final class Dom {
    private static final String SVG = "http://www.w3.org/2000/svg";

    private final HTMLDocument document;

    public Dom(HTMLDocument document) {
        this.document = document;
    }

    /** The element with that id; never null (a missing one is a bug of the page, reported by name). */
    public HTMLElement byId(String id) {
        HTMLElement el = document.getElementById(id);
        if (el == null) {
            throw new IllegalStateException("the console's page has no element #" + id);
        }
        return el;
    }

    /** A new element with a class ({@code null}: none). */
    public HTMLElement el(String tag, String className) {
        HTMLElement el = document.createElement(tag);
        if (className != null) {
            el.setClassName(className);
        }
        return el;
    }

    /** A new element with a class and text. */
    public HTMLElement text(String tag, String className, String text) {
        HTMLElement el = el(tag, className);
        el.setTextContent(text);
        return el;
    }

    /** A button that runs {@code action} on a thread of its own. */
    public HTMLElement button(String className, String label, Runnable action) {
        HTMLElement b = text("button", className, label);
        b.setAttribute("type", "button");
        b.addEventListener("click", evt -> new Thread(action).start());
        return b;
    }

    /** A new SVG element. */
    public Element svg(String tag) {
        return document.createElementNS(SVG, tag);
    }

    /** Removes every child. */
    public static void clear(Node node) {
        while (node.getFirstChild() != null) {
            node.removeChild(node.getFirstChild());
        }
    }

    /** Shows {@code message} in {@code el}, or hides {@code el} when the message is {@code null}. */
    public static void message(HTMLElement el, String message) {
        el.setTextContent(message == null ? "" : message);
        el.setHidden(message == null);
    }
}
