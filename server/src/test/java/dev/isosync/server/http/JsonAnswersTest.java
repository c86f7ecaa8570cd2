package dev.isosync.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.demo.Todo;
import dev.isosync.replica.LocalReplica;
import dev.isosync.server.SyncServer;
import dev.isosync.server.TestDatabases;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API's JSON answers: gzipped for a client that accepts gzip, as they are for one that does not. */
class JsonAnswersTest {
    private static final String PAGE = "/sync/Todos/changes?since=-1&limit=500&withData=true";

    private SyncServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        server = SyncServer.start(TestDatabases.h2Server());
        LocalReplica todos = new LocalReplica(server.store(), Todo.DEFINITION);
        for (int i = 0; i < 300; i++) {
            Map<String, Object> todo = new LinkedHashMap<>();
            todo.put("id", "t" + i);
            todo.put("title", "todo number " + i);
            todos.create(todo);
        }
        todos.checkpoint(); // the page answers the changes of checkpoints that ended
    }

    @AfterEach
    void stop() {
        server.closeAndDrop();
    }

    private HttpResponse<byte[]> get(String path, String acceptEncoding) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aLargeAnswerIsGzippedForAClientThatAcceptsItAndSaysTheSame() throws Exception {
        HttpResponse<byte[]> plain = get(PAGE, null);
        HttpResponse<byte[]> gzipped = get(PAGE, "gzip, deflate, br");
        assertEquals(200, plain.statusCode());
        assertEquals(200, gzipped.statusCode());
        String json = new String(plain.body(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"todo number 299\""), "the page holds the todos: " + json);
        assertFalse(plain.headers().firstValue("Content-Encoding").isPresent(), "no gzip unless asked");
        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(null));
        assertEquals("Accept-Encoding", gzipped.headers().firstValue("Vary").orElse(null));
        assertTrue(gzipped.body().length < plain.body().length / 3,
                gzipped.body().length + " bytes gzipped against " + plain.body().length);
        assertEquals(json, gunzip(gzipped.body()), "the same JSON, once gunzipped (and gzipped only once)");
        assertEquals(gzip(plain.body(), Deflater.BEST_SPEED).length, gzipped.body().length,
                "gzipped at the fastest level (the default level gives " + gzip(plain.body(), 6).length + " bytes)");
        assertTrue(gzipped.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }

    @Test
    void aClientThatRefusesGzipOrAsksForASmallAnswerGetsItAsItIs() throws Exception {
        String json = new String(get(PAGE, null).body(), StandardCharsets.UTF_8);
        for (String refusing : new String[] {"identity", "gzip;q=0", "br, GZIP; Q=0.000"}) {
            HttpResponse<byte[]> r = get(PAGE, refusing);
            assertNull(r.headers().firstValue("Content-Encoding").orElse(null), refusing);
            assertEquals(json, new String(r.body(), StandardCharsets.UTF_8), refusing);
        }
        HttpResponse<byte[]> count = get("/api/Todos/count", "gzip");
        assertNull(count.headers().firstValue("Content-Encoding").orElse(null), "a small answer goes as it is");
        assertEquals("{\"count\":300}", new String(count.body(), StandardCharsets.UTF_8));
        HttpResponse<byte[]> missing = get("/api/Todos/no-such-todo", "gzip");
        assertEquals(404, missing.statusCode());
        assertTrue(new String(missing.body(), StandardCharsets.UTF_8).contains("no-such-todo"),
                "an error's envelope, as it is");
    }

    @Test
    void readsAcceptEncodingAsRfc9110Says() {
        assertTrue(JsonAnswers.acceptsGzip("gzip"));
        assertTrue(JsonAnswers.acceptsGzip("deflate, gzip;q=0.5, br"));
        assertTrue(JsonAnswers.acceptsGzip("*"));
        assertTrue(JsonAnswers.acceptsGzip("x-gzip"));
        assertFalse(JsonAnswers.acceptsGzip(null));
        assertFalse(JsonAnswers.acceptsGzip(""));
        assertFalse(JsonAnswers.acceptsGzip("identity"));
        assertFalse(JsonAnswers.acceptsGzip("br, deflate"));
        assertFalse(JsonAnswers.acceptsGzip("gzip;q=0"));
        assertFalse(JsonAnswers.acceptsGzip("gzip; q=0.0, *;q=0"));
        assertFalse(JsonAnswers.acceptsGzip("gzip;q=nonsense"));
        assertFalse(JsonAnswers.acceptsGzip("gzip;q=NaN"));
        assertFalse(JsonAnswers.acceptsGzip("gzip;q=0, *"), "gzip named refused: the wildcard does not bring it back");
        assertTrue(JsonAnswers.acceptsGzip("br, *;q=0.1"));
        assertTrue(JsonAnswers.acceptsGzip("gzip;q=1.000"));
    }

    private static byte[] gzip(byte[] bytes, int level) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed) {
            {
                def.setLevel(level);
            }
        }) {
            out.write(bytes);
        }
        return compressed.toByteArray();
    }

    private static String gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
