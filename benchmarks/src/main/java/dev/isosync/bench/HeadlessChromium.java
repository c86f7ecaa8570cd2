package dev.isosync.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Starts Debian's Chromium headless through ChromeDriver, each browser with a new empty profile (a device of its
 * own), its console log recorded. Fails, never skips, when either is missing.
 */
public final class HeadlessChromium {
    /** Where Debian installs them ({@code apt-get install chromium chromium-driver}). */
    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

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
        return new ChromeDriver(service, o);
    }
}
