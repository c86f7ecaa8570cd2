package dev.isosync.e2e;

import dev.isosync.bench.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Paths;
import org.openqa.selenium.chrome.ChromeDriver;

/** Headless Chromium for the tests, each browser with its own profile under {@code target/profiles}. */
final class Browsers {
    private Browsers() {
    }

    static ChromeDriver headless() throws IOException {
        return HeadlessChromium.start(Paths.get("target", "profiles"));
    }
}
