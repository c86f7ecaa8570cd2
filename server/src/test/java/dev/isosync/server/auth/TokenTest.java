package dev.isosync.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.isosync.server.TestDatabases;
import dev.isosync.server.admin.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Access tokens: every transport LoopBack accepts (PROTOCOL.md 4.5), and expired, revoked, forged and missing
 * tokens refused on every model endpoint, the change stream included.
 */
class TokenTest {
    /** Signed-in users may do everything; nobody else anything. */
    static final String ACL = "{\"tokenTtl\":3600,\"acls\":{\"*\":["
            + "{\"principalType\":\"ROLE\",\"principalId\":\"$everyone\",\"permission\":\"DENY\"},"
            + "{\"principalType\":\"ROLE\",\"principalId\":\"$authenticated\",\"permission\":\"ALLOW\"}]}}";
    private static final String[][] ENDPOINTS = {
        {"GET", "/api/Todos/changes?since=-1", null}, {"GET", "/api/Todos/checkpoint", null},
        {"POST", "/api/Todos/checkpoint", null}, {"POST", "/api/Todos/diff", "[]"},
        {"POST", "/api/Todos/create-updates", "[]"}, {"POST", "/api/Todos/bulk-update", "{\"updates\":[]}"},
        {"GET", "/api/Todos/t1/changes/last", null}, {"PUT", "/api/Todos/t1/changes/last", "{}"},
        {"GET", "/api/Todos", null}, {"GET", "/api/Todos/findOne", null}, {"GET", "/api/Todos/count", null},
        {"GET", "/api/Todos/t1", null}, {"GET", "/api/Todos/t1/exists", null},
        {"POST", "/api/Todos", "{\"title\":\"x\"}"}, {"PATCH", "/api/Todos", "{\"id\":\"t1\",\"title\":\"x\"}"},
        {"PUT", "/api/Todos", "{\"id\":\"t1\",\"title\":\"x\"}"}, {"PUT", "/api/Todos/t1", "{\"title\":\"x\"}"},
        {"PATCH", "/api/Todos/t1", "{\"title\":\"x\"}"}, {"DELETE", "/api/Todos/nothing", null},
        {"GET", "/sync/Todos/changes?since=-1", null}, {"GET", "/sync/Todos/resolutions?since=0", null},
        {"POST", "/sync/Todos/conflicts", "[]"}};

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private SecureServer server;
    private String token;

    @BeforeEach
    void start() {
        server = new SecureServer(TestDatabases.h2Server().clock(clock), ACL);
        token = server.signUp("tess");
        assertEquals(200, server.as(token, "POST", "/api/Todos", "{\"id\":\"t1\",\"title\":\"a\"}").status());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyTransportLoopBackAcceptsCarriesTheToken() {
        String path = "/api/Todos/t1";
        assertEquals(200, server.send("GET", path + "?access_token=" + token, null).status());
        assertEquals(200, server.send("GET", path, null, "X-Access-Token", token).status());
        assertEquals(200, server.send("GET", path, null, "Authorization", token).status());
        assertEquals(200, server.send("GET", path, null, "Authorization", "Bearer " + base64(token)).status(),
                "LoopBack's bearer form: the token base64-encoded");
        assertEquals(200, server.send("GET", path, null, "Authorization", "Bearer " + token).status());
        assertEquals(200, server.send("GET", path, null, "Authorization", "Basic " + base64("x:" + token)).status());
        assertEquals(401, server.send("GET", path, null).status());
        assertEquals(200, server.changeStreamStatus("/api/Todos/change-stream?access_token=" + token),
                "an EventSource can send the token only in the query");
    }

    /** Every endpoint refuses the request with this token ({@code null}: none) with LoopBack's 401. */
    private List<DynamicTest> refusedEverywhere(String what, String badToken) {
        List<DynamicTest> tests = new ArrayList<>();
        for (String[] e : ENDPOINTS) {
            tests.add(DynamicTest.dynamicTest(what + ": " + e[0] + " " + e[1], () -> {
                SecureServer.Response r = server.as(badToken, e[0], e[1], e[2]);
                assertEquals(401, r.status(), r.body());
                assertEquals("{\"error\":{\"statusCode\":401,\"name\":\"Error\",\"message\":\"Authorization Required\","
                        + "\"code\":\"AUTHORIZATION_REQUIRED\"}}", r.body());
            }));
        }
        tests.add(DynamicTest.dynamicTest(what + ": the change stream", () -> assertEquals(401,
                server.changeStreamStatus("/api/Todos/change-stream" + (badToken == null ? ""
                        : "?access_token=" + badToken)))));
        tests.add(DynamicTest.dynamicTest(what + ": nothing was written", () -> assertEquals("a",
                server.as(server.signUpOnce(), "GET", "/api/Todos/t1", null).json().get("title"))));
        return tests;
    }

    @TestFactory
    Stream<DynamicTest> missingTokenIsRefusedEverywhere() {
        return refusedEverywhere("missing", null).stream();
    }

    @TestFactory
    Stream<DynamicTest> forgedTokenIsRefusedEverywhere() {
        String forged = token.substring(0, token.length() - 1) + (token.endsWith("a") ? "b" : "a");
        return refusedEverywhere("forged", forged).stream();
    }

    @TestFactory
    Stream<DynamicTest> revokedTokenIsRefusedEverywhere() {
        assertEquals(204, server.as(token, "POST", "/api/Users/logout", null).status());
        assertEquals(401, server.as(token, "POST", "/api/Users/logout", null).status(), "a revoked token is gone");
        return refusedEverywhere("revoked", token).stream();
    }

    @TestFactory
    Stream<DynamicTest> expiredTokenIsRefusedEverywhere() {
        clock.advance(Duration.ofSeconds(3599));
        assertEquals(200, server.as(token, "GET", "/api/Todos/t1", null).status(), "valid until its ttl is over");
        clock.advance(Duration.ofSeconds(1));
        return refusedEverywhere("expired", token).stream();
    }

    @Test
    void aLoginMayAskForAShorterLifetime() {
        SecureServer.Response r = server.send("POST", "/api/Users/login",
                "{\"username\":\"tess\",\"password\":\"tess-password\",\"ttl\":60}");
        assertEquals(200, r.status());
        assertEquals(60.0, r.json().get("ttl"));
        String shortLived = (String) r.json().get("id");
        assertNotEquals(token, shortLived, "every login issues a new token");
        clock.advance(Duration.ofSeconds(60));
        assertEquals(401, server.as(shortLived, "GET", "/api/Todos/t1", null).status());
        assertEquals(200, server.as(token, "GET", "/api/Todos/t1", null).status());
    }
}
