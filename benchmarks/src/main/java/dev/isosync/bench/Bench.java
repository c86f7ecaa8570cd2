package dev.isosync.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark command: runs the workloads against the real server and headless Chromium on this machine,
 * prints a table of figures, each beside the baseline measured in the same run, and writes it to a file.
 */
@Command(name = "isosync-bench", mixinStandardHelpOptions = true,
        description = "Measures sync speed and prints figures with ratios against baselines of the same run.")
public final class Bench implements Callable<Integer> {
    @Option(names = "--pull-records", split = ",", defaultValue = "10000",
            description = "sizes of the initial pull into IndexedDB (default: ${DEFAULT-VALUE})")
    private List<Integer> pullRecords;

    @Option(names = "--out", defaultValue = "bench-results.md",
            description = "file the table is written to (default: ${DEFAULT-VALUE})")
    private Path out;

    @Option(names = "--profiles", defaultValue = "target/bench-profiles",
            description = "directory for the browsers' fresh profiles (default: ${DEFAULT-VALUE})")
    private Path profiles;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ResultsTable table = new ResultsTable(Machine.describe());
        table.add(BundleSize.measure());
        for (int n : pullRecords) {
            System.err.println("== initial pull of " + n + " todos into IndexedDB");
            table.add(BrowserPull.measure(n, profiles));
        }
        String markdown = table.markdown();
        System.out.println(markdown);
        Files.write(out, markdown.getBytes(StandardCharsets.UTF_8));
        System.err.println("written to " + out.toAbsolutePath());
        return 0;
    }
}
