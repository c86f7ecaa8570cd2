package dev.isosync.server.hostile;

import java.util.Map;
import java.util.TreeMap;

/** Counts the corpus's requests by endpoint, category and status class, and prints them as a table. */
final class CorpusTally {
    private final Map<String, Map<String, int[]>> counts = new TreeMap<>();
    private int total;

    synchronized void count(Endpoint endpoint, String category, int status) {
        int[] byClass = counts.computeIfAbsent(endpoint.label(), k -> new TreeMap<>())
                .computeIfAbsent(category, k -> new int[6]);
        byClass[Math.min(5, status / 100)]++;
        total++;
    }

    synchronized int total() {
        return total;
    }

    /** The table: one row per endpoint and category, a column per status class, and the totals. */
    synchronized String table(String title) {
        StringBuilder out = new StringBuilder(title).append('\n');
        out.append(String.format("%-36s %-14s %6s %6s %6s %6s%n", "endpoint", "category", "2xx", "4xx", "5xx",
                "total"));
        int[] sums = new int[6];
        counts.forEach((endpoint, byCategory) -> byCategory.forEach((category, c) -> {
            out.append(String.format("%-36s %-14s %6d %6d %6d %6d%n", endpoint, category, c[2], c[4], c[5],
                    c[2] + c[3] + c[4] + c[5]));
            for (int i = 0; i < 6; i++) {
                sums[i] += c[i];
            }
        }));
        out.append(String.format("%-36s %-14s %6d %6d %6d %6d%n", "all", "", sums[2], sums[4], sums[5], total));
        return out.toString();
    }
}
