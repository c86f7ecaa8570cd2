package dev.isosync.wire;

import dev.isosync.json.Json;
import dev.isosync.json.JsonException;

/**
 * Sends one HTTP request to the server and returns its answer: the JVM implements it with
 * {@code java.net.http}, the browser with XMLHttpRequest. Implementations add headers such as the client id
 * and the access token.
 */
public interface HttpTransport {
    /**
     * Sends a request.
     *
     * @param method   GET, POST, PUT, PATCH or DELETE
     * @param path     the path and query, e.g. {@code /api/Todos/changes?since=3}
     * @param jsonBody the JSON body, or {@code null} for none
     * @return the response; any status, including 4xx and 5xx
     * @throws dev.isosync.error.SyncException with status 503 when the server cannot be reached
     */
    Response send(String method, String path, String jsonBody);

    /**
     * Starts a request that the caller will wait for later, so that it can travel while the caller works; the
     * response, or the exception {@link #send} would throw, comes from {@link Pending#await}. The default sends
     * the request only then; a transport that can have requests in flight (the browser's) sends it at once.
     */
    default Pending start(String method, String path, String jsonBody) {
        return () -> send(method, path, jsonBody);
    }

    /** A request on its way. */
    interface Pending {
        /** Waits for the response; any status, as {@link #send} gives it. */
        Response await();
    }

    /** Reads a body as JSON into the values {@link Json#parse(String)} gives. */
    interface JsonReader {
        /**
         * @throws JsonException when the text is not JSON
         */
        Object read(String text);
    }

    /** A status and a body. */
    final class Response {
        private final int status;
        private final String body;
        private final JsonReader reader;
        /** Whether {@link #json} has parsed the body, and what it gave: a value, or the reason it is not JSON. */
        private boolean parsed;
        private Object json;
        private JsonException notJson;

        /** A response whose body {@link #json} reads with the shared parser. */
        public Response(int status, String body) {
            this(status, body, Json::parse);
        }

        /**
         * A response whose body {@link #json} reads with {@code reader}: a platform's own JSON parser (the
         * browser's) may give the same values for less.
         */
        public Response(int status, String body, JsonReader reader) {
            this.status = status;
            this.body = body;
            this.reader = reader;
        }

        public int status() {
            return status;
        }

        /** The body as text, empty when there was none. */
        public String body() {
            return body;
        }

        /**
         * The body parsed as JSON (by {@link Json#parse(String)}, or the reader given), {@code null} when it is
         * empty; parsed on the first call only, so that a transport can parse it the moment it arrives, while its
         * caller still waits on other work (the browser's does), and the caller then finds it done. Not for two
         * threads at once.
         *
         * @throws JsonException when the body is not JSON, on every call
         */
        public Object json() {
            if (!parsed) {
                try {
                    json = body == null || body.isEmpty() ? null : reader.read(body);
                } catch (JsonException e) {
                    notJson = e;
                }
                parsed = true;
            }
            if (notJson != null) {
                throw notJson;
            }
            return json;
        }
    }
}
