package dev.isosync.browserclient.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void theCeilingDoublesWithEachFailureUpToThirtySeconds() {
        // the longest draw just below 1 gives nearly the ceiling; 1 itself gives exactly it
        double[] ceilings = {1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000};
        for (int failures = 1; failures <= ceilings.length; failures++) {
            assertEquals(ceilings[failures - 1], Backoff.delayMs(failures, 1), "after " + failures + " failures");
        }
    }

    @Test
    void theJitterSpreadsTheWaitBetweenHalfTheCeilingAndTheCeiling() {
        assertEquals(500, Backoff.delayMs(1, 0));
        assertEquals(750, Backoff.delayMs(1, 0.5));
        assertEquals(2500, Backoff.delayMs(3, 0.25));
        assertEquals(15000, Backoff.delayMs(6, 0));
        assertEquals(28125, Backoff.delayMs(6, 0.875));
    }

    @Test
    void noDrawAndNoNumberOfFailuresWaitsLongerThanTheMaximum() {
        for (int failures : new int[] {1, 5, 6, 7, 31, 32, 1000, Integer.MAX_VALUE}) {
            for (double random : new double[] {0, 0.3, 0.5, 0.999999, 1, 2, -1, Double.NaN}) {
                double delay = Backoff.delayMs(failures, random);
                assertTrue(delay <= Backoff.MAX_MS, failures + " failures, draw " + random + ": " + delay);
                assertTrue(delay >= 500, failures + " failures, draw " + random + ": " + delay);
            }
        }
    }

    @Test
    void devicesThatFailTogetherManyTimesStillComeBackAtDifferentTimes() {
        // at the maximum, different draws still give different waits: none is flattened onto the cap
        assertTrue(Backoff.delayMs(20, 0.6) < Backoff.delayMs(20, 0.9));
        assertTrue(Backoff.delayMs(20, 0.9) < Backoff.MAX_MS);
    }

    @Test
    void noFailureYetIsTakenAsTheFirst() {
        assertEquals(Backoff.delayMs(1, 0.5), Backoff.delayMs(0, 0.5));
    }
}
