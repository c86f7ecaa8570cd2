package dev.isosync.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes generated values and records with our code and with canonical-json 0.0.4 under Node (the module LoopBack 3
 * hashes revisions with) and requires the same canonical text and the same SHA-1 for every one (PROTOCOL.md 9.2 item
 * 3). Needs {@code node} on the PATH and {@code npm ci} run in {@code tools/node}; without them it fails, because a
 * skipped parity check would look like a passed one.
 */
class CanonicalJsonDifferentialTest {
    private static final long SEED = 20251126L;
    private static final int GENERATED_VALUES = 3000;
    private static final int GENERATED_RECORDS = 1500;
    private static final int MAX_REPORTED_MISMATCHES = 5;

    @Test
    void canonicalTextAndSha1MatchCanonicalJson004UnderNode(@TempDir Path dir) throws Exception {
        Path tools = findNodeTools();
        List<Object> values = CanonicalSamples.values(SEED, GENERATED_VALUES, GENERATED_RECORDS);
        List<String> lines = new ArrayList<>(values.size());
        for (Object value : values) {
            lines.add(Json.write(value));
        }
        Path input = dir.resolve("values.jsonl");
        Files.write(input, lines, StandardCharsets.UTF_8);

        List<String> nodeLines = runCanonicalJs(tools, input, dir);
        assertEquals(values.size(), nodeLines.size(), "canonical.js must print one line per value");

        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            List<?> expected = (List<?>) Json.parse(nodeLines.get(i));
            String nodeSha1 = (String) expected.get(0);
            String nodeCanonical = (String) expected.get(1);
            String ours = CanonicalJson.write(values.get(i));
            // The same line read back by our parser must also agree: this covers JSON number parsing.
            String oursReparsed = CanonicalJson.write(Json.parse(lines.get(i)));
            String oursSha1 = Sha1.hexOfUtf8(ours);
            if (!ours.equals(nodeCanonical) || !oursReparsed.equals(nodeCanonical) || !oursSha1.equals(nodeSha1)) {
                mismatches.add("value " + (i + 1) + " (first difference at index "
                        + firstDifference(nodeCanonical, ours) + "): " + lines.get(i)
                        + "\n  canonical-json: " + Json.write(nodeCanonical) + " sha1 " + nodeSha1
                        + "\n  ours:           " + Json.write(ours) + " sha1 " + oursSha1
                        + (oursReparsed.equals(ours) ? "" : "\n  ours, reparsed: " + Json.write(oursReparsed)));
            }
        }
        if (!mismatches.isEmpty()) {
            fail(mismatches.size() + " of " + values.size() + " values differ from canonical-json 0.0.4 (seed "
                    + SEED + "); the first ones:\n"
                    + String.join("\n", mismatches.subList(0, Math.min(MAX_REPORTED_MISMATCHES, mismatches.size()))));
        }
    }

    private static int firstDifference(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    /** Walks up from the working directory to the checkout's tools/node, which holds package.json. */
    private static Path findNodeTools() {
        Path start = Paths.get("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path tools = dir.resolve("tools").resolve("node");
            if (Files.isRegularFile(tools.resolve("package.json"))) {
                if (!Files.isRegularFile(tools.resolve("node_modules/canonical-json/package.json"))) {
                    fail("canonical-json is not installed in " + tools.resolve("node_modules")
                            + ": run `npm ci` in " + tools);
                }
                return tools;
            }
        }
        return fail("tools/node/package.json not found in " + start + " or any parent directory");
    }

    private static List<String> runCanonicalJs(Path tools, Path input, Path dir)
            throws IOException, InterruptedException {
        Path stdout = dir.resolve("canonical.out");
        Path stderr = dir.resolve("canonical.err");
        ProcessBuilder builder = new ProcessBuilder("node", tools.resolve("canonical.js").toString(), input.toString())
                .directory(tools.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return fail("Node.js is needed to compare with canonical-json, but `node` could not be started ("
                    + e.getMessage() + "): install Node.js 18 or later and run `npm ci` in " + tools);
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("node " + tools.resolve("canonical.js") + " did not finish within 120 s");
        }
        if (process.exitValue() != 0) {
            fail("node " + tools.resolve("canonical.js") + " exited with " + process.exitValue() + ": "
                    + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        return Files.readAllLines(stdout, StandardCharsets.UTF_8);
    }
}
