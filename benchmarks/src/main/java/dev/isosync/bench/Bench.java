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
    @Option(names = "--pull-records", defaultValue = "10000", converter = Sizes.Converter.class,
            paramLabel = "<n,n...>",
            description = "sizes of the initial pull into IndexedDB; '' skips it (default: ${DEFAULT-VALUE})")
    private Sizes pullRecords;

    @Option(names = "--push-records", defaultValue = "1000,10000", converter = Sizes.Converter.class,
            paramLabel = "<n,n...>",
            description = "sizes of the push over REST; '' skips it (default: ${DEFAULT-VALUE})")
    private Sizes pushRecords;

    @Option(names = "--push-databases", split = ",", defaultValue = "h2,postgresql",
            description = "databases of the push over REST: h2, postgresql, mariadb (default: ${DEFAULT-VALUE})")
    private List<String> pushDatabases;

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
        for (String database : pushDatabases) {
            if (!pushRecords.isEmpty()) {
                RestPush.warmUp(Databases.label(database), Databases.url(database));
            }
            for (int n : pushRecords) {
                System.err.println("== push of " + n + " todos over REST to " + database);
                table.add(RestPush.measure(Databases.label(database), Databases.url(database), n));
            }
        }
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
