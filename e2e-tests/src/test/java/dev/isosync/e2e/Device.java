package dev.isosync.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** One device: a headless Chromium with its own profile, driving the demo app as a person would. */
final class Device implements AutoCloseable {
    final ChromeDriver browser;
    private final String url;

    Device(String url) throws Exception {
        this(url, true);
    }

    /** A device that loads the app now, or later with {@link #open()}. */
    Device(String url, boolean openNow) throws Exception {
        this.browser = Browsers.headless();
        this.url = url;
        if (openNow) {
            open();
        }
    }

    /** Runs {@code script} in every page before the page's own scripts. */
    void beforeEveryPage(String script) {
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source", script));
    }

    /** Loads (or reloads) the app and waits until it runs. */
    void open() {
        browser.get(url);
        await(Duration.ofSeconds(30), () -> "client loaded".equals(text(By.id("status"))));
    }

    void add(String title) {
        WebElement input = browser.findElement(By.id("new-todo"));
        input.sendKeys(title);
        input.sendKeys(Keys.ENTER);
        await(Duration.ofSeconds(10), () -> titles().contains(title));
    }

    void rename(String from, String to) {
        // the list is redrawn after every sync, so an element found a moment ago may be gone, or its editor
        // replaced before it takes the keys: retry
        await(Duration.ofSeconds(10), () -> {
            try {
                WebElement label = item(from).findElement(By.className("title"));
                new org.openqa.selenium.interactions.Actions(browser).doubleClick(label).perform();
                WebElement edit = browser.findElement(By.cssSelector("#todo-list input.edit"));
                edit.sendKeys(Keys.chord(Keys.CONTROL, "a"), to, Keys.ENTER);
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException
                    | org.openqa.selenium.NoSuchElementException
                    | org.openqa.selenium.ElementNotInteractableException e) {
                return false;
            }
        });
        await(Duration.ofSeconds(10), () -> titles().contains(to));
    }

    /** Ticks or unticks a todo's checkbox, again if a redraw replaced it in between. */
    void toggle(String title) {
        await(Duration.ofSeconds(10), () -> {
            try {
                item(title).findElement(By.className("toggle")).click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException
                    | org.openqa.selenium.NoSuchElementException e) {
                return false;
            }
        });
    }

    /** Whether the todo is shown as done (ticked, and struck through by its {@code completed} class). */
    boolean shownDone(String title) {
        WebElement li = item(title);
        return li.findElement(By.className("toggle")).isSelected()
                && "completed".equals(li.getDomAttribute("class"));
    }

    /** What the footer says is left to do, such as "2 items left". */
    String itemsLeft() {
        return text(By.id("todo-count"));
    }

    WebElement item(String title) {
        for (WebElement li : browser.findElements(By.cssSelector("#todo-list li"))) {
            if (title.equals(li.findElement(By.className("title")).getDomProperty("textContent"))) {
                return li;
            }
        }
        throw new AssertionError("no todo titled " + title + " on this device; it shows " + titles());
    }

    /** The titles shown, in order, read in one go (the list may be redrawn at any moment). */
    @SuppressWarnings("unchecked")
    List<String> titles() {
        return new ArrayList<>((List<String>) browser.executeScript("return Array.from(document"
                + ".querySelectorAll('#todo-list li .title')).map(e => e.textContent);"));
    }

    /** What the account line shows: {@code anonymous}, {@code signed-out}, {@code signed-in} or {@code session-ended}. */
    String accountState() {
        return (String) browser.executeScript("const account = document.getElementById('account');"
                + " return account === null ? null : account.getAttribute('data-state');");
    }

    /** Fills the sign-in form and creates an account, or signs in; the page reloads as the user. */
    void signIn(String email, String password, boolean newAccount) {
        fillSignIn(email, password, newAccount);
        await(Duration.ofSeconds(30), () -> "signed-in".equals(accountState())
                && "client loaded".equals(text(By.id("status"))));
    }

    /** Fills the sign-in form and submits it, without waiting for the outcome. */
    void fillSignIn(String email, String password, boolean newAccount) {
        await(Duration.ofSeconds(10), () -> browser.findElement(By.id("email")).isDisplayed());
        WebElement emailField = browser.findElement(By.id("email"));
        emailField.clear();
        emailField.sendKeys(email);
        WebElement passwordField = browser.findElement(By.id("password"));
        passwordField.clear();
        passwordField.sendKeys(password);
        browser.findElement(By.id(newAccount ? "register" : "sign-in-submit")).click();
    }

    /** Whether the app's service worker controls the page, and so serves it when the network cannot. */
    boolean controlledByServiceWorker() {
        return Boolean.TRUE.equals(browser.executeScript(
                "return 'serviceWorker' in navigator && navigator.serviceWorker.controller !== null;"));
    }

    void offline() {
        ChromiumNetworkConditions c = new ChromiumNetworkConditions();
        c.setOffline(true);
        browser.setNetworkConditions(c);
    }

    void online() {
        browser.deleteNetworkConditions();
        // what the browser does when the network comes back
        browser.executeScript("window.dispatchEvent(new Event('online'));");
    }

    /** Clicks what {@code css} finds, again if a redraw replaced it in between. */
    void click(String css) {
        await(Duration.ofSeconds(10), () -> {
            try {
                browser.findElement(By.cssSelector(css)).click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException
                    | org.openqa.selenium.NoSuchElementException e) {
                return false;
            }
        });
    }

    String text(By by) {
        List<WebElement> found = browser.findElements(by);
        return found.isEmpty() ? null : found.get(0).getDomProperty("textContent");
    }

    String status(String attribute) {
        return browser.findElement(By.id("sync-status")).getDomAttribute(attribute);
    }

    /** Waits for a condition; on time-out the failure carries what the page logged (TeaVM errors land there). */
    void await(Duration timeout, java.util.function.BooleanSupplier condition) {
        try {
            new WebDriverWait(browser, timeout)
                    // a view redrawn between finding an element and reading it is not a failure: look again
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> condition.getAsBoolean());
        } catch (org.openqa.selenium.TimeoutException e) {
            StringBuilder log = new StringBuilder("timed out after " + timeout + "; the page logged:");
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
