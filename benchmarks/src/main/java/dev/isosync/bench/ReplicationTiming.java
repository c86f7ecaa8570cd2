package dev.isosync.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One timed replication (a push or a pull): its wall time, the part of it spent waiting on the server (from
 * sending a request until its answer is read), and that time per kind of request ({@code POST /api/Todos/diff}),
 * in the order first sent.
 *
 * @param byRequest milliseconds per method and path (no query), summed over the requests of that kind
 * @param requests  requests sent
 */
record ReplicationTiming(double ms, double serverMs, int requests, Map<String, Double> byRequest) {
    /** The client's own share: building and reading the bodies, its diff and bulk update in its store. */
    double clientMs() {
        return ms - serverMs;
    }

    /** From {@code bench-replication.js}'s {@code {"ms":…,"serverMs":…,"each":[…]}}, or null for none. */
    static ReplicationTiming fromJson(Object json) {
        if (!(json instanceof Map<?, ?> m)) {
            return null;
        }
        Map<String, Double> byRequest = new LinkedHashMap<>();
        int requests = 0;
        for (Object each : (List<?>) m.get("each")) {
            Map<?, ?> request = (Map<?, ?>) each;
            byRequest.merge((String) request.get("request"), ((Number) request.get("ms")).doubleValue(), Double::sum);
            requests++;
        }
        return new ReplicationTiming(((Number) m.get("ms")).doubleValue(), ((Number) m.get("serverMs")).doubleValue(),
                requests, byRequest);
    }

    /** "2,001 ms, of which 1,234 ms on the server (POST /api/Todos/diff 400 ms, …)", for the progress log. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%,.0f ms, of which %,.0f ms waiting on the server in %d requests (%s)", ms,
                serverMs, requests, byRequest.entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%s %,.0f ms", e.getKey(), e.getValue()))
                        .collect(Collectors.joining(", ")));
    }
}
