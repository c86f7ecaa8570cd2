package dev.isosync.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
    /** The workloads; named in lower case on the command line. */
    enum Workload {
        SIZE, PUSH, PULL, INCREMENTAL, LIVE, LOAD, LOOPBACK
    }

    @Option(names = "--workloads", split = ",", defaultValue = "size,push,pull,incremental,live,load,loopback",
            description = "workloads to run: size, push, pull, incremental, live, load, loopback (default: all)")
    private List<Workload> workloads;

    @Option(names = "--pull-records", defaultValue = "10000,100000", converter = Sizes.Converter.class,
            paramLabel = "<n,n...>",
            description = "sizes of the initial pull into IndexedDB; '' skips it (default: ${DEFAULT-VALUE})")
    private Sizes pullRecords;

    @Option(names = "--pull-runs", defaultValue = "3",
            description = "runs of each size of the initial pull, each in a fresh browser; the median counts"
                    + " (default: ${DEFAULT-VALUE})")
    private int pullRuns;

    @Option(names = "--push-records", defaultValue = "1000,10000,30000,100000", converter = Sizes.Converter.class,
            paramLabel = "<n,n...>",
            description = "sizes of the push over REST; '' skips it (default: ${DEFAULT-VALUE})")
    private Sizes pushRecords;

    @Option(names = "--push-runs", defaultValue = "3",
            description = "runs of each size of the push over REST, each against a new server; the median counts"
                    + " (default: ${DEFAULT-VALUE})")
    private int pushRuns;

    @Option(names = "--push-databases", split = ",", defaultValue = "h2,postgresql",
            description = "databases of the push over REST: h2, postgresql, mariadb (default: ${DEFAULT-VALUE})")
    private List<String> pushDatabases;

    @Option(names = "--incremental-records", defaultValue = "100000",
            description = "todos the server and client hold in the incremental sync (default: ${DEFAULT-VALUE})")
    private int incrementalRecords;

    @Option(names = "--incremental-repetitions", defaultValue = "50",
            description = "timed syncs of each kind in the incremental sync; the median counts "
                    + "(default: ${DEFAULT-VALUE})")
    private int incrementalRepetitions;

    @Option(names = "--incremental-databases", split = ",", defaultValue = "h2",
            description = "databases of the incremental sync: h2, postgresql, mariadb (default: ${DEFAULT-VALUE})")
    private List<String> incrementalDatabases;

    @Option(names = "--live-writes", defaultValue = "200",
            description = "writes of each kind in the live update latency; p50 and p95 count "
                    + "(default: ${DEFAULT-VALUE})")
    private int liveWrites;

    @Option(names = "--live-device-writes", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "also measure writes made on a second browser, device A (default: ${DEFAULT-VALUE})")
    private boolean liveDeviceWrites;

    @Option(names = "--load-clients", defaultValue = "50",
            description = "clients syncing at once in the load (default: ${DEFAULT-VALUE})")
    private int loadClients;

    @Option(names = "--load-seconds", defaultValue = "60",
            description = "how long the clients of the load sync; the one-client baseline runs a third of it "
                    + "(default: ${DEFAULT-VALUE})")
    private int loadSeconds;

    @Option(names = "--load-database", defaultValue = "h2",
            description = "database of the load: h2, postgresql, mariadb (default: ${DEFAULT-VALUE})")
    private String loadDatabase;

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
        System.exit(new CommandLine(new Bench()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (pullRuns < 1 || pushRuns < 1 || loopBackRuns < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--pull-runs, --push-runs and"
                    + " --loopback-runs must be at least 1, got " + pullRuns + ", " + pushRuns + " and " + loopBackRuns);
        }
        ResultsTable table = new ResultsTable(Machine.describe());
        if (workloads.contains(Workload.SIZE)) {
            table.add(BundleSize.measure());
        }
        if (!workloads.contains(Workload.PUSH)) {
            pushDatabases = List.of();
        }
        for (String database : pushDatabases) {
            if (!pushRecords.isEmpty()) {
                RestPush.warmUp(Databases.label(database), Databases.url(database));
            }
            for (int n : pushRecords) {
                System.err.println("== push of " + n + " todos over REST to " + database);
                table.add(RestPush.measure(Databases.label(database), Databases.url(database), n, pushRuns));
            }
        }
        for (int n : workloads.contains(Workload.PULL) ? pullRecords : List.<Integer>of()) {
            System.err.println("== initial pull of " + n + " todos into IndexedDB");
            table.add(BrowserPull.measure(n, pullRuns, profiles));
        }
        for (String database : workloads.contains(Workload.INCREMENTAL) ? incrementalDatabases : List.<String>of()) {
            System.err.println("== incremental sync against " + incrementalRecords + " todos on " + database);
            table.add(IncrementalSync.measure(database, incrementalRecords, incrementalRepetitions));
        }
        if (workloads.contains(Workload.LIVE)) {
            System.err.println("== live update latency, " + liveWrites + " writes");
            table.add(LiveLatency.measure(liveWrites, liveDeviceWrites, profiles));
        }
        if (workloads.contains(Workload.LOAD)) {
            System.err.println("== load: " + loadClients + " clients for " + loadSeconds + " s on " + loadDatabase);
            List<String> problems = new ArrayList<>();
            table.add(ConcurrentLoad.measure(loadDatabase, loadClients, loadSeconds, problems));
            problems.forEach(table::problem);
        }
        if (workloads.contains(Workload.LOOPBACK)) {
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
        if (!table.problems().isEmpty()) {
            System.err.println("FAILED: the workloads found " + table.problems().size() + " problem(s):");
            table.problems().forEach(p -> System.err.println("  " + p));
            return 1;
        }
        return 0;
    }
}
