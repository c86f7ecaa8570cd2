package dev.isosync.bench;

import dev.isosync.wire.HttpTransport;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A transport that adds up the time its requests take, from sending until the whole answer is read: what a JVM
 * client spends waiting on the server, as {@code bench-replication.js} measures it for a LoopBack client. The
 * replicator sends one request at a time, so the sum is wall time.
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
            long took = System.nanoTime() - start;
            nanos += took;
            requests++;
            int query = path.indexOf('?');
            byRequest.merge(method + " " + (query < 0 ? path : path.substring(0, query)), took / 1e6, Double::sum);
        }
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
