package dev.isosync.bench;

import dev.isosync.client.JdkHttpTransport;
import dev.isosync.demo.Todo;
import dev.isosync.memory.MemoryStore;
import dev.isosync.query.Filter;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replication.Replicator;
import dev.isosync.replication.SyncResult;
import dev.isosync.server.ServerConfig;
import dev.isosync.server.SyncServer;
import dev.isosync.wire.RemoteReplica;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Incremental sync: what one changed record costs to sync when the server and the client already hold
 * {@code n} todos in sync. A JVM client (a memory store, replicating over HTTP as {@link RestPush}'s does)
 * changes one todo and syncs; then one todo changes on the server and the client syncs to pull it. Baseline,
 * in the same run, interleaved repetition by repetition: the same on a server and client that hold just that
 * one todo. The cost should follow the change, not the data: the ratio should stay near 1.
 */
final class IncrementalSync {
    static final String WORKLOAD = "incremental sync";
    /** Unmeasured repetitions first: the JIT compiles the server's and the client's paths. */
    private static final int WARM_UP = 20;

    private IncrementalSync() {
    }

    /**
     * @param database    the database as named on the command line ({@link Databases})
     * @param n           todos of the large store
     * @param repetitions timed syncs of each kind on each store; the median counts
     */
    static List<Figure> measure(String database, int n, int repetitions) {
        Side large = Side.start(database, n);
        Side single = null;
        try {
            single = Side.start(database, 1);
            Random random = new Random(n);
            for (int i = 0; i < WARM_UP; i++) {
                large.localChange(random.nextInt(n));
                single.localChange(0);
                large.serverChange(random.nextInt(n));
                single.serverChange(0);
            }
            double[][] local = new double[2][repetitions];
            double[][] server = new double[2][repetitions];
            // interleaved, so that whatever else the machine does weighs on both stores alike
            for (int i = 0; i < repetitions; i++) {
                local[0][i] = large.localChange(random.nextInt(n));
                local[1][i] = single.localChange(0);
                server[0][i] = large.serverChange(random.nextInt(n));
                server[1][i] = single.serverChange(0);
            }
            String size = String.format(Locale.ROOT, "%,d todos, %s", n, Databases.label(database));
            List<Figure> figures = new ArrayList<>();
            figures.add(Figure.against(WORKLOAD, size + ": one todo changed on the client, sync (median)",
                    median(local[0]), "ms", "the same with 1 todo", median(local[1])));
            figures.add(Figure.against(WORKLOAD, size + ": one todo changed on the server, sync (median)",
                    median(server[0]), "ms", "the same with 1 todo", median(server[1])));
            return figures;
        } finally {
            large.close();
            if (single != null) {
                single.close();
            }
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    /** A server holding {@code n} todos and a JVM client holding the same, in sync with it. */
    private static final class Side {
        final SyncServer server;
        final LocalReplica onServer;
        final LocalReplica client;
        final Replicator replicator;
        int edits;

        private Side(SyncServer server, LocalReplica client, Replicator replicator) {
            this.server = server;
            this.onServer = new LocalReplica(server.store(), Todo.DEFINITION);
            this.client = client;
            this.replicator = replicator;
        }

        static Side start(String database, int n) {
            String prefix = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_";
            SyncServer server = SyncServer.start(new ServerConfig().host("127.0.0.1").port(0)
                    .jdbcUrl(Databases.url(database)).tablePrefix(prefix));
            try {
                System.err.printf(Locale.ROOT, "   seeding %,d todos%n", n);
                LocalReplica client = new LocalReplica(new MemoryStore(), Todo.DEFINITION);
                for (int i = 0; i < n; i++) {
                    client.create(SampleTodos.todo(i, "Todo number " + i));
                }
                // seeded in this JVM, through the same replicator the HTTP client uses but without HTTP: the state
                // it leaves (the server's identity, both checkpoints) is what a sync over HTTP would have left
                LocalReplica onServer = new LocalReplica(server.store(), Todo.DEFINITION);
                new Replicator(client, onServer, "server", RestPush.PAGE_SIZE, Filter.ALL).sync();
                RemoteReplica remote = new RemoteReplica(new JdkHttpTransport("http://127.0.0.1:" + server.port()),
                        Todo.DEFINITION);
                Replicator replicator = new Replicator(client, remote, "server", RestPush.PAGE_SIZE, Filter.ALL);
                SyncResult first = replicator.sync();
                if (first.push().applied() != 0 || first.pull().applied() != 0 || !first.conflicts().isEmpty()) {
                    throw new IllegalStateException("the seeded client should be in sync with the server: push "
                            + first.push() + ", pull " + first.pull());
                }
                return new Side(server, client, replicator);
            } catch (RuntimeException e) {
                server.closeAndDrop();
                throw e;
            }
        }

        /** Changes todo {@code i} on the client and syncs; returns the sync's milliseconds. */
        double localChange(int i) {
            client.patchById(SampleTodos.id(i), Map.of("title", "Changed on the client " + (++edits)));
            return timedSync(1, 0);
        }

        /** Changes todo {@code i} on the server and syncs the client; returns the sync's milliseconds. */
        double serverChange(int i) {
            onServer.patchById(SampleTodos.id(i), Map.of("title", "Changed on the server " + (++edits)));
            return timedSync(0, 1);
        }

        /** One sync, checked to have pushed and pulled that many todos; returns its milliseconds. */
        private double timedSync(int pushed, int pulled) {
            long start = System.nanoTime();
            SyncResult result = replicator.sync();
            double ms = (System.nanoTime() - start) / 1e6;
            check(result, pushed, pulled);
            return ms;
        }

        private static void check(SyncResult result, int pushed, int pulled) {
            if (result.push().applied() != pushed || result.pull().applied() != pulled
                    || !result.conflicts().isEmpty()) {
                throw new IllegalStateException("the sync should have pushed " + pushed + " and pulled " + pulled
                        + " todos without conflicts: push " + result.push() + ", pull " + result.pull());
            }
        }

        void close() {
            server.closeAndDrop();
        }
    }
}
