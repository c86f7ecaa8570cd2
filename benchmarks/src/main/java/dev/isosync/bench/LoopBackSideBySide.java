package dev.isosync.bench;

import dev.isosync.client.JdkHttpTransport;
import dev.isosync.demo.Todo;
import dev.isosync.memory.MemoryStore;
import dev.isosync.query.Filter;
import dev.isosync.query.Where;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replication.ReplicationResult;
import dev.isosync.replication.Replicator;
import dev.isosync.server.ServerConfig;
import dev.isosync.server.SyncServer;
import dev.isosync.wire.RemoteReplica;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Side by side with LoopBack 3.28 (run locally from {@code tools/loopback-client}), replicating the same {@code n}
 * todos: a client creates them and pushes them to an empty server, then a fresh client pulls them all.
 * <ul>
 * <li>Server against server: the same stock LoopBack 3 client replicates with a LoopBack 3 server (memory
 * connector, JSON body limit raised so that it takes the push at all) and with ours (H2 in memory). Compared:
 * the time the client spends waiting on each server. The client's own work is the same on both sides and is
 * left out.</li>
 * <li>End to end: our JVM client and server against LoopBack's client and server, whole replications.</li>
 * </ul>
 * Figures are records per second (n ÷ time), so that the ratio says how many times faster ours is. A LoopBack
 * run that fails (a refused body, a dropped connection, out of time) is reported in the table, not thrown.
 */
final class LoopBackSideBySide {
    static final String WORKLOAD = "side by side with LoopBack 3";
    private static final String LOOPBACK_SERVER = "LoopBack 3 server (memory)";
    private static final String LOOPBACK_BOTH = "LoopBack 3 client and server";

    private final LoopBackTools tools;
    private final Duration limit;

    /**
     * @param limit how long one LoopBack client run (creating the todos, push and pull) may take
     */
    LoopBackSideBySide(LoopBackTools tools, Duration limit) {
        this.tools = tools;
        this.limit = limit;
    }

    /**
     * Unmeasured runs of both clients against our server, which runs in this JVM: the JIT compiles it first. The
     * LoopBack server starts anew for each size and is not warmed up: its JavaScript is compiled in milliseconds.
     */
    void warmUp() throws IOException {
        ourEndToEnd(2000);
        SyncServer server = ourServer();
        try {
            LoopBackClientRun run = LoopBackClientRun.run(tools, apiOf(server), 300, limit);
            if (!run.succeeded()) {
                // the measured runs report it in the table
                System.err.println("   warning: the LoopBack 3 client against our server " + run.failure());
            }
        } finally {
            server.closeAndDrop();
        }
    }

    /**
     * Both comparisons at {@code n} todos, {@code runs} times over; each figure is the median of the runs, so that
     * one run slowed down by something else on the machine does not decide it.
     */
    List<Figure> measure(int n, int runs) throws IOException {
        List<LoopBackClientRun> theirs = new ArrayList<>();
        List<LoopBackClientRun> onOurs = new ArrayList<>();
        List<ReplicationTiming[]> ours = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            System.err.println("   run " + run + " of " + runs + ": LoopBack 3 client and server");
            try (LoopBackServer loopBack = LoopBackServer.start(tools)) {
                LoopBackClientRun result = LoopBackClientRun.run(tools, loopBack.url(), n, limit);
                if (!result.succeeded() && !loopBack.alive()) {
                    result = result.withFailure(result.failure() + " (the server process had ended)");
                }
                theirs.add(result);
            }
            report("LoopBack 3 client and server", theirs.get(run - 1));
            System.err.println("   run " + run + " of " + runs + ": LoopBack 3 client and our server");
            SyncServer server = ourServer();
            try {
                onOurs.add(LoopBackClientRun.run(tools, apiOf(server), n, limit));
            } finally {
                server.closeAndDrop();
            }
            report("LoopBack 3 client and our server", onOurs.get(run - 1));
            System.err.println("   run " + run + " of " + runs + ": our client and server");
            ours.add(ourEndToEnd(n));
            System.err.println("   our client and server: push " + ours.get(run - 1)[0] + "; pull "
                    + ours.get(run - 1)[1]);
        }

        String size = String.format(Locale.ROOT, "%,d todos", n) + (runs > 1 ? ", median of " + runs : "");
        List<Figure> figures = new ArrayList<>();
        String lbClient = size + ", LoopBack 3 client: ";
        String theirServer = baseline(LOOPBACK_SERVER, theirs);
        figures.add(Figure.against(WORKLOAD, lbClient + "push, waiting on the server",
                rate(n, median(onOurs, r -> server(r.push()))), "records/s", theirServer,
                rate(n, median(theirs, r -> server(r.push())))));
        figures.add(Figure.against(WORKLOAD, lbClient + "pull, waiting on the server",
                rate(n, median(onOurs, r -> server(r.pull()))), "records/s", theirServer,
                rate(n, median(theirs, r -> server(r.pull())))));
        figures.add(Figure.against(WORKLOAD, lbClient + "push and pull, waiting on the server",
                rate(n, median(onOurs, r -> server(r.push()) + server(r.pull()))), "records/s", theirServer,
                rate(n, median(theirs, r -> server(r.push()) + server(r.pull())))));
        figures.add(Figure.of(WORKLOAD, lbClient + "push and pull, waiting on our server",
                median(onOurs, r -> server(r.push()) + server(r.pull())), "ms"));
        figures.add(Figure.of(WORKLOAD, lbClient + "push and pull, waiting on the LoopBack 3 server",
                median(theirs, r -> server(r.push()) + server(r.pull())), "ms"));
        figures.add(Figure.of(WORKLOAD, lbClient + "push and pull, its own work (left out above)",
                median(theirs, r -> client(r.push()) + client(r.pull())), "ms"));
        if (onOurs.stream().anyMatch(r -> !r.succeeded())) {
            figures.add(Figure.of(WORKLOAD, lbClient + "against our server: " + failures(onOurs), Double.NaN, ""));
        }

        String e2e = size + ", end to end: ";
        String theirBoth = baseline(LOOPBACK_BOTH, theirs);
        figures.add(Figure.against(WORKLOAD, e2e + "push", rate(n, median(ours, t -> t[0].ms())), "records/s",
                theirBoth, rate(n, median(theirs, r -> wall(r.push())))));
        figures.add(Figure.against(WORKLOAD, e2e + "pull into a fresh client", rate(n, median(ours, t -> t[1].ms())),
                "records/s", theirBoth, rate(n, median(theirs, r -> wall(r.pull())))));
        figures.add(Figure.against(WORKLOAD, e2e + "push, then pull into a fresh client",
                rate(n, median(ours, t -> t[0].ms() + t[1].ms())), "records/s", theirBoth,
                rate(n, median(theirs, r -> wall(r.push()) + wall(r.pull())))));
        figures.add(Figure.of(WORKLOAD, e2e + "push, then pull, our client and server",
                median(ours, t -> t[0].ms() + t[1].ms()), "ms"));
        figures.add(Figure.of(WORKLOAD, e2e + "push, then pull, LoopBack 3 client and server",
                median(theirs, r -> wall(r.push()) + wall(r.pull())), "ms"));
        return figures;
    }

    /** Our client and server alone, at a size LoopBack 3 does not reach. */
    List<Figure> measureOursAlone(int n) {
        String size = String.format(Locale.ROOT, "%,d todos", n);
        ReplicationTiming[] ours = ourEndToEnd(n);
        System.err.println("   our client and server: push " + ours[0] + "; pull " + ours[1]);
        List<Figure> figures = new ArrayList<>();
        String e2e = size + ", end to end, ours alone: ";
        figures.add(Figure.of(WORKLOAD, e2e + "push", rate(n, ours[0].ms()), "records/s"));
        figures.add(Figure.of(WORKLOAD, e2e + "pull into a fresh client", rate(n, ours[1].ms()), "records/s"));
        figures.add(Figure.of(WORKLOAD, e2e + "push, then pull into a fresh client", ours[0].ms() + ours[1].ms(),
                "ms"));
        figures.add(Figure.of(WORKLOAD, e2e + "push, then pull, waiting on the server",
                ours[0].serverMs() + ours[1].serverMs(), "ms"));
        return figures;
    }

    /**
     * Our JVM client (a memory store) creates {@code n} todos and pushes them to our server on a fresh H2
     * database, then a fresh client pulls them: the push's and the pull's timings.
     */
    static ReplicationTiming[] ourEndToEnd(int n) {
        SyncServer server = ourServer();
        try {
            String origin = "http://127.0.0.1:" + server.port();
            LocalReplica pusher = new LocalReplica(new MemoryStore(), Todo.DEFINITION);
            for (int i = 0; i < n; i++) {
                pusher.create(SampleTodos.todo(i, "Todo number " + i));
            }
            ReplicationTiming push = replicate(pusher, origin, true, n);
            LocalReplica puller = new LocalReplica(new MemoryStore(), Todo.DEFINITION);
            ReplicationTiming pull = replicate(puller, origin, false, n);
            long pulled = puller.count(Where.ALL);
            if (pulled != n) {
                throw new IllegalStateException("the fresh client holds " + pulled + " todos after its pull, expected "
                        + n);
            }
            return new ReplicationTiming[] {push, pull};
        } finally {
            server.closeAndDrop();
        }
    }

    private static ReplicationTiming replicate(LocalReplica local, String origin, boolean push, int n) {
        TimedTransport transport = new TimedTransport(new JdkHttpTransport(origin));
        Replicator replicator = new Replicator(local, new RemoteReplica(transport, Todo.DEFINITION), "server",
                RestPush.PAGE_SIZE, Filter.ALL);
        ReplicationResult[] result = new ReplicationResult[1];
        ReplicationTiming timing = transport.time(() -> result[0] = push ? replicator.push() : replicator.pull());
        if (result[0].applied() != n || !result[0].conflicts().isEmpty()) {
            throw new IllegalStateException("the " + (push ? "push" : "pull") + " should have applied " + n
                    + " todos without conflicts: " + result[0]);
        }
        return timing;
    }

    private static SyncServer ourServer() {
        return SyncServer.start(new ServerConfig().host("127.0.0.1").port(0).jdbcUrl(Databases.url("h2")));
    }

    private static String apiOf(SyncServer server) {
        return "http://127.0.0.1:" + server.port() + "/api";
    }

    /** The baseline's name, saying which LoopBack runs failed and why. */
    private static String baseline(String name, List<LoopBackClientRun> runs) {
        return runs.stream().allMatch(LoopBackClientRun::succeeded) ? name : name + " (" + failures(runs) + ")";
    }

    private static String failures(List<LoopBackClientRun> runs) {
        List<LoopBackClientRun> failed = runs.stream().filter(r -> !r.succeeded()).collect(Collectors.toList());
        return (runs.size() == 1 ? "" : failed.size() + " of " + runs.size() + " runs ") + failed.get(0).failure();
    }

    private static void report(String who, LoopBackClientRun run) {
        System.err.println("   " + who + ": " + (run.succeeded() ? "" : run.failure() + "; ") + "push " + run.push()
                + "; pull " + run.pull());
    }

    /** The median of a figure over the runs that have it (NaN for those that failed before it), or NaN. */
    private static <T> double median(List<T> runs, ToDoubleFunction<T> figure) {
        double[] values = runs.stream().mapToDouble(figure).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static double server(ReplicationTiming timing) {
        return timing == null ? Double.NaN : timing.serverMs();
    }

    private static double client(ReplicationTiming timing) {
        return timing == null ? Double.NaN : timing.clientMs();
    }

    private static double wall(ReplicationTiming timing) {
        return timing == null ? Double.NaN : timing.ms();
    }

    private static double rate(int n, double ms) {
        return n * 1000.0 / ms;
    }
}
