package dev.isosync.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.server.Main;
import dev.isosync.server.ServerConfig;
import dev.isosync.server.SyncServer;
import dev.isosync.server.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The admin token guards every admin page and endpoint; the sign-in form and its cookie. */
class AdminAuthTest {
    static final String TOKEN = "test-admin-token-0123456789";
    private static final String ENVELOPE_401 = "{\"error\":{\"statusCode\":401,\"name\":\"Error\",\"message\":"
            + "\"The admin API needs the admin token: send \\\"Authorization: Bearer <token>\\\" or sign in at "
            + "/admin/\",\"code\":\"AUTHORIZATION_REQUIRED\"}}";
    /** Every admin endpoint, each with a request that would succeed with the token. */
    private static final List<String[]> ENDPOINTS = Arrays.asList(
            new String[] {"GET", "/admin/api/overview", null},
            new String[] {"GET", "/admin/api/clients", null},
            new String[] {"GET", "/admin/api/clients?staleAfter=10", null},
            new String[] {"GET", "/admin/api/conflicts", null},
            new String[] {"GET", "/admin/api/conflicts?state=resolved", null},
            new String[] {"POST", "/admin/api/conflicts/1/resolve", "{\"keep\":\"server\"}"},
            new String[] {"GET", "/admin/api/models/Todo/records", null},
            new String[] {"GET", "/admin/api/activity?minutes=5", null},
            new String[] {"GET", "/admin/api/models/Todo/change-stream", null},
            new String[] {"GET", "/admin/api/no-such-endpoint", null});
    private static final List<String> PAGES = Arrays.asList("/admin", "/admin/", "/admin/index.html",
            "/admin/js/admin.js", "/admin/start.js", "/admin/no-such-page.html");

    private SyncServer server;
    private Http http;

    @BeforeEach
    void start() {
        server = SyncServer.start(TestDatabases.h2Server().adminToken(TOKEN));
        http = new Http(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyAdminEndpointAnswers401WithoutTheToken() {
        for (String[] e : ENDPOINTS) {
            for (String[] headers : Arrays.asList(new String[0], new String[] {"Authorization", "Bearer wrong-token-0123456789"},
                    new String[] {"Authorization", TOKEN}, new String[] {"Authorization", "Basic " + TOKEN},
                    new String[] {"Cookie", "isosync_admin=wrong-token-0123456789"},
                    new String[] {"Cookie", "other=" + TOKEN}, new String[] {"X-Access-Token", TOKEN})) {
                Http.Response r = http.send(e[0], e[1], e[2], headers);
                assertEquals(401, r.status, e[0] + " " + e[1] + " " + Arrays.toString(headers));
                assertEquals(ENVELOPE_401, r.body, e[1]);
                assertTrue(r.header("Content-Type").startsWith("application/json"), e[1]);
                assertEquals("Bearer realm=\"isosync admin\"", r.header("WWW-Authenticate"));
            }
        }
        assertEquals(0, server.adminStore().conflicts(true, null, 10).size(), "nothing was resolved");
    }

    @Test
    void everyAdminPageAnswers401WithTheSignInFormWithoutTheToken() {
        for (String page : PAGES) {
            for (String[] headers : Arrays.asList(new String[0], new String[] {"Authorization", "Bearer nope-nope-nope-nope"},
                    new String[] {"Cookie", "isosync_admin=nope-nope-nope-nope"})) {
                Http.Response r = http.get(page, headers);
                assertEquals(401, r.status, page);
                assertTrue(r.header("Content-Type").startsWith("text/html"), page);
                assertTrue(r.body.contains("<form method=\"post\" action=\"/admin/login\">"), r.body);
                assertFalse(r.body.contains("<script"), "no script on the sign-in page");
                assertFalse(r.body.contains("console loaded"), "never the console itself");
                assertEquals(AdminAuth.CONTENT_SECURITY_POLICY, r.header("Content-Security-Policy"), page);
                assertTrue(r.header("Content-Security-Policy").contains("default-src 'self'"));
            }
        }
    }

    @Test
    void pathsDressedUpAsOthersNeverServeTheConsole() {
        for (String path : Arrays.asList("//admin/", "/admin//index.html", "/admin/./index.html",
                "/admin/%69ndex.html", "/admin/js/../index.html", "/%61dmin/", "/admin%2Findex.html",
                "/ADMIN/", "/Admin/index.html", "/admin/api/../index.html", "/webapp/../admin-webapp/index.html",
                "/admin-webapp/index.html", "/index.html/../admin/")) {
            Http.Response r = http.get(path);
            assertTrue(r.status == 401 || r.status == 404 || r.status == 400, path + " answered " + r.status);
            assertFalse(r.body.contains("<p id=\"status\">"), path + " served the console: " + r.body);
        }
    }

    @Test
    void bearerTokenOpensTheApiAndThePages() {
        Http.Response api = http.get("/admin/api/overview", "Authorization", "Bearer " + TOKEN);
        assertEquals(200, api.status, api.body);
        assertEquals("no-store", api.header("Cache-Control"));
        assertEquals("nosniff", api.header("X-Content-Type-Options"));
        Http.Response page = http.get("/admin/", "Authorization", "bearer " + TOKEN);
        assertEquals(200, page.status);
        assertTrue(page.body.contains("<p id=\"status\">"), page.body);
        assertEquals(AdminAuth.CONTENT_SECURITY_POLICY, page.header("Content-Security-Policy"));
        assertFalse(page.body.contains("onload="), "no inline script: the policy would block it");
        assertEquals(200, http.get("/admin/start.js", "Authorization", "Bearer " + TOKEN).status);
    }

    @Test
    void signInSetsAStrictCookieThatOpensTheConsoleAndSignOutClearsIt() {
        Http.Response form = http.get("/admin/login");
        assertEquals(200, form.status);
        assertTrue(form.body.contains("name=\"token\""));

        Http.Response wrong = http.post("/admin/login", "token=not-the-token-at-all",
                "Content-Type", "application/x-www-form-urlencoded");
        assertEquals(401, wrong.status);
        assertTrue(wrong.body.contains("That token is not the admin token."));
        assertTrue(wrong.allHeaders("Set-Cookie").isEmpty(), "no cookie for a wrong token");
        assertEquals(401, http.post("/admin/login", "", "Content-Type", "application/x-www-form-urlencoded").status);

        Http.Response ok = http.post("/admin/login", "token=" + TOKEN, "Content-Type", "application/x-www-form-urlencoded");
        assertEquals(303, ok.status);
        assertEquals("/admin/", ok.header("Location"));
        String cookie = ok.header("Set-Cookie");
        assertEquals("isosync_admin=" + TOKEN + "; Path=/admin; HttpOnly; SameSite=Strict", cookie);

        String jar = cookie.substring(0, cookie.indexOf(';'));
        assertEquals(200, http.get("/admin/", "Cookie", jar).status);
        assertEquals(200, http.get("/admin/api/clients", "Cookie", jar).status);
        assertEquals(200, http.get("/admin/api/overview", "Cookie", "a=b; " + jar + "; c=d").status);
        assertEquals(303, http.get("/admin/login", "Cookie", jar).status, "a signed-in admin goes to the console");

        Http.Response out = http.post("/admin/logout", null, "Cookie", jar);
        assertEquals(303, out.status);
        assertEquals("/admin/", out.header("Location"));
        assertTrue(out.header("Set-Cookie").startsWith("isosync_admin=; Path=/admin; HttpOnly; SameSite=Strict"));
        assertTrue(out.header("Set-Cookie").endsWith("; Max-Age=0"));
        assertEquals(401, http.get("/admin/", "Cookie", "isosync_admin=").status);
    }

    @Test
    void aTokenOfEveryAllowedCharacterWorksAsHeaderAndAsCookie() {
        server.close();
        String token = "Az09-_.~+/=Az09-_.~+/=";
        server = SyncServer.start(TestDatabases.h2Server().adminToken(token));
        http = new Http(server.port());
        assertEquals(200, http.get("/admin/api/overview", "Authorization", "Bearer " + token).status);
        Http.Response ok = http.post("/admin/login", "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8),
                "Content-Type", "application/x-www-form-urlencoded");
        assertEquals(303, ok.status, ok.body);
        String cookie = ok.header("Set-Cookie");
        assertEquals(200, http.get("/admin/", "Cookie", cookie.substring(0, cookie.indexOf(';'))).status);
    }

    @Test
    void theModelApiNeedsNoAdminToken() {
        assertEquals(200, http.get("/api/Todos").status);
        assertEquals(200, http.get("/").status);
        assertNull(http.get("/api/Todos").header("Content-Security-Policy"));
    }

    @Test
    void withoutAConfiguredTokenOneIsGeneratedAndNothingIsOpen() {
        server.close();
        server = SyncServer.start(TestDatabases.h2Server());
        http = new Http(server.port());
        String token = server.adminToken();
        assertTrue(token.length() >= 43, token);
        assertEquals(401, http.get("/admin/api/overview").status);
        assertEquals(200, http.get("/admin/api/overview", "Authorization", "Bearer " + token).status);
        SyncServer other = SyncServer.start(TestDatabases.h2Server());
        try {
            assertNotEquals(token, other.adminToken());
        } finally {
            other.close();
        }
    }

    @Test
    void aWeakOrMalformedTokenIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ServerConfig().adminToken("short"));
        assertThrows(IllegalArgumentException.class, () -> new ServerConfig().adminToken("has a space in it 12345"));
        assertThrows(IllegalArgumentException.class, () -> new ServerConfig().adminToken("semi;colon-0123456789"));
        assertThrows(IllegalArgumentException.class, () -> new ServerConfig().adminToken("x".repeat(513)));
        new ServerConfig().adminToken("A-good_token.with~chars+/=");
    }

    @Test
    void commandLineRefusesABadTokenOrStaleAfter() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main()).setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("--admin-token", "short", "--port", "0", "--db", "memory"));
        assertTrue(err.toString().contains("--admin-token must have 16 to 512 characters"), err.toString());
        StringWriter err2 = new StringWriter();
        CommandLine cli2 = new CommandLine(new Main()).setErr(new PrintWriter(err2));
        assertEquals(2, cli2.execute("--stale-after", "-5", "--port", "0", "--db", "memory"));
        assertTrue(err2.toString().contains("--stale-after must not be negative"), err2.toString());
        StringWriter help = new StringWriter();
        new CommandLine(new Main()).setOut(new PrintWriter(help)).execute("--help");
        assertTrue(help.toString().contains("--admin-token"), help.toString());
        assertTrue(help.toString().contains("--stale-after"), help.toString());
    }
}
