package dev.isosync.browserclient.sync;

import dev.isosync.replication.SyncResult;
import org.teavm.jso.JSBody;

/**
 * Records each successful sync as a User Timing measure named {@value #NAME}, with the records pushed and
 * pulled as its detail: the browser's performance panel shows them on the page's timeline, and the benchmark
 * command reads them with {@code performance.getEntriesByName}.
 */
public final class SyncTimings implements SyncLoop.RunObserver {
    /** The measure's name. */
    public static final String NAME = "isosync:sync";

    /** Takes the loop's times in epoch milliseconds ({@code System.currentTimeMillis()}). */
    @Override
    public void ran(double startedAt, double endedAt, SyncResult result) {
        measure(NAME, startedAt, endedAt, result.push().applied(), result.pull().applied());
    }

    // the measure's times are relative to the page's time origin, the loop's are epoch milliseconds
    @JSBody(params = {"name", "start", "end", "pushed", "pulled"}, script = "if (self.performance "
            + "&& performance.measure) { var origin = performance.timeOrigin; performance.measure(name, "
            + "{start: start - origin, end: end - origin, detail: {pushed: pushed, pulled: pulled}}); }")
    private static native void measure(String name, double start, double end, int pushed, int pulled);
}
