package dev.isosync.server.http;

import dev.isosync.error.SyncException;
import dev.isosync.json.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals in LoopBack's error envelope instead of its HTML page: requests Jetty answers before
 * any route runs, such as a request line or headers over its size ({@code 431}, {@code 414}) or a path it
 * will not decode ({@code /api/Todos/%00}, a {@code 400}). Everything Javalin routes goes through
 * {@link ErrorResponses}.
 */
public final class JettyErrors extends ErrorHandler {
    private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) throws IOException {
        response.getHeaders().put(JSON);
        response.write(true, envelope(code, message), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(JSON);
        return envelope(status, reason);
    }

    private static ByteBuffer envelope(int code, String message) {
        String text = message != null && !message.isBlank() ? message
                : code == 400 ? "The request's path, query or headers cannot be decoded (Bad Request)"
                : HttpStatus.getMessage(code);
        SyncException e = new SyncException(code, "Error", null, text, null);
        return ByteBuffer.wrap(Json.write(e.toEnvelope()).getBytes(StandardCharsets.UTF_8));
    }
}
