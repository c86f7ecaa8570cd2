package dev.isosync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isosync.server.ServerConfig;
import dev.isosync.server.SyncServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The compiled browser client and admin console are served by the real server and run in Chromium; the console
 * only after signing in with the admin token, and under its Content-Security-Policy.
 */
class ServedAppsTest {
    private static final String ADMIN_TOKEN = "e2e-admin-token-0123456789";
    private static SyncServer server;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        server = SyncServer.start(new ServerConfig().host("127.0.0.1").port(0).jdbcUrl(ServerConfig.MEMORY_DB)
                .adminToken(ADMIN_TOKEN));
        browser = Browsers.headless();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void browserClientRunsAtRoot() {
        browser.get("http://127.0.0.1:" + server.port() + "/");
        assertEquals("client loaded", waitForStatus());
    }

    /**
     * The client's script starts with V8's explicit compile hint on a line of its own, so Chromium compiles its
     * functions while it loads, and the TeaVM output's {@code "use strict"} directive follows, still its first
     * statement.
     */
    @Test
    void clientScriptStartsWithTheCompileHintAndStaysStrict() throws Exception {
        HttpResponse<String> script = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/js/app.js")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, script.statusCode());
        String[] lines = script.body().split("\n", 3);
        assertEquals("//# allFunctionsCalledOnLoad", lines[0]);
        assertEquals("\"use strict\";", lines[1]);
    }

    @Test
    void adminConsoleRunsAtAdminAfterSigningIn() {
        browser.manage().deleteAllCookies();
        browser.get("http://127.0.0.1:" + server.port() + "/admin/");
        assertTrue(browser.findElements(By.id("status")).isEmpty(), "the console needs the admin token");
        browser.findElement(By.id("token")).sendKeys(ADMIN_TOKEN);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        assertEquals("console loaded", waitForStatus());
    }

    private String waitForStatus() {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !d.findElements(By.id("status")).isEmpty()
                && !d.findElement(By.id("status")).getDomProperty("textContent").startsWith("loading"));
        return browser.findElement(By.id("status")).getDomProperty("textContent");
    }
}
