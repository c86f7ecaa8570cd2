package dev.isosync.browserclient.store;

import dev.isosync.change.Change;
import dev.isosync.model.ModelDefinition;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * One instance of a model as the IndexedDB store keeps it: a single object holding the record, when there is one,
 * and its change row, when there is one: {@code {modelId, record?, change?: {rev, prev?, checkpoint, echo}}}.
 *
 * <p>One object per instance makes a pulled record one put instead of two, and no index has to be kept per
 * record: the order of the change rows comes from the store's change log ({@link ChangeLog}). Entries are
 * changed in place in the transaction's memory, which also makes new ones ({@code {modelId}}) and deletes those
 * left with neither member ({@link EntryMemory}).
 */
final class IdbEntry {
    private IdbEntry() {
    }

    @JSBody(params = "entry", script = "return entry.record !== undefined;")
    static native boolean hasRecord(JSObject entry);

    @JSBody(params = "entry", script = "return entry.record;")
    static native JSObject record(JSObject entry);

    @JSBody(params = {"entry", "record"}, script = "entry.record = record;")
    static native void setRecord(JSObject entry, JSObject record);

    @JSBody(params = "entry", script = "delete entry.record;")
    static native void removeRecord(JSObject entry);

    @JSBody(params = "entry", script = "return entry.change !== undefined;")
    static native boolean hasChange(JSObject entry);

    @JSBody(params = "entry", script = "delete entry.change;")
    static native void removeChange(JSObject entry);

    /**
     * Sets the change row. {@code prev} is left out when absent, so its three states (absent, null, a revision)
     * survive the round trip; a checkpoint is a number, as the change log orders by it.
     */
    static void setChange(JSObject entry, Change change) {
        Long checkpoint = change.checkpoint();
        setChange(entry, change.rev(), change.hasPrev(), change.prev(), checkpoint != null,
                checkpoint == null ? 0 : checkpoint, change.isEcho());
    }

    @JSBody(params = {"entry", "rev", "hasPrev", "prev", "hasCheckpoint", "checkpoint", "echo"}, script = ""
            + "var change = {rev: rev, checkpoint: hasCheckpoint ? checkpoint : null, echo: echo};"
            + "if (hasPrev) { change.prev = prev; }"
            + "entry.change = change;")
    private static native void setChange(JSObject entry, String rev, boolean hasPrev, String prev,
            boolean hasCheckpoint, double checkpoint, boolean echo);

    /** The entry's change row, or {@code null}. */
    static Change change(ModelDefinition model, JSObject entry, String modelId) {
        if (!hasChange(entry)) {
            return null;
        }
        double checkpoint = checkpoint(entry);
        Change c = Change.of(model.name(), modelId, rev(entry), checkpoint < 0 ? null : Long.valueOf((long) checkpoint));
        if (hasPrev(entry)) {
            c = c.withPrev(prev(entry));
        }
        return c.withEcho(echo(entry));
    }

    /** The change row's checkpoint, or -1 when the entry has no change row or the row no checkpoint. */
    @JSBody(params = "entry", script = ""
            + "return entry.change !== undefined && typeof entry.change.checkpoint === 'number'"
            + "  ? entry.change.checkpoint : -1;")
    static native double checkpoint(JSObject entry);

    @JSBody(params = "entry", script = "var rev = entry.change.rev; return rev === undefined ? null : rev;")
    private static native String rev(JSObject entry);

    @JSBody(params = "entry", script = "return 'prev' in entry.change;")
    private static native boolean hasPrev(JSObject entry);

    @JSBody(params = "entry", script = "var prev = entry.change.prev; return prev === undefined ? null : prev;")
    private static native String prev(JSObject entry);

    @JSBody(params = "entry", script = "return entry.change.echo === true;")
    private static native boolean echo(JSObject entry);
}
