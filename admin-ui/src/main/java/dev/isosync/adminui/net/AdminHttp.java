package dev.isosync.adminui.net;

import dev.isosync.json.Json;
import dev.isosync.json.JsonException;
import java.util.Map;
import org.teavm.interop.Async;
import org.teavm.interop.AsyncCallback;
import org.teavm.jso.ajax.XMLHttpRequest;

/**
 * Calls the admin API ({@code /admin/api/...}) of the page's own server with XMLHttpRequest, blocking the calling
 * TeaVM thread until the answer comes (call it from a {@code new Thread}, never from an event handler). The
 * browser sends the sign-in cookie by itself; the console never sees the token.
 */
public final class AdminHttp {
    /** Longest piece of an unexpected answer quoted in an error. */
    private static final int QUOTE = 200;

    /** {@code GET path}: the parsed JSON answer. */
    public Object get(String path) {
        return call("GET", path, null);
    }

    /** {@code POST path} with {@code body} as JSON: the parsed JSON answer. */
    public Object post(String path, Object body) {
        return call("POST", path, Json.write(body));
    }

    private static Object call(String method, String path, String body) {
        String[] answer = request(method, path, body);
        int status = Integer.parseInt(answer[0]);
        String text = answer[1];
        String request = method + " " + path;
        if (status == 0) {
            throw new ApiException(0, request + ": the server cannot be reached");
        }
        if (status == 401) {
            throw new ApiException(401, "Signed out: the admin token is needed again. Reload the page to sign in.");
        }
        Object parsed;
        try {
            parsed = text.isEmpty() ? null : Json.parse(text);
        } catch (JsonException e) {
            throw new ApiException(status, request + " answered " + status + " with something that is not JSON: "
                    + quote(text));
        }
        if (status >= 400) {
            throw new ApiException(status, request + " failed (" + status + "): " + message(parsed, text));
        }
        return parsed;
    }

    /** The message of LoopBack's error envelope, with the details' messages of a 422, or the raw answer. */
    @SuppressWarnings("unchecked")
    private static String message(Object parsed, String text) {
        if (parsed instanceof Map && ((Map<String, Object>) parsed).get("error") instanceof Map) {
            Map<String, Object> error = (Map<String, Object>) ((Map<String, Object>) parsed).get("error");
            Object message = error.get("message");
            if (message instanceof String) {
                return (String) message;
            }
        }
        return quote(text);
    }

    private static String quote(String text) {
        return text.length() > QUOTE ? text.substring(0, QUOTE) + "…" : text;
    }

    /** The status (as text, "0" when unreachable) and the body of the answer. */
    @Async
    private static native String[] request(String method, String url, String body);

    private static void request(String method, String url, String body, AsyncCallback<String[]> callback) {
        XMLHttpRequest xhr = new XMLHttpRequest();
        xhr.open(method, url);
        xhr.setRequestHeader("Accept", "application/json");
        xhr.onComplete(() -> callback.complete(new String[] {String.valueOf(xhr.getStatus()),
                xhr.getResponseText() == null ? "" : xhr.getResponseText()}));
        if (body == null) {
            xhr.send();
        } else {
            xhr.setRequestHeader("Content-Type", "application/json");
            xhr.send(body);
        }
    }
}
