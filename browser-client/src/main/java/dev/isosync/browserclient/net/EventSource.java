package dev.isosync.browserclient.net;

import org.teavm.jso.JSClass;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.events.EventListener;
import org.teavm.jso.dom.events.MessageEvent;

/** The browser's EventSource (server-sent events), which teavm-jso-apis does not bind. */
@JSClass
public class EventSource implements JSObject {
    public EventSource(String url) {
    }

    public native void close();

    public native void addEventListener(String type, EventListener<MessageEvent> listener);
}
