package dev.isosync.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Where the LoopBack 3 side of the benchmarks lives: Node.js, and {@code tools/loopback-client} of this repository
 * with its pinned packages ({@code npm ci}, as {@code tools/setup.sh} runs it).
 */
final class LoopBackTools {
    static final String CLIENT_DIR = "tools/loopback-client";

    private final String node;
    private final Path dir;

    private LoopBackTools(String node, Path dir) {
        this.node = node;
        this.dir = dir;
    }

    /**
     * Finds Node ({@code -Disosync.node=/path/to/node}, else {@code node} on the PATH) and the scripts, looking
     * up from the working directory, then from the command's jar.
     *
     * @throws IllegalStateException saying what to install or where to run from
     */
    static LoopBackTools locate() {
        String node = System.getProperty("isosync.node", "node");
        String version = nodeVersion(node);
        Path dir = findUpwards(Path.of("").toAbsolutePath());
        if (dir == null) {
            dir = findUpwards(jarLocation());
        }
        if (dir == null) {
            throw new IllegalStateException("no " + CLIENT_DIR + "/package.json in or above " + Path.of("")
                    .toAbsolutePath() + ": run the command from inside the isosync repository");
        }
        if (!Files.isRegularFile(dir.resolve("node_modules/loopback/package.json"))) {
            throw new IllegalStateException("LoopBack 3 is not installed in " + dir + ": run 'npm ci' there"
                    + " (tools/setup.sh does)");
        }
        System.err.println("   LoopBack 3 from " + dir + ", Node " + version);
        return new LoopBackTools(node, dir);
    }

    /** The Node executable. */
    String node() {
        return node;
    }

    /** {@code tools/loopback-client}. */
    Path dir() {
        return dir;
    }

    /** A script of {@code tools/loopback-client}, as a path Node takes. */
    String script(String name) {
        return dir.resolve(name).toString();
    }

    private static Path findUpwards(Path start) {
        for (Path d = start; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(CLIENT_DIR).resolve("package.json"))) {
                return d.resolve(CLIENT_DIR);
            }
        }
        return null;
    }

    private static Path jarLocation() {
        try {
            return Path.of(LoopBackTools.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            return null;
        }
    }

    private static String nodeVersion(String node) {
        try {
            Process p = new ProcessBuilder(node, "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("'" + node + " --version' failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("Node.js is needed for the LoopBack 3 side, but '" + node
                    + "' cannot be started (" + e.getMessage() + "): install Node.js 18 or later (tools/setup.sh"
                    + " does) or pass -Disosync.node=/path/to/node", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Node for its version", e);
        }
    }
}
