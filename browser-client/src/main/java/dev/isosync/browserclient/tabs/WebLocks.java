package dev.isosync.browserclient.tabs;

import org.teavm.interop.Async;
import org.teavm.interop.AsyncCallback;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * The Web Locks API, shared by every tab of one origin: a lock held while a block of work runs, and a lock
 * held for a tab's whole life (to elect the tab that syncs for all).
 */
public final class WebLocks {
    private WebLocks() {
    }

    /** Receives a granted lock's release function. */
    @JSFunctor
    interface Granted extends JSObject {
        void granted(JSObject release);
    }

    /** Called when a lock is granted. */
    @JSFunctor
    public interface Callback extends JSObject {
        void run();
    }

    /** Runs {@code work} holding the lock {@code name}; waits (suspending this TeaVM thread) for it first. */
    public static <T> T exclusively(String name, java.util.function.Supplier<T> work) {
        if (!available()) {
            return work.get();
        }
        JSObject release = acquire(name);
        try {
            return work.get();
        } finally {
            release(release);
        }
    }

    /** Asks for {@code name} for the rest of this tab's life; {@code onGranted} runs when this tab gets it. */
    @JSBody(params = {"name", "onGranted"}, script = "if (!navigator.locks) { onGranted(); return; }"
            + "navigator.locks.request(name, () => { onGranted(); return new Promise(() => {}); });")
    public static native void holdForLife(String name, Callback onGranted);

    @JSBody(script = "return !!(navigator.locks);")
    private static native boolean available();

    @Async
    private static native JSObject acquire(String name);

    private static void acquire(String name, AsyncCallback<JSObject> callback) {
        request(name, callback::complete);
    }

    @JSBody(params = {"name", "granted"}, script = "navigator.locks.request(name, () => new Promise(r => granted(r)));")
    private static native void request(String name, Granted granted);

    @JSBody(params = "release", script = "release();")
    private static native void release(JSObject release);
}
