package dev.isosync.bench;

import dev.isosync.client.JdkHttpTransport;
import dev.isosync.demo.Todo;
import dev.isosync.memory.MemoryStore;
import dev.isosync.query.Filter;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replication.ReplicationResult;
import dev.isosync.replication.Replicator;
import dev.isosync.server.ServerConfig;
import dev.isosync.server.SyncServer;
import dev.isosync.wire.RemoteReplica;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.function.ToDoubleFunction;

/**
 * Push over REST: a JVM client holding {@code n} new todos pushes them to the server through the replication
 * endpoints, then changes every one and pushes the updates. Baselines, on the same database in the same run: the
 * same rows inserted by plain JDBC in batches of 1,000 in one transaction, then each updated as the push updates
 * it, also in batches of 1,000 in one transaction: as fast as that database takes them, with no protocol, no change
 * rows and no HTTP. Updates are compared with updates: a database finds and rewrites a row more slowly than it
 * appends one, and more slowly as the table grows.
 */
final class RestPush {
    static final String WORKLOAD = "push over REST";
    /** Changes per batch of the client, as the browser client uses. */
    static final int PAGE_SIZE = 2000;
    /** Todos per unmeasured warm-up push. */
    static final int WARM_UP_RECORDS = 10_000;
    /** Warm-up pushes at least and at most (in between, until they settle: {@link Settled}). */
    static final int MIN_WARM_UPS = 10;
    static final int MAX_WARM_UPS = 25;

    private RestPush() {
    }

    /**
     * Runs the workload {@code runs} times, each against a new server and database, and reports for new todos and for
     * updates the run whose push rate was the median, beside that run's own baseline: on a small machine one push can
     * come out at a fraction of the next, when the JIT or the collector takes a core in the middle of it.
     *
     * @param database a label for the table ("H2", "PostgreSQL")
     * @param jdbcUrl  the server's database
     */
    static List<Figure> measure(String database, String jdbcUrl, int n, int runs) throws SQLException {
        List<Run> all = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            all.add(run(jdbcUrl, n));
        }
        String size = String.format(Locale.ROOT, "%,d todos, %s", n, database);
        List<Figure> figures = new ArrayList<>();
        figures.add(median(all, size, "push of new todos", Run::createRate, "plain JDBC batch insert",
                Run::insertFloorRate));
        figures.add(median(all, size, "push of updates", Run::updateRate, "plain JDBC batch update",
                Run::updateFloorRate));
        return figures;
    }

    /** The figure of the run whose {@code rate} was the median, with every run's rate in its name. */
    private static Figure median(List<Run> all, String size, String what, ToDoubleFunction<Run> rate,
            String baselineName, ToDoubleFunction<Run> baseline) {
        List<Run> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingDouble(rate));
        Run median = sorted.get((sorted.size() - 1) / 2);
        String name = size + ": " + what;
        if (all.size() > 1) {
            StringJoiner rates = new StringJoiner(", ", String.format(Locale.ROOT, ", median of %d runs (", all.size()),
                    ")");
            for (Run run : all) {
                rates.add(String.format(Locale.ROOT, "%,.0f", rate.applyAsDouble(run)));
            }
            name += rates;
        }
        return Figure.against(WORKLOAD, name, rate.applyAsDouble(median), "records/s", baselineName,
                baseline.applyAsDouble(median));
    }

    /** One run's rates, in records per second: the two pushes and their plain JDBC baselines. */
    private record Run(double createRate, double updateRate, double insertFloorRate, double updateFloorRate) {
    }

    /** Pushes {@code n} new todos, then updates, to a new server on a fresh set of tables; then the baselines. */
    private static Run run(String jdbcUrl, int n) throws SQLException {
        String prefix = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_";
        SyncServer server = SyncServer.start(new ServerConfig().host("127.0.0.1").port(0).jdbcUrl(jdbcUrl)
                .tablePrefix(prefix));
        try {
            LocalReplica client = new LocalReplica(new MemoryStore(), Todo.DEFINITION);
            for (int i = 0; i < n; i++) {
                client.create(SampleTodos.todo(i, "Todo number " + i));
            }
            RemoteReplica remote = new RemoteReplica(new JdkHttpTransport("http://127.0.0.1:" + server.port()),
                    Todo.DEFINITION);
            Replicator replicator = new Replicator(client, remote, "server", PAGE_SIZE, Filter.ALL);
            double createMs = timed(replicator, n);
            for (int i = 0; i < n; i++) {
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("title", "Todo number " + i + ", done");
                change.put("completed", true);
                client.patchById(SampleTodos.id(i), change);
            }
            double updateMs = timed(replicator, n);
            JdbcFloor floor = jdbcFloor(jdbcUrl, prefix, n);
            return new Run(n * 1000.0 / createMs, n * 1000.0 / updateMs, n * 1000.0 / floor.insertMs(),
                    n * 1000.0 / floor.updateMs());
        } finally {
            server.closeAndDrop();
        }
    }

    /**
     * Pushes unmeasured until the rate settles. The server and the client run in this JVM, and the JIT compiles
     * their code only after many calls: a single small warm-up left most of a first measured push to the
     * interpreter, so a small push measured the compiler rather than the code. Here pushes of
     * {@value #WARM_UP_RECORDS} todos (new, then updated) run on the database about to be measured, so that its
     * driver is compiled too: at least {@value #MIN_WARM_UPS}, then until the last {@value Settled#LAST} agree
     * within 10 %, at most {@value #MAX_WARM_UPS}. Stopping at the first two in a row that agreed (after three or
     * more) stopped on two cores at about half the rate the same pushes reach later, so the smaller sizes, measured
     * first, measured the compiler still at work.
     */
    static void warmUp(String database, String jdbcUrl) throws SQLException {
        List<Double> rates = new ArrayList<>();
        for (int i = 1; i <= MAX_WARM_UPS; i++) {
            Run run = run(jdbcUrl, WARM_UP_RECORDS);
            rates.add(run.createRate() + run.updateRate());
            System.err.println(String.format(Locale.ROOT, "== warm-up %d on %s: %,.0f new and %,.0f updated todos/s",
                    i, database, run.createRate(), run.updateRate()));
            if (i >= MIN_WARM_UPS && Settled.lastAgree(rates)) {
                return;
            }
        }
    }

    private static double timed(Replicator replicator, int n) {
        long start = System.nanoTime();
        ReplicationResult push = replicator.push();
        double ms = (System.nanoTime() - start) / 1e6;
        if (push.applied() != n || !push.conflicts().isEmpty()) {
            throw new IllegalStateException("the push should have applied " + n + " todos without conflicts: " + push);
        }
        return ms;
    }

    /** The plain JDBC baselines' times, in milliseconds. */
    private record JdbcFloor(double insertMs, double updateMs) {
    }

    /**
     * The same rows by plain JDBC into a scratch table of the same shape, then the same rows updated as the push
     * updates them; the table is dropped afterwards.
     */
    private static JdbcFloor jdbcFloor(String jdbcUrl, String prefix, int n) throws SQLException {
        String table = prefix + "floor";
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + table + " (id VARCHAR(255) PRIMARY KEY, title VARCHAR(1024), "
                        + "completed BOOLEAN, created DOUBLE PRECISION)");
            }
            try {
                c.setAutoCommit(false);
                double insertMs = timedBatches(c, "INSERT INTO " + table
                        + " (id, title, completed, created) VALUES (?, ?, ?, ?)", n, (insert, i) -> {
                            Map<String, Object> t = SampleTodos.todo(i, "Todo number " + i);
                            insert.setString(1, (String) t.get("id"));
                            insert.setString(2, (String) t.get("title"));
                            insert.setBoolean(3, (Boolean) t.get("completed"));
                            insert.setDouble(4, ((Number) t.get("created")).doubleValue());
                        });
                double updateMs = timedBatches(c, "UPDATE " + table + " SET title = ?, completed = ? WHERE id = ?", n,
                        (update, i) -> {
                            update.setString(1, "Todo number " + i + ", done");
                            update.setBoolean(2, true);
                            update.setString(3, SampleTodos.id(i));
                        });
                return new JdbcFloor(insertMs, updateMs);
            } finally {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("DROP TABLE " + table);
                }
            }
        }
    }

    /** Sets a statement's parameters for row {@code i}. */
    private interface RowBinding {
        void bind(PreparedStatement statement, int i) throws SQLException;
    }

    /** Runs {@code sql} for rows 0 to n-1 in batches of 1,000 and commits; answers the milliseconds it took. */
    private static double timedBatches(Connection c, String sql, int n, RowBinding binding) throws SQLException {
        long start = System.nanoTime();
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < n; i++) {
                binding.bind(statement, i);
                statement.addBatch();
                if (i % 1000 == 999 || i == n - 1) {
                    statement.executeBatch();
                }
            }
        }
        c.commit();
        return (System.nanoTime() - start) / 1e6;
    }
}
