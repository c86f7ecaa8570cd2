package dev.isosync.bench;

import java.util.Collections;
import java.util.List;

/**
 * When a warm-up may stop: the JIT compiles the server's and the client's code only after many calls, so a workload
 * repeats its unmeasured runs until their last few figures (rates or times) agree.
 */
final class Settled {
    /** How many of the last figures must agree. */
    static final int LAST = 3;
    /** How close they must come: the smallest within this share of the largest. */
    static final double WITHIN = 0.10;

    private Settled() {
    }

    /** Whether the last {@value #LAST} of {@code figures} lie within {@value #WITHIN} of each other. */
    static boolean lastAgree(List<Double> figures) {
        if (figures.size() < LAST) {
            return false;
        }
        List<Double> last = figures.subList(figures.size() - LAST, figures.size());
        return Collections.min(last) >= (1 - WITHIN) * Collections.max(last);
    }
}
