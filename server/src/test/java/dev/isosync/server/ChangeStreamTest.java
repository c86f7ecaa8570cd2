package dev.isosync.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /change-stream} speaks LoopBack's server-sent events for every write (PROTOCOL.md 4.2). */
class ChangeStreamTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private SyncServer server;

    @BeforeEach
    void start() {
        server = SyncServer.start(TestDatabases.h2Server());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyWriteIsAnEvent() {
        // reading a stream blocks: a stream that never brings the events fails the test rather than hanging it
        assertTimeoutPreemptively(Duration.ofSeconds(60), this::writesAreStreamed);
    }

    private void writesAreStreamed() throws Exception {
        String base = "http://127.0.0.1:" + server.port() + "/api/Todos";
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(base + "/change-stream"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        BufferedReader events = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        // the headers go out before the server registers the listener; its first comment says it has
        assertEquals(": ok", events.readLine(), "the server says the stream is registered");
        send("POST", base, "{\"id\":\"cs1\",\"title\":\"stream\"}");
        send("PATCH", base + "/cs1", "{\"title\":\"s2\"}");
        send("DELETE", base + "/cs1", null);
        List<String> data = new ArrayList<>();
        String line;
        while (data.size() < 3 && (line = events.readLine()) != null) {
            if (line.startsWith("data:")) {
                data.add(line.substring(5).trim());
            }
        }
        stream.body().close();
        assertEquals("{\"target\":\"cs1\",\"data\":{\"id\":\"cs1\",\"title\":\"stream\",\"completed\":false,\"created\":null},"
                + "\"type\":\"create\"}", data.get(0));
        assertEquals("{\"target\":\"cs1\",\"data\":{\"id\":\"cs1\",\"title\":\"s2\",\"completed\":false,\"created\":null},"
                + "\"type\":\"update\"}", data.get(1));
        assertEquals("{\"target\":\"cs1\",\"where\":{\"id\":\"cs1\"},\"type\":\"remove\"}", data.get(2));
    }

    private void send(String method, String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        assertEquals(200, http.send(b.header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }
}
