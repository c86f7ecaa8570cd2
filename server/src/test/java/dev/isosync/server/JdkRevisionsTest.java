package dev.isosync.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.isosync.json.CanonicalSamples;
import dev.isosync.model.Revisions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The JVM's revision function gives the portable rule's revision (which the LoopBack fixtures hold to LoopBack's) for
 * every sample of canonical JSON's edges, lone surrogates among them, and for each of several threads at once.
 */
class JdkRevisionsTest {
    private static final List<Object> SAMPLES = CanonicalSamples.values(20261127L, 2000, 2000);

    @Test
    void everySampleHasThePortableRevision() {
        for (Object value : SAMPLES) {
            assertEquals(Revisions.portable(value), JdkRevisions.of(value), () -> "the revision of " + value);
        }
    }

    @Test
    void threadsHashingAtOnceEachGetTheirValuesRevision() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> all = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                all.add(threads.submit(() -> {
                    List<String> revisions = new ArrayList<>();
                    for (Object value : SAMPLES) {
                        revisions.add(JdkRevisions.of(value));
                    }
                    return revisions;
                }));
            }
            List<String> expected = new ArrayList<>();
            for (Object value : SAMPLES) {
                expected.add(Revisions.portable(value));
            }
            for (Future<List<String>> revisions : all) {
                assertEquals(expected, revisions.get());
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
