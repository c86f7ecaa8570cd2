package dev.isosync.adminui.net;

import org.teavm.jso.JSClass;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.events.EventListener;
import org.teavm.jso.dom.events.MessageEvent;

/** The browser's EventSource (server-sent events), which teavm-jso-apis does not bind. */
@JSClass
public class EventSource implements JSObject {
    public EventSource(String url) {
    }

    public native void close();

    public native void addEventListener(String type, EventListener<MessageEvent> listener);

    /** Told on {@code open} and {@code error} (the browser reconnects by itself after an error). */
    @org.teavm.jso.JSMethod("addEventListener")
    public native void onState(String type, EventListener<Event> listener);
}
