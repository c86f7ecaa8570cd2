package dev.isosync.client;

import dev.isosync.error.SyncException;
import dev.isosync.wire.HttpTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The JVM's transport for {@link dev.isosync.wire.RemoteReplica}: {@code java.net.http} to a server origin
 * such as {@code http://127.0.0.1:3000}, sending a stable {@code X-Client-Id} (PROTOCOL.md 9.8).
 */
public final class JdkHttpTransport implements HttpTransport {
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
        return start(method, path, jsonBody).await();
    }

    /**
     * Sends the request now, on the client's own threads, and answers at once: the caller waits only when it asks
     * for the response, so that a replication reads or writes its next page while this one travels.
     */
    @Override
    public Pending start(String method, String path, String jsonBody) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(origin + path)).timeout(timeout)
                .header("X-Client-Id", clientId).header("Accept", "application/json");
        if (jsonBody == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        }
        CompletableFuture<HttpResponse<String>> response = client.sendAsync(b.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return () -> {
            try {
                HttpResponse<String> r = response.get();
                return new Response(r.statusCode(), r.body());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException) {
                    throw (RuntimeException) cause;
                }
                if (cause instanceof Error) {
                    throw (Error) cause;
                }
                throw SyncException.unavailable(method + " " + origin + path + " failed: " + cause, cause);
            } catch (InterruptedException e) {
                response.cancel(true);
                Thread.currentThread().interrupt();
                throw SyncException.unavailable(method + " " + origin + path + " was interrupted", e);
            }
        };
    }
}
