package dev.isosync.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin console in a headless Chromium of its own, driven as an admin would: sign in with the token, open a
 * tab, read what it shows. Text is read as {@code textContent}, exactly as the page holds it.
 */
final class AdminConsole implements AutoCloseable {
    /** Where the screenshots of the views go: the repository's {@code docs/screenshots}, which README shows. */
    static final Path SCREENSHOTS = Paths.get("..", "docs", "screenshots");

    final ChromeDriver browser;
    private final String origin;

    AdminConsole(String origin) throws IOException {
        this.browser = Browsers.headless();
        this.origin = origin;
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    /** Runs {@code script} in every page before the page's own scripts. */
    void beforeEveryPage(String script) {
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source", script));
    }

    /** Signs in through the sign-in form and waits until the console runs. */
    void signIn(String token) {
        browser.get(origin + "/admin/");
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        await(() -> "console loaded".equals(text("#status")));
    }

    /** Shows a tab and waits until it has been loaded after the switch. */
    void show(String view) {
        browser.get(origin + "/admin/#" + view);
        await(() -> "console loaded".equals(text("#status")));
        String before = attribute("#updated", "data-count");
        await(() -> view.equals(attribute("#updated", "data-view"))
                && !String.valueOf(before).equals(attribute("#updated", "data-count")));
    }

    /** The text of the first element {@code css} finds, or {@code null}. */
    String text(String css) {
        // read in one script: a refresh may replace the element between a find and a read
        return (String) browser.executeScript("const found = document.querySelector(arguments[0]);"
                + " return found === null ? null : found.textContent;", css);
    }

    /** The attribute {@code name} of the first element {@code css} finds, or null; read in one go. */
    String attribute(String css, String name) {
        return (String) browser.executeScript("const found = document.querySelector(arguments[0]);"
                + " return found === null ? null : found.getAttribute(arguments[1]);", css, name);
    }

    /** The texts of everything {@code css} finds, read in one go (a refresh may redraw at any moment). */
    @SuppressWarnings("unchecked")
    List<String> texts(String css) {
        return new ArrayList<>((List<String>) browser.executeScript("return Array.from(document.querySelectorAll("
                + "arguments[0])).map(e => e.textContent);", css));
    }

    /** How many elements {@code css} finds. */
    long count(String css) {
        return (Long) browser.executeScript("return document.querySelectorAll(arguments[0]).length;", css);
    }

    /** Clicks what {@code css} finds, again if a refresh replaced it in between. */
    void click(String css) {
        await(() -> {
            try {
                browser.findElement(By.cssSelector(css)).click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException
                    | org.openqa.selenium.NoSuchElementException
                    | org.openqa.selenium.ElementNotInteractableException e) {
                return false;
            }
        });
    }

    /** Writes a PNG of the window to {@code docs/screenshots/admin-<name>.png}. */
    void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve("admin-" + name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** Waits up to 20 s; on time-out the failure carries what the page logged. */
    void await(java.util.function.BooleanSupplier condition) {
        try {
            new WebDriverWait(browser, Duration.ofSeconds(20))
                    // a view redrawn between finding an element and reading it is not a failure: look again
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> condition.getAsBoolean());
        } catch (org.openqa.selenium.TimeoutException e) {
            StringBuilder log = new StringBuilder("timed out; the console shows error: " + text("#error")
                    + "; the page logged:");
            for (org.openqa.selenium.logging.LogEntry entry
                    : browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)) {
                log.append('\n').append(entry.getLevel()).append(' ').append(entry.getMessage());
            }
            throw new AssertionError(log.toString(), e);
        }
    }

    @Override
    public void close() {
        browser.quit();
    }
}
