package dev.isosync.browserclient.sync;

/**
 * How long the sync loop waits after failed runs: exponential, with jitter, and never longer than
 * {@link #MAX_MS}. Pure arithmetic, so it is tested on the JVM.
 *
 * <p>The jitter lies below the exponential ceiling ("equal jitter"): the wait is uniform between half the
 * ceiling and the ceiling. Devices that lost the server together so come back at different times, and once
 * the ceiling reaches the maximum they still do, where a wait jittered around the ceiling and then cut at the
 * maximum would send most of them back at exactly the maximum.
 */
final class Backoff {
    /** The ceiling after the first failure; it doubles with each further one. */
    static final double FIRST_MS = 1000;
    /** The longest wait, whatever the number of failures and the draw. */
    static final double MAX_MS = 30_000;

    private Backoff() {
    }

    /**
     * The wait after a run failed.
     *
     * @param failures the failures in a row so far, this one included (1 after the first)
     * @param random   a draw in [0, 1), such as {@code Math.random()}; a value outside is taken as the nearest
     *                 end, and NaN as 0
     * @return milliseconds, between half of {@code min(MAX_MS, FIRST_MS * 2^(failures - 1))} and that ceiling
     */
    static double delayMs(int failures, double random) {
        // the exponent is bounded so the shift cannot overflow; 2^15 seconds is far beyond the maximum anyway
        double ceiling = Math.min(MAX_MS, FIRST_MS * (1 << Math.min(Math.max(failures, 1) - 1, 15)));
        double draw = random > 0 ? Math.min(random, 1) : 0;
        return ceiling * (0.5 + 0.5 * draw);
    }
}
