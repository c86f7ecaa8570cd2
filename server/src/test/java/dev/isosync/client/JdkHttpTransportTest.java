package dev.isosync.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.isosync.error.SyncException;
import dev.isosync.wire.HttpTransport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JVM transport sends a started request at once, and answers it, or its failure, when it is awaited. */
class JdkHttpTransportTest {
    private HttpServer server;
    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch mayAnswer = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/sync/Todos/push", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            arrived.countDown();
            try {
                mayAnswer.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String answer = "{\"got\":" + new String(body, StandardCharsets.UTF_8) + ",\"client\":\""
                    + exchange.getRequestHeaders().getFirst("X-Client-Id") + "\"}";
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(201, out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        mayAnswer.countDown();
        server.stop(0);
    }

    @Test
    void aStartedRequestReachesTheServerBeforeItsAnswerIsAwaited() throws InterruptedException {
        JdkHttpTransport http = new JdkHttpTransport("http://127.0.0.1:" + server.getAddress().getPort(), "device-7");

        HttpTransport.Pending pending = http.start("POST", "/sync/Todos/push", "{\"updates\":[]}");

        assertTrue(arrived.await(10, TimeUnit.SECONDS), "the request arrived while the caller went on");
        mayAnswer.countDown();
        HttpTransport.Response response = pending.await();
        assertEquals(201, response.status());
        assertEquals("{\"got\":{\"updates\":[]},\"client\":\"device-7\"}", response.body());
    }

    @Test
    void aServerThatCannotBeReachedIsUnavailableWhenTheAnswerIsAwaited() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        JdkHttpTransport http = new JdkHttpTransport("http://127.0.0.1:" + closedPort);

        HttpTransport.Pending pending = http.start("GET", "/sync/Todos/changes?since=0", null);
        SyncException e = assertThrows(SyncException.class, pending::await);

        assertEquals(503, e.statusCode());
        assertTrue(e.getMessage().startsWith("GET http://127.0.0.1:" + closedPort + "/sync/Todos/changes?since=0 failed: "),
                e.getMessage());
        SyncException sent = assertThrows(SyncException.class, () -> http.send("GET", "/api/Todos", null));
        assertEquals(503, sent.statusCode(), "a plain send fails the same way");
    }
}
