package dev.isosync.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stock LoopBack 3.28 server as a child process: {@code tools/loopback-client/reference-server.js}, the Todo
 * model with change tracking on the memory connector, its JSON body limit raised to 50 MB so that a client's
 * whole push fits in one request. It listens on a free port of 127.0.0.1 and starts empty. LoopBack's periodic
 * change cleanup is switched off ({@code --no-change-cleanup}): every 30 s it would re-hash every todo, in time
 * quadratic in their number on the memory connector, and block the server inside a timed request.
 */
final class LoopBackServer implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
    private static final Duration START_LIMIT = Duration.ofSeconds(60);

    private final Process process;
    private final String url;

    private LoopBackServer(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    static LoopBackServer start(LoopBackTools tools) throws IOException {
        Process process = new ProcessBuilder(tools.node(), tools.script("reference-server.js"), "0",
                "--no-change-cleanup")
                .directory(tools.dir().toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        CompletableFuture<String> listening = new CompletableFuture<>();
        StringBuilder early = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (!listening.isDone() && m.find()) {
                        listening.complete(m.group(1));
                    } else {
                        synchronized (early) {
                            early.append(line).append('\n');
                            if (early.length() > 4000) {
                                early.delete(0, early.length() - 4000);
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // the process ended: whoever waits is told below
            }
            listening.complete(null);
        }, "LoopBack 3 server output");
        reader.setDaemon(true);
        reader.start();
        String url;
        try {
            url = listening.get(START_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            url = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            url = null;
        }
        if (url == null) {
            process.destroyForcibly();
            synchronized (early) {
                throw new IllegalStateException("the LoopBack 3 server did not start within " + START_LIMIT.toSeconds()
                        + " s:\n" + early);
            }
        }
        return new LoopBackServer(process, url);
    }

    /** The REST root, e.g. {@code http://127.0.0.1:40123/api}. */
    String url() {
        return url;
    }

    /** Whether the process still runs (it may have died of the load, say out of memory). */
    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
