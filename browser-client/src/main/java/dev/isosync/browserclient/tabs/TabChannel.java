package dev.isosync.browserclient.tabs;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/** A BroadcastChannel between the tabs of one origin, carrying short text messages. */
public final class TabChannel {
    /** Receives a message from another tab. */
    @JSFunctor
    public interface Listener extends JSObject {
        void message(String text);
    }

    private final JSObject channel;

    public TabChannel(String name, Listener listener) {
        channel = open(name, listener);
    }

    /** Tells the other tabs (not this one). */
    public void post(String text) {
        post(channel, text);
    }

    // an inner function keeps the local name out of the minified scope TeaVM inlines this into
    @JSBody(params = {"name", "listener"}, script = "return (function(n, l) { var ch = new BroadcastChannel(n);"
            + " ch.onmessage = function(e) { l(String(e.data)); }; return ch; })(name, listener);")
    private static native JSObject open(String name, Listener listener);

    @JSBody(params = {"channel", "text"}, script = "channel.postMessage(text);")
    private static native void post(JSObject channel, String text);
}
