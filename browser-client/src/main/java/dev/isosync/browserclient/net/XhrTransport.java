package dev.isosync.browserclient.net;

import dev.isosync.browserclient.store.NativeJson;
import dev.isosync.error.SyncException;
import dev.isosync.json.JsonException;
import dev.isosync.wire.HttpTransport;
import org.teavm.interop.Async;
import org.teavm.interop.AsyncCallback;
import org.teavm.jso.ajax.XMLHttpRequest;

/**
 * The browser's transport for {@link dev.isosync.wire.RemoteReplica}: XMLHttpRequest to the page's own
 * origin, blocking the calling TeaVM thread until the answer comes (DESIGN.md, "Running where there is no
 * blocking"). Sends the profile's stable {@code X-Client-Id} (PROTOCOL.md 9.8) and, when someone is signed in,
 * their access token as {@code Authorization} (PROTOCOL.md 4.5).
 */
public final class XhrTransport implements HttpTransport {
    private final String origin;
    private final String clientId;
    private final String token;

    /**
     * @param origin   scheme, host and port of the server, or "" for the page's own origin
     * @param clientId this profile's stable id
     * @param token    the signed-in user's access token, or {@code null}
     */
    public XhrTransport(String origin, String clientId, String token) {
        this.origin = origin;
        this.clientId = clientId;
        this.token = token;
    }

    @Override
    public Response send(String method, String path, String jsonBody) {
        return start(method, path, jsonBody).await();
    }

    /** Sends the request at once: the answer is kept until {@link Pending#await} asks for it. */
    @Override
    public Pending start(String method, String path, String jsonBody) {
        InFlight request = new InFlight(method + " " + path);
        XMLHttpRequest xhr = new XMLHttpRequest();
        xhr.open(method, origin + path);
        xhr.setRequestHeader("X-Client-Id", clientId);
        if (token != null) {
            xhr.setRequestHeader("Authorization", token);
        }
        xhr.setRequestHeader("Accept", "application/json");
        xhr.onComplete(() -> request.answered(parsedEarly(xhr.getStatus(),
                xhr.getResponseText() == null ? "" : xhr.getResponseText())));
        if (jsonBody == null) {
            xhr.send();
        } else {
            xhr.setRequestHeader("Content-Type", "application/json");
            xhr.send(jsonBody);
        }
        return request;
    }

    /**
     * The answer, read by the browser's own JSON parser ({@link NativeJson}), a successful one parsed as it arrives.
     * A page of changes mostly arrives while the page's thread waits for IndexedDB, so parsing it then takes none of
     * the sync's time, and the reader finds it done ({@link Response#json}). A body that is not JSON is left to the
     * reader, who reports the error with its request.
     */
    private static Response parsedEarly(int status, String body) {
        Response r = new Response(status, body, NativeJson::parse);
        if (status >= 200 && status < 300) {
            try {
                r.json();
            } catch (JsonException e) {
                // kept by the response: the reader gets it
            }
        }
        return r;
    }

    /** A request sent and not yet read: its answer once it came, and the thread waiting for it, if any. */
    private static final class InFlight implements Pending {
        private final String request;
        private Response response;
        private AsyncCallback<Response> waiting;

        InFlight(String request) {
            this.request = request;
        }

        /** Called from the XHR's event: hands the answer to the waiting thread, or keeps it for the next await. */
        void answered(Response r) {
            response = r;
            if (waiting != null) {
                AsyncCallback<Response> thread = waiting;
                waiting = null;
                thread.complete(r);
            }
        }

        @Override
        public Response await() {
            Response r = response != null ? response : waitFor(this);
            if (r.status() == 0) {
                throw SyncException.unavailable(request + ": the server cannot be reached", null);
            }
            return r;
        }

        @Async
        private static native Response waitFor(InFlight request);

        private static void waitFor(InFlight request, AsyncCallback<Response> callback) {
            if (request.response != null) {
                callback.complete(request.response);
            } else {
                request.waiting = callback;
            }
        }
    }
}
