package dev.isosync.bench;

import dev.isosync.wire.HttpTransport;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A transport that adds up the time its requests keep the client waiting, from sending (or, for a request sent
 * ahead, from asking for its answer) until the whole answer is read: what a JVM client spends waiting on the server,
 * as {@code bench-replication.js} measures it for a LoopBack client.
 */
final class TimedTransport implements HttpTransport {
    private final HttpTransport inner;
    private final Map<String, Double> byRequest = new LinkedHashMap<>();
    private long nanos;
    private int requests;

    TimedTransport(HttpTransport inner) {
        this.inner = inner;
    }

    @Override
    public Response send(String method, String path, String jsonBody) {
        long start = System.nanoTime();
        try {
            return inner.send(method, path, jsonBody);
        } finally {
            count(method, path, System.nanoTime() - start);
        }
    }

    /**
     * Sends as the inner transport does; the time counted is the time the caller waits for the answer, from the
     * sending when it waits at once, from its asking when it read or wrote a page meanwhile.
     */
    @Override
    public Pending start(String method, String path, String jsonBody) {
        long sent = System.nanoTime();
        Pending pending = inner.start(method, path, jsonBody);
        long startTook = System.nanoTime() - sent;
        return () -> {
            long start = System.nanoTime();
            try {
                return pending.await();
            } finally {
                count(method, path, startTook + System.nanoTime() - start);
            }
        };
    }

    private void count(String method, String path, long nanosWaited) {
        nanos += nanosWaited;
        requests++;
        int query = path.indexOf('?');
        byRequest.merge(method + " " + (query < 0 ? path : path.substring(0, query)), nanosWaited / 1e6, Double::sum);
    }

    /** Times {@code replication}: its wall time, and the time and requests this transport saw meanwhile. */
    ReplicationTiming time(Runnable replication) {
        nanos = 0;
        requests = 0;
        byRequest.clear();
        long start = System.nanoTime();
        replication.run();
        return new ReplicationTiming((System.nanoTime() - start) / 1e6, nanos / 1e6, requests,
                new LinkedHashMap<>(byRequest));
    }
}
