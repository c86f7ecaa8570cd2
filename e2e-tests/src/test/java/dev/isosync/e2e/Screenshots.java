package dev.isosync.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Pictures of the running apps for README: the tests that bring a view about write what the browser shows to
 * {@code docs/screenshots/<name>.png} at the project's root, so the pictures are always of the current code.
 */
final class Screenshots {
    /** The tests run in the e2e-tests module's directory. */
    static final Path DIRECTORY = Paths.get("..", "docs", "screenshots");

    private Screenshots() {
    }

    static void save(ChromeDriver browser, String name) {
        try {
            Files.createDirectories(DIRECTORY);
            Files.write(DIRECTORY.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the screenshot " + name, e);
        }
    }
}
