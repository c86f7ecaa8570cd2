package dev.isosync.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    /** The workloads, as named on the command line. */
    enum Workload {
        size, push, pull, loopback
    }

    @Option(names = "--workloads", split = ",", defaultValue = "size,push,pull,loopback",
            description = "workloads to run, of ${COMPLETION-CANDIDATES} (default: all)")
    private List<Workload> workloads;

    @Option(names = "--pull-records", split = ",", defaultValue = "10000",
            description = "sizes of the initial pull into IndexedDB (default: ${DEFAULT-VALUE})")
    private List<Integer> pullRecords;

    @Option(names = "--push-records", split = ",", defaultValue = "1000,10000",
            description = "sizes of the push over REST (default: ${DEFAULT-VALUE})")
    private List<Integer> pushRecords;

    @Option(names = "--push-databases", split = ",", defaultValue = "h2,postgresql",
            description = "databases of the push over REST: h2, postgresql, mariadb (default: ${DEFAULT-VALUE})")
    private List<String> pushDatabases;

    @Option(names = "--loopback-records", split = ",", defaultValue = "1000",
            description = "sizes replicated side by side with LoopBack 3 (default: ${DEFAULT-VALUE})")
    private List<Integer> loopBackRecords;

    @Option(names = "--loopback-runs", defaultValue = "3",
            description = "runs of each size side by side with LoopBack 3; the median counts"
                    + " (default: ${DEFAULT-VALUE})")
    private int loopBackRuns;

    @Option(names = "--loopback-ours-records", split = ",", defaultValue = "100000",
            description = "sizes our client and server replicate alone, beside the LoopBack 3 comparison"
                    + " (default: ${DEFAULT-VALUE})")
    private List<Integer> loopBackOursRecords;

    @Option(names = "--loopback-minutes", defaultValue = "15",
            description = "time one LoopBack 3 client run may take before it counts as failed"
                    + " (default: ${DEFAULT-VALUE})")
    private int loopBackMinutes;

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
        if (workloads.contains(Workload.size)) {
            table.add(BundleSize.measure());
        }
        if (!workloads.contains(Workload.push)) {
            pushDatabases = List.of();
        }
        if (!pushDatabases.isEmpty() && !pushRecords.isEmpty()) {
            // the server and client code run in this JVM: a first, unmeasured push lets the JIT compile them
            System.err.println("== warming up");
            RestPush.measure("warm-up", Databases.url("h2"), 2000);
        }
        for (String database : pushDatabases) {
            for (int n : pushRecords) {
                System.err.println("== push of " + n + " todos over REST to " + database);
                table.add(RestPush.measure(Databases.label(database), Databases.url(database), n));
            }
        }
        for (int n : workloads.contains(Workload.pull) ? pullRecords : List.<Integer>of()) {
            System.err.println("== initial pull of " + n + " todos into IndexedDB");
            table.add(BrowserPull.measure(n, profiles));
        }
        if (workloads.contains(Workload.loopback)) {
            LoopBackSideBySide sideBySide = new LoopBackSideBySide(LoopBackTools.locate(),
                    Duration.ofMinutes(loopBackMinutes));
            System.err.println("== side by side with LoopBack 3: warming up");
            sideBySide.warmUp();
            for (int n : loopBackRecords) {
                System.err.println("== side by side with LoopBack 3, " + n + " todos");
                table.add(sideBySide.measure(n, loopBackRuns));
            }
            for (int n : loopBackOursRecords) {
                System.err.println("== our client and server alone, " + n + " todos");
                table.add(sideBySide.measureOursAlone(n));
            }
        }
        String markdown = table.markdown();
        System.out.println(markdown);
        Files.write(out, markdown.getBytes(StandardCharsets.UTF_8));
        System.err.println("written to " + out.toAbsolutePath());
        return 0;
    }
}
