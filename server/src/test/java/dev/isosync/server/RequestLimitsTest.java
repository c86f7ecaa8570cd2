package dev.isosync.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.server.http.RequestLimits;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request limits, the refusals Jetty makes itself, and CORS, each over a real server on port 0. */
class RequestLimitsTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void stockClientPushOfTenThousandTodosPassesTheDefaultLimits() throws Exception {
        try (SyncServer server = SyncServer.start(TestDatabases.h2Server())) {
            StringBuilder changes = new StringBuilder("[");
            StringBuilder updates = new StringBuilder("{\"updates\":[");
            for (int i = 0; i < 10_000; i++) {
                String sep = i == 0 ? "" : ",";
                String change = "{\"modelName\":\"Todo\",\"modelId\":\"t" + i + "\",\"rev\":\"r" + i
                        + "\",\"prev\":null,\"checkpoint\":1}";
                changes.append(sep).append(change);
                updates.append(sep).append("{\"type\":\"create\",\"change\":").append(change)
                        .append(",\"data\":{\"id\":\"t").append(i).append("\",\"title\":\"todo number ").append(i)
                        .append("\",\"completed\":false}}");
            }
            assertEquals(200, send(server, "POST", "/api/Todos/diff?since=-1", changes + "]", null).statusCode());
            HttpResponse<String> pushed = send(server, "POST", "/api/Todos/bulk-update", updates + "]}", null);
            assertEquals(204, pushed.statusCode(), pushed.body());
            assertEquals("{\"count\":10000}", send(server, "GET", "/api/Todos/count", null, null).body());
        }
    }

    @Test
    void overLimitRefusalsNameTheLimitAndTheValue() throws Exception {
        try (SyncServer server = SyncServer.start(TestDatabases.h2Server().limits(new RequestLimits(2, 10, 50)))) {
            HttpResponse<String> items = send(server, "POST", "/api/Todos/diff?since=-1",
                    "[{\"modelId\":\"a\",\"rev\":\"r\"},{\"modelId\":\"b\",\"rev\":\"r\"},{\"modelId\":\"c\",\"rev\":\"r\"}]",
                    null);
            assertEquals(413, items.statusCode());
            assertTrue(items.body().contains("has 3 items, over the limit of 2 items (maxItems)"), items.body());
            HttpResponse<String> string = send(server, "POST", "/api/Todos", "{\"id\":\"a\",\"title\":\"eleven char\"}",
                    null);
            assertEquals(422, string.statusCode());
            assertTrue(string.body().contains("$.title has 11 characters, over the limit of 10 characters"
                    + " (maxStringLength)"), string.body());
            HttpResponse<String> query = send(server, "GET", "/api/Todos?filter=" + "x".repeat(51), null, null);
            assertEquals(413, query.statusCode());
            assertTrue(query.body().contains("Query string of 58 characters is over the limit of 50 characters"),
                    query.body());
            assertEquals("{\"count\":0}", send(server, "GET", "/api/Todos/count", null, null).body());
        }
    }

    @Test
    void aStringOverTheLimitDeepInAPushIsNamedByItsPathAndNothingIsWritten() throws Exception {
        try (SyncServer server = SyncServer.start(TestDatabases.h2Server().limits(new RequestLimits(10, 10, 50)))) {
            String change = "{\"modelName\":\"Todo\",\"modelId\":\"%s\",\"rev\":\"r\",\"prev\":null,\"checkpoint\":1}";
            String update = "{\"type\":\"create\",\"change\":" + change + ",\"data\":{\"id\":\"%s\",%s}}";
            String body = "{\"updates\":[" + String.format(update, "a", "a", "\"title\":\"ok\"") + ","
                    + String.format(update, "b", "b", "\"title\":\"eleven char\"") + "]}";
            HttpResponse<String> value = send(server, "POST", "/api/Todos/bulk-update", body, null);
            assertEquals(422, value.statusCode(), value.body());
            assertTrue(value.body().contains("The string at $.updates[1].data.title has 11 characters, over the limit"
                    + " of 10 characters (maxStringLength)"), value.body());
            String longKey = "{\"updates\":[" + String.format(update, "c", "c", "\"titletitle1\":\"x\"") + "]}";
            HttpResponse<String> key = send(server, "POST", "/api/Todos/bulk-update", longKey, null);
            assertEquals(422, key.statusCode(), key.body());
            assertTrue(key.body().contains("The string at $.updates[0].data (a key) has 11 characters"), key.body());
            assertEquals("{\"count\":0}", send(server, "GET", "/api/Todos/count", null, null).body());
        }
    }

    @Test
    void nulCharacterInFilterIsRefusedNotAServerErrorOnPostgres() throws Exception {
        try (SyncServer server = SyncServer.start(TestDatabases.server(TestDatabases.POSTGRESQL))) {
            String filter = URLEncoder.encode("{\"where\":{\"title\":\"a\\u0000b\"}}", StandardCharsets.UTF_8);
            HttpResponse<String> r = send(server, "GET", "/api/Todos?filter=" + filter, null, null);
            assertEquals(422, r.statusCode(), r.body());
            assertTrue(r.body().contains("$.where.title contains the character U+0000"), r.body());
            assertEquals(422, send(server, "POST", "/api/Todos", "{\"id\":\"a\",\"title\":\"a\\u0000\"}", null)
                    .statusCode());
        }
    }

    @Test
    void nulCharacterInAdminAndInboxRequestsIsRefusedAndWritesNothingOnPostgres() throws Exception {
        String token = "admin-token-for-nul-checks";
        try (SyncServer server = SyncServer.start(TestDatabases.server(TestDatabases.POSTGRESQL).adminToken(token))) {
            String nulFilter = URLEncoder.encode("{\"where\":{\"title\":\"a\\u0000b\"}}", StandardCharsets.UTF_8);
            String[][] requests = {
                {"GET", "/admin/api/models/Todo/records?filter=" + nulFilter, null},
                {"GET", "/admin/api/conflicts?state=open%00", null},
                {"GET", "/admin/api/conflicts?model=Todo%00", null},
                {"GET", "/admin/api/activity?model=%00", null},
                {"GET", "/api/Todos?unknown%00=1", null},
                {"POST", "/admin/api/conflicts/1/resolve", "{\"title\":\"a\\u0000\"}"},
                {"POST", "/sync/Todos/conflicts", "[{\"change\":{\"modelName\":\"Todo\",\"modelId\":\"t\\u0000\","
                        + "\"rev\":\"r\",\"prev\":null,\"checkpoint\":1},\"data\":{\"id\":\"t\",\"title\":\"x\"}}]"},
                {"POST", "/sync/Todos/conflicts/resolved", "[{\"modelId\":\"t\\u0000\",\"rev\":null}]"},
            };
            for (String[] r : requests) {
                HttpRequest.Builder b = HttpRequest.newBuilder(uri(server, r[1])).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .method(r[0], r[2] == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(r[2]));
                HttpResponse<String> answer = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(422, answer.statusCode(), r[0] + " " + r[1] + ": " + answer.body());
                assertTrue(answer.body().contains("U+0000"), answer.body());
            }
            HttpResponse<String> conflicts = http.send(HttpRequest.newBuilder(uri(server, "/admin/api/conflicts"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, conflicts.statusCode(), conflicts.body());
            assertTrue(conflicts.body().contains("\"conflicts\":[]"), "nothing was filed: " + conflicts.body());
        }
    }

    @Test
    void pathJettyCannotDecodeIsRefusedInLoopBacksEnvelope() throws Exception {
        try (SyncServer server = SyncServer.start(TestDatabases.h2Server())) {
            HttpResponse<String> r = send(server, "GET", "/api/Todos/%00", null, null);
            assertEquals(400, r.statusCode());
            assertTrue(r.body().startsWith("{\"error\":{\"statusCode\":400,"), r.body());
        }
    }

    @Test
    void corsAnswersOnlyConfiguredOrigins() throws Exception {
        try (SyncServer server = SyncServer.start(TestDatabases.h2Server()
                .corsOrigins(List.of("https://app.example.com")))) {
            HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(uri(server, "/api/Todos"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://app.example.com").header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type,authorization").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, preflight.statusCode());
            assertEquals("https://app.example.com",
                    preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
            assertEquals("https://app.example.com", send(server, "GET", "/api/Todos", null, "https://app.example.com")
                    .headers().firstValue("Access-Control-Allow-Origin").orElse(null));
            assertFalse(send(server, "GET", "/api/Todos", null, "https://evil.example.com").headers()
                    .firstValue("Access-Control-Allow-Origin").isPresent());
        }
        try (SyncServer server = SyncServer.start(TestDatabases.h2Server())) {
            assertFalse(send(server, "GET", "/api/Todos", null, "https://app.example.com").headers()
                    .firstValue("Access-Control-Allow-Origin").isPresent(), "same-origin only by default");
        }
    }

    private HttpResponse<String> send(SyncServer server, String method, String path, String body, String origin)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(server, path)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(SyncServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
