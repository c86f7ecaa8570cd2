package dev.isosync.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.remote.http.ClientConfig;

/**
 * Starts Debian's Chromium headless through ChromeDriver, each browser with a new empty profile (a device of its
 * own), its console log recorded. Fails, never skips, when either is missing.
 */
public final class HeadlessChromium {
    /** Where Debian installs them ({@code apt-get install chromium chromium-driver}). */
    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    /** The longest a single driver command may take. */
    static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(30);

    private HeadlessChromium() {
    }

    /**
     * A new browser whose profile is a fresh directory under {@code profiles}.
     *
     * @throws IllegalStateException when Chromium or ChromeDriver is not installed
     */
    public static ChromeDriver start(Path profiles) throws IOException {
        if (!CHROMIUM.canExecute() || !CHROMEDRIVER.canExecute()) {
            throw new IllegalStateException("Chromium and ChromeDriver are required: apt-get install chromium "
                    + "chromium-driver (README's test and benchmark commands do it)");
        }
        Files.createDirectories(profiles);
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM);
        // without the background-networking flags Chromium keeps calling home, which a closed network refuses
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--user-data-dir=" + Files.createTempDirectory(profiles, "profile-").toAbsolutePath());
        // the console is where TeaVM reports its errors
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        // a command waits as long as the workload allows (WebDriverWait, script timeouts), not the client's default
        // of three minutes: the IndexedDB floor of 100,000 todos takes longer than that on a slow machine
        return new ChromeDriver(service, o, ClientConfig.defaultConfig().readTimeout(COMMAND_TIMEOUT));
    }
}
