package dev.isosync.browserclient.net;

import dev.isosync.error.SyncException;
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
        Response r = request(method, origin + path, jsonBody, clientId, token);
        if (r.status() == 0) {
            throw SyncException.unavailable(method + " " + path + ": the server cannot be reached", null);
        }
        return r;
    }

    @Async
    private static native Response request(String method, String url, String body, String clientId, String token);

    private static void request(String method, String url, String body, String clientId, String token,
            AsyncCallback<Response> callback) {
        XMLHttpRequest xhr = new XMLHttpRequest();
        xhr.open(method, url);
        xhr.setRequestHeader("X-Client-Id", clientId);
        if (token != null) {
            xhr.setRequestHeader("Authorization", token);
        }
        xhr.setRequestHeader("Accept", "application/json");
        xhr.onComplete(() -> callback.complete(new Response(xhr.getStatus(),
                xhr.getResponseText() == null ? "" : xhr.getResponseText())));
        if (body == null) {
            xhr.send();
        } else {
            xhr.setRequestHeader("Content-Type", "application/json");
            xhr.send(body);
        }
    }
}
