package dev.isosync.server;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Unmodified LoopBack 3 clients replicate against our server: boots {@link SyncServer} in-process on
 * port 0 over a fresh in-memory H2 database and runs {@code tools/loopback-client/scenarios.js} against
 * it, one dynamic test per scenario (PROTOCOL.md sections 2, 3, 4 and 9).
 *
 * <p>Needs Node.js on the PATH (or {@code -Disosync.node=/path/to/node}) and the suite's pinned
 * dependencies ({@code npm ci} in {@code tools/loopback-client}). When either is missing the test fails,
 * saying what to install: a compatibility suite that silently skips proves nothing.
 */
public class LoopBackClientCompatibilityTest {

    private static final String CLIENT_DIR = "tools/loopback-client";
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
    private static final Pattern PASS = Pattern.compile("^PASS (\\S+)$");
    private static final Pattern FAIL = Pattern.compile("^FAIL (\\S+): (.*)$");
    private static final Pattern SUMMARY = Pattern.compile("^(\\d+) passed, (\\d+) failed$");

    @TestFactory
    Stream<DynamicTest> loopBackClientsReplicateAgainstOurServer() throws Exception {
        return run(new ServerConfig().port(0).jdbcUrl("jdbc:h2:mem:lbcompat;DB_CLOSE_DELAY=-1"), "scenarios.js");
    }

    /**
     * Starts a server with {@code config}, runs {@code script} of {@code tools/loopback-client} against its
     * {@code /api}, stops the server, and returns one dynamic test per scenario the script reported.
     */
    public static Stream<DynamicTest> run(ServerConfig config, String script) throws Exception {
        Path repoRoot = findRepoRoot();
        Path clientDir = repoRoot.resolve(CLIENT_DIR);
        String node = System.getProperty("isosync.node", "node");
        requireNode(node);
        requireNodeModules(clientDir);

        SyncServer server = SyncServer.start(config);
        ScenarioRun run;
        try {
            String baseUrl = "http://127.0.0.1:" + server.port() + "/api";
            run = runScenarios(node, repoRoot, clientDir.resolve(script), baseUrl);
        } finally {
            server.close();
        }
        return run.toDynamicTests();
    }

    /** Walks up from the working directory to the folder holding tools/loopback-client/package.json. */
    private static Path findRepoRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(CLIENT_DIR).resolve("package.json"))) {
                return dir;
            }
        }
        return fail("No " + CLIENT_DIR + "/package.json in " + start + " or any folder above it;"
                + " run the test from inside the isosync repository");
    }

    private static void requireNode(String node) throws InterruptedException {
        String output;
        int exit;
        try {
            Process process = new ProcessBuilder(node, "--version").redirectErrorStream(true).start();
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("'" + node + " --version' did not finish within 30 s");
            }
            exit = process.exitValue();
        } catch (IOException e) {
            fail("Node.js is needed to run the LoopBack 3 clients, but '" + node + "' cannot be started ("
                    + e.getMessage() + "). Install Node.js 18 or later (apt-get install nodejs npm) or pass"
                    + " -Disosync.node=/path/to/node");
            return;
        }
        if (exit != 0) {
            fail("'" + node + " --version' exited with " + exit + ": " + output);
        }
    }

    private static void requireNodeModules(Path clientDir) {
        Path loopback = clientDir.resolve("node_modules/loopback/package.json");
        if (!Files.isRegularFile(loopback)) {
            fail("The LoopBack 3 client dependencies are not installed: " + loopback + " is missing."
                    + " Run 'npm ci' in " + clientDir);
        }
    }

    private static ScenarioRun runScenarios(String node, Path workDir, Path script, String baseUrl)
            throws IOException, InterruptedException {
        List<String> command = List.of(node, script.toString(), baseUrl);
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        OutputCollector collector = new OutputCollector(process.getInputStream());
        collector.start();
        boolean finished = process.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        collector.join(TimeUnit.SECONDS.toMillis(10));
        String output = collector.text();
        if (!finished) {
            fail(String.join(" ", command) + " did not finish within " + RUN_TIMEOUT.toMinutes()
                    + " minutes and was stopped. Output so far:\n" + output);
        }
        return ScenarioRun.parse(String.join(" ", command), process.exitValue(), output);
    }

    /** The outcome of one scenarios.js run, parsed from its PASS/FAIL lines. */
    private record ScenarioRun(String command, int exitCode, String output, List<ScenarioResult> results,
                               Summary summary) {

        static ScenarioRun parse(String command, int exitCode, String output) {
            List<ScenarioResult> results = new ArrayList<>();
            Summary summary = null;
            for (String line : output.split("\\R")) {
                Matcher pass = PASS.matcher(line);
                Matcher failure = FAIL.matcher(line);
                Matcher total = SUMMARY.matcher(line);
                if (pass.matches()) {
                    results.add(new ScenarioResult(pass.group(1), null));
                } else if (failure.matches()) {
                    results.add(new ScenarioResult(failure.group(1), failure.group(2)));
                } else if (total.matches()) {
                    summary = new Summary(line, Integer.parseInt(total.group(1)), Integer.parseInt(total.group(2)));
                }
            }
            return new ScenarioRun(command, exitCode, output, results, summary);
        }

        Stream<DynamicTest> toDynamicTests() {
            List<DynamicTest> tests = new ArrayList<>();
            for (ScenarioResult result : results) {
                tests.add(DynamicTest.dynamicTest(result.name(), () -> {
                    if (result.failure() != null) {
                        fail(result.failure() + "\n\n" + outputForFailure());
                    }
                }));
            }
            // A crash, a missing summary or an exit code that contradicts the lines is a failure of its own.
            tests.add(DynamicTest.dynamicTest("scenarios.js completed", this::assertCompleted));
            return tests.stream();
        }

        private void assertCompleted() {
            if (results.isEmpty()) {
                fail("scenarios.js reported no scenario.\n\n" + outputForFailure());
            }
            if (summary == null) {
                fail("scenarios.js printed no 'N passed, M failed' line; it probably crashed.\n\n"
                        + outputForFailure());
            }
            long failed = results.stream().filter(r -> r.failure() != null).count();
            long passed = results.size() - failed;
            if (summary.passed() != passed || summary.failed() != failed) {
                fail("scenarios.js summary '" + summary.line() + "' does not match its " + passed
                        + " PASS and " + failed + " FAIL lines.\n\n" + outputForFailure());
            }
            if ((exitCode == 0) != (failed == 0)) {
                fail("scenarios.js exited with " + exitCode + " after " + failed + " failed scenarios.\n\n"
                        + outputForFailure());
            }
        }

        private String outputForFailure() {
            return "--- " + command + " (exit " + exitCode + ") ---\n" + output;
        }
    }

    /** One PASS or FAIL line; {@code failure} is null for a pass. */
    private record ScenarioResult(String name, String failure) {
    }

    /** The closing 'N passed, M failed' line. */
    private record Summary(String line, int passed, int failed) {
    }

    /** Drains the child's output on its own thread so that a chatty child never blocks on a full pipe. */
    private static final class OutputCollector extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        OutputCollector(InputStream in) {
            super("scenarios.js output");
            setDaemon(true);
            this.in = in;
        }

        @Override
        public void run() {
            try (InputStream stream = in) {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = stream.read(buffer)) >= 0) {
                    synchronized (bytes) {
                        bytes.write(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                synchronized (bytes) {
                    byte[] note = ("\n[reading the output failed: " + e + "]\n").getBytes(StandardCharsets.UTF_8);
                    bytes.write(note, 0, note.length);
                }
            }
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
