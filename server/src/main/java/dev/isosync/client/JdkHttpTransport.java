package dev.isosync.client;

import dev.isosync.error.SyncException;
import dev.isosync.wire.HttpTransport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The JVM's transport for {@link dev.isosync.wire.RemoteReplica}: {@code java.net.http} to a server origin
 * such as {@code http://127.0.0.1:3000}, sending a stable {@code X-Client-Id} (PROTOCOL.md 9.8).
 */
public final class JdkHttpTransport implements HttpTransport {
    /** The threads that send started requests; idle ones end after a minute, and none keeps the JVM alive. */
    private static final ExecutorService SENDERS = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "isosync-http-sender");
        t.setDaemon(true);
        return t;
    });

    private final HttpClient client;
    private final String origin;
    private final String clientId;
    private final Duration timeout;

    /**
     * @param origin   scheme, host and port of the server, without a trailing slash
     * @param clientId this replica's stable id
     */
    public JdkHttpTransport(String origin, String clientId) {
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1)
                .build();
        this.origin = origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
        this.clientId = clientId;
        this.timeout = Duration.ofMinutes(5);
    }

    /** A transport with a random client id. */
    public JdkHttpTransport(String origin) {
        this(origin, UUID.randomUUID().toString());
    }

    @Override
    public Response send(String method, String path, String jsonBody) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(origin + path)).timeout(timeout)
                .header("X-Client-Id", clientId).header("Accept", "application/json");
        if (jsonBody == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        }
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            throw SyncException.unavailable(method + " " + origin + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SyncException.unavailable(method + " " + origin + path + " was interrupted", e);
        }
    }

    /**
     * Sends the request now, on a thread of its own, and answers at once: the caller waits only when it asks for the
     * response, so that a replication reads or writes its next page while this one travels. A plain {@link #send}
     * on a pooled thread, because {@code HttpClient.sendAsync} hands each answer through two more threads, which
     * cost a small request twice its time here.
     */
    @Override
    public Pending start(String method, String path, String jsonBody) {
        Future<Response> response = SENDERS.submit(() -> send(method, path, jsonBody));
        return () -> {
            try {
                return response.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException) {
                    throw (RuntimeException) cause;
                }
                if (cause instanceof Error) {
                    throw (Error) cause;
                }
                throw new IllegalStateException(cause);
            } catch (InterruptedException e) {
                response.cancel(true);
                Thread.currentThread().interrupt();
                throw SyncException.unavailable(method + " " + origin + path + " was interrupted", e);
            }
        };
    }
}
