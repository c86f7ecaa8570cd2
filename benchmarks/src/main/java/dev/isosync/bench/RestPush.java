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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Push over REST: a JVM client holding {@code n} new todos pushes them to the server through the replication
 * endpoints, then changes every one and pushes the updates. Baseline, on the same database in the same run: the
 * same rows inserted by plain JDBC in batches of 1,000 in one transaction, which is as fast as that database
 * takes them, with no protocol, no change rows and no HTTP.
 */
final class RestPush {
    static final String WORKLOAD = "push over REST";
    /** Changes per batch of the client, as the browser client uses. */
    static final int PAGE_SIZE = 2000;
    /** Todos per unmeasured warm-up push. */
    static final int WARM_UP_RECORDS = 10_000;
    /** Warm-up pushes at least and at most, and how close two in a row must come for the JIT's work to be done. */
    static final int MIN_WARM_UPS = 3;
    static final int MAX_WARM_UPS = 8;
    static final double SETTLED = 0.10;

    private RestPush() {
    }

    /**
     * @param database a label for the table ("H2", "PostgreSQL")
     * @param jdbcUrl  the server's database
     */
    static List<Figure> measure(String database, String jdbcUrl, int n) throws SQLException {
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
            double floorMs = jdbcFloor(jdbcUrl, prefix, n);
            String size = String.format(Locale.ROOT, "%,d todos, %s", n, database);
            List<Figure> figures = new ArrayList<>();
            figures.add(Figure.against(WORKLOAD, size + ": push of new todos", n * 1000.0 / createMs, "records/s",
                    "plain JDBC batch insert", n * 1000.0 / floorMs));
            figures.add(Figure.against(WORKLOAD, size + ": push of updates", n * 1000.0 / updateMs, "records/s",
                    "plain JDBC batch insert", n * 1000.0 / floorMs));
            return figures;
        } finally {
            server.closeAndDrop();
        }
    }

    /**
     * Pushes unmeasured until the rate settles. The server and the client run in this JVM, and the JIT compiles
     * their code only after many calls: a single small warm-up left most of a first measured push to the
     * interpreter, so a small push measured the compiler rather than the code. Here pushes of
     * {@value #WARM_UP_RECORDS} todos (new, then updated) run until two in a row agree within 10 %, at least
     * {@value #MIN_WARM_UPS} and at most {@value #MAX_WARM_UPS}, on the database about to be measured, so that its
     * driver is compiled too.
     */
    static void warmUp(String database, String jdbcUrl) throws SQLException {
        double previous = Double.NaN;
        for (int i = 1; i <= MAX_WARM_UPS; i++) {
            List<Figure> figures = measure("warm-up", jdbcUrl, WARM_UP_RECORDS);
            double rate = figures.get(0).value() + figures.get(1).value();
            System.err.println(String.format(Locale.ROOT, "== warm-up %d on %s: %,.0f new and %,.0f updated todos/s",
                    i, database, figures.get(0).value(), figures.get(1).value()));
            if (i >= MIN_WARM_UPS && Math.abs(rate - previous) <= SETTLED * previous) {
                return;
            }
            previous = rate;
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

    /** The same rows by plain JDBC into a scratch table of the same shape, dropped afterwards. */
    private static double jdbcFloor(String jdbcUrl, String prefix, int n) throws SQLException {
        String table = prefix + "floor";
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + table + " (id VARCHAR(255) PRIMARY KEY, title VARCHAR(1024), "
                        + "completed BOOLEAN, created DOUBLE PRECISION)");
            }
            try {
                c.setAutoCommit(false);
                long start = System.nanoTime();
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table
                        + " (id, title, completed, created) VALUES (?, ?, ?, ?)")) {
                    for (int i = 0; i < n; i++) {
                        Map<String, Object> t = SampleTodos.todo(i, "Todo number " + i);
                        insert.setString(1, (String) t.get("id"));
                        insert.setString(2, (String) t.get("title"));
                        insert.setBoolean(3, (Boolean) t.get("completed"));
                        insert.setDouble(4, ((Number) t.get("created")).doubleValue());
                        insert.addBatch();
                        if (i % 1000 == 999 || i == n - 1) {
                            insert.executeBatch();
                        }
                    }
                }
                c.commit();
                return (System.nanoTime() - start) / 1e6;
            } finally {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("DROP TABLE " + table);
                }
            }
        }
    }
}
