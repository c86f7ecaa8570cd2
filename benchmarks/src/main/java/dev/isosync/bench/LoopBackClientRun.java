package dev.isosync.bench;

import dev.isosync.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of {@code tools/loopback-client/bench-replication.js}: a stock LoopBack 3 client creates {@code n} todos
 * in its memory store and pushes them to a server, then a fresh client pulls them all. Each replication is timed
 * whole and for the part spent waiting on the server. A run that failed (a refused body, a reset connection, a
 * client that ran out of time) says where and why instead of throwing, so that the table can show it.
 */
final class LoopBackClientRun {
    private final int n;
    private final ReplicationTiming push;
    private final ReplicationTiming pull;
    private final String failure;

    private LoopBackClientRun(int n, ReplicationTiming push, ReplicationTiming pull, String failure) {
        this.n = n;
        this.push = push;
        this.pull = pull;
        this.failure = failure;
    }

    /**
     * Runs the client against {@code baseUrl} and waits at most {@code limit} for it.
     *
     * @param baseUrl the server's REST root, e.g. {@code http://127.0.0.1:3000/api}
     */
    static LoopBackClientRun run(LoopBackTools tools, String baseUrl, int n, Duration limit) throws IOException {
        Process process = new ProcessBuilder(tools.node(), tools.script("bench-replication.js"), baseUrl,
                Integer.toString(n)).directory(tools.dir().toFile()).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        process.getOutputStream().close();
        Drain out = new Drain(process.getInputStream());
        out.start();
        boolean finished;
        try {
            finished = process.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            out.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new LoopBackClientRun(n, null, null, "interrupted");
        }
        if (!finished) {
            return new LoopBackClientRun(n, null, null, "the client did not finish within " + limit.toMinutes()
                    + " min");
        }
        String text = out.text().trim();
        String last = text.isEmpty() ? "" : text.substring(text.lastIndexOf('\n') + 1);
        Map<?, ?> result;
        try {
            result = (Map<?, ?>) Json.parse(last);
        } catch (RuntimeException e) {
            return new LoopBackClientRun(n, null, null, "the client exited with " + process.exitValue()
                    + " and printed no figures: " + abbreviate(text));
        }
        ReplicationTiming push = ReplicationTiming.fromJson(result.get("push"));
        ReplicationTiming pull = ReplicationTiming.fromJson(result.get("pull"));
        if (result.get("failed") != null) {
            return new LoopBackClientRun(n, push, pull, "failed in the " + result.get("failed") + ": "
                    + result.get("error"));
        }
        return new LoopBackClientRun(n, push, pull, null);
    }

    int n() {
        return n;
    }

    /** The push, or {@code null} when the run failed before it ended. */
    ReplicationTiming push() {
        return push;
    }

    /** The pull, or {@code null} when the run failed before it ended. */
    ReplicationTiming pull() {
        return pull;
    }

    /** Whether both replications ran. */
    boolean succeeded() {
        return failure == null;
    }

    /** What went wrong, or {@code null}. */
    String failure() {
        return failure;
    }

    /** The same run, failed for {@code reason}. */
    LoopBackClientRun withFailure(String reason) {
        return new LoopBackClientRun(n, push, pull, reason);
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : "…" + text.substring(text.length() - 300);
    }

    /** Reads the child's output on its own thread, so that it never blocks on a full pipe. */
    private static final class Drain extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Drain(InputStream in) {
            super("bench-replication.js output");
            setDaemon(true);
            this.in = in;
        }

        @Override
        public void run() {
            try (InputStream stream = in) {
                byte[] buffer = new byte[8192];
                for (int k; (k = stream.read(buffer)) >= 0; ) {
                    synchronized (bytes) {
                        bytes.write(buffer, 0, k);
                    }
                }
            } catch (IOException e) {
                // the process was stopped: what was read so far is all there is
            }
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
