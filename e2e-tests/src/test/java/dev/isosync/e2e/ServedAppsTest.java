package dev.isosync.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.isosync.server.ServerConfig;
import dev.isosync.server.SyncServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The compiled browser client and admin console are served by the real server and run in Chromium. */
class ServedAppsTest {
    private static SyncServer server;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        server = SyncServer.start(new ServerConfig().host("127.0.0.1").port(0).jdbcUrl(ServerConfig.MEMORY_DB));
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

    @Test
    void adminConsoleRunsAtAdmin() {
        browser.get("http://127.0.0.1:" + server.port() + "/admin/");
        assertEquals("console loaded", waitForStatus());
    }

    private String waitForStatus() {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !d.findElement(By.id("status"))
                .getDomProperty("textContent").startsWith("loading"));
        return browser.findElement(By.id("status")).getDomProperty("textContent");
    }
}
