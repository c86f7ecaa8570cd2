package dev.isosync.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line's admin options and their defaults. */
class MainOptionsTest {
    @Test
    void adminTokenAndStaleAfterAreReadAndDefaultSensibly() {
        Main main = new Main();
        new CommandLine(main).parseArgs("--admin-token", "a-token-of-sixteen+", "--stale-after", "60");
        assertEquals("a-token-of-sixteen+", main.adminToken);
        assertEquals(60, main.staleAfter);
        Main defaults = new Main();
        new CommandLine(defaults).parseArgs();
        assertEquals(System.getenv("ISOSYNC_ADMIN_TOKEN"), defaults.adminToken,
                "the environment's token, or none: then the server generates one");
        assertEquals(3600, defaults.staleAfter);
    }
}
