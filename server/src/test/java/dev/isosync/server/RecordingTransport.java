package dev.isosync.server;

import dev.isosync.wire.HttpTransport;
import java.util.List;

/**
 * Our transport to a test's server, recording each request as its method and path (without the query), and
 * answering one endpoint with a 404, as a server without that endpoint (LoopBack's, or an older one of ours) does.
 */
final class RecordingTransport {
    private RecordingTransport() {
    }

    /**
     * @param requests where each request is recorded, as {@code "POST /sync/Todos/push"}
     * @param missing  the request the server is to lack, in that form, or {@code null}
     */
    static HttpTransport to(HttpTransport http, List<String> requests, String missing) {
        return (method, path, body) -> {
            String request = method + " " + path.replaceAll("\\?.*", "");
            requests.add(request);
            if (request.equals(missing)) {
                String endpoint = request.substring(request.lastIndexOf('/'));
                return new HttpTransport.Response(404, "{\"error\":{\"statusCode\":404,\"name\":\"Error\","
                        + "\"message\":\"Shared class \\\"Todo\\\" has no method handling " + method + " " + endpoint
                        + "\"}}");
            }
            return http.send(method, path, body);
        };
    }
}
