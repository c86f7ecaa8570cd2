package dev.isosync.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.json.Json;
import dev.isosync.server.SyncServer;
import dev.isosync.server.TestDatabases;
import dev.isosync.server.auth.SecurityConfig;
import java.io.BufferedReader;
import java.io.IOException;
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
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin API's change stream ({@code GET /admin/api/models/{model}/change-stream}): the public stream's events,
 * every owner's, for the admin credential, even where the model's ACLs let no anonymous caller listen and scope
 * each user to their own records (examples/per-user-todos.json, with an admin user).
 */
class AdminChangeStreamTest {
    private static final String TOKEN = AdminAuthTest.TOKEN;
    private static final String ACL = "{\"owners\": {\"Todo\": \"ownerId\"}, \"roles\": {\"admin\": [\"root\"]},"
            + " \"acls\": {\"Todo\": ["
            + "{\"principalType\": \"ROLE\", \"principalId\": \"$everyone\", \"accessType\": \"*\", \"permission\": \"DENY\"},"
            + "{\"principalType\": \"ROLE\", \"principalId\": \"$authenticated\", \"accessType\": \"*\", "
            + "\"permission\": \"ALLOW\"}]}}";
    private static final String STREAM = "/admin/api/models/Todo/change-stream";

    private final HttpClient client = HttpClient.newHttpClient();
    private final List<InputStream> open = new ArrayList<>();
    private SyncServer server;
    private Http http;

    @BeforeEach
    void start() {
        server = SyncServer.start(TestDatabases.h2Server().adminToken(TOKEN)
                .security(SecurityConfig.parse(ACL, "test ACL")));
        http = new Http(server.port());
    }

    @AfterEach
    void stop() throws IOException {
        for (InputStream in : open) {
            in.close();
        }
        server.close();
    }

    @Test
    void everyOwnersWritesReachTheAdminWhereTheAclsLetNobodyElseListen() throws Exception {
        assertEquals(401, listen("/api/Todos/change-stream").status, "the model's own stream needs a user");
        Events byToken = listen(STREAM, "Authorization", "Bearer " + TOKEN);
        Events byCookie = listen(STREAM, "Cookie", AdminAuth.COOKIE + "=" + TOKEN);
        assertEquals(200, byToken.status);
        assertEquals(200, byCookie.status, "the sign-in cookie, scoped to /admin, reaches it");
        String cat = http.signUp("cat");
        String dan = http.signUp("dan");

        assertEquals(200, as(cat, "POST", "/api/Todos", "{\"id\":\"c1\",\"title\":\"cat's\"}").status);
        assertEquals(200, as(dan, "POST", "/api/Todos", "{\"id\":\"d1\",\"title\":\"dan's\"}").status);
        assertEquals(200, as(cat, "DELETE", "/api/Todos/c1", null).status);
        for (Events events : List.of(byToken, byCookie)) {
            assertEquals("{\"target\":\"c1\",\"data\":{\"id\":\"c1\",\"title\":\"cat's\",\"completed\":false,"
                    + "\"created\":null},\"type\":\"create\"}", events.next(), "as the public stream has it, no owner");
            assertEquals("{\"target\":\"d1\",\"data\":{\"id\":\"d1\",\"title\":\"dan's\",\"completed\":false,"
                    + "\"created\":null},\"type\":\"create\"}", events.next());
            assertEquals("{\"target\":\"c1\",\"where\":{\"id\":\"c1\"},\"type\":\"remove\"}", events.next());
        }
    }

    @Test
    void anAdminUsersTokenOpensItToo() throws Exception {
        String root = http.signUp("root");
        String cat = http.signUp("cat");
        Events events = listen(STREAM + "?access_token=" + root);
        assertEquals(200, events.status);
        assertEquals(200, as(cat, "POST", "/api/Todos", "{\"id\":\"c1\",\"title\":\"cat's\"}").status);
        assertEquals("c1", ((Map<?, ?>) Json.parse(events.next())).get("target"), "cat's event, not only root's");
        assertEquals(401, listen(STREAM + "?access_token=" + cat).status, "a user without the admin role");
    }

    @Test
    void withoutTheCredentialItIsRefusedBeforeTheStreamOpens() throws Exception {
        Events refused = listen(STREAM);
        assertEquals(401, refused.status);
        assertEquals("AUTHORIZATION_REQUIRED", ((Map<?, ?>) ((Map<?, ?>) Json.parse(refused.body)).get("error"))
                .get("code"));
        assertEquals(404, listen("/admin/api/models/Nope/change-stream", "Authorization", "Bearer " + TOKEN).status);
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** An open stream's status and its {@code data:} lines as they arrive; a refusal's body. */
    private static final class Events {
        final int status;
        final String body;
        final BlockingQueue<String> data = new LinkedBlockingQueue<>();

        Events(int status, String body) {
            this.status = status;
            this.body = body;
        }

        /** The next event's data, waiting up to ten seconds; fails when none comes. */
        String next() throws InterruptedException {
            String d = data.poll(10, TimeUnit.SECONDS);
            if (d == null) {
                throw new AssertionError("no event within ten seconds");
            }
            return d;
        }
    }

    private Events listen(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<InputStream> r = client.send(b.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            try (InputStream in = r.body()) {
                return new Events(r.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        open.add(r.body());
        Events events = new Events(200, null);
        CountDownLatch listening = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.equals(": ok")) {
                        listening.countDown();
                    } else if (line.startsWith("data:")) {
                        events.data.add(line.substring(5).trim());
                    }
                }
            } catch (IOException e) {
                // closed at the end of the test
            }
        });
        reader.setDaemon(true);
        reader.start();
        assertTrue(listening.await(10, TimeUnit.SECONDS), "the stream says it listens");
        return events;
    }

    private Http.Response as(String token, String method, String path, String body) {
        return http.send(method, path, body, "Authorization", token);
    }
}
