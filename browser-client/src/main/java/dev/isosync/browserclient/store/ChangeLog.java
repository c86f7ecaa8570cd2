package dev.isosync.browserclient.store;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * The order of a model's change rows in the IndexedDB store: an object store of {@code {checkpoint, ids}}
 * objects, one per checkpoint written by a transaction, indexed on the checkpoint. A pulled page of 2,000 records
 * adds one such object instead of 2,000 index entries, which is what makes the first pull cheap.
 *
 * <p>The log only grows: when an instance changes again, its earlier (checkpoint, id) pair stays behind. A reader
 * keeps a pair only while the instance's change row still has that checkpoint ({@link IdbEntry#checkpoint}), and
 * the log is rebuilt from the entries when such stale pairs outnumber the live ones ({@link #rebuild}), which a
 * running count of the pairs, kept with the checkpoint, tells without reading the log.
 */
final class ChangeLog {
    static final String CHECKPOINT_INDEX = "byCheckpoint";

    private ChangeLog() {
    }

    /**
     * Appends one object per checkpoint of {@code written}, a JavaScript {@code Map} from a checkpoint to the
     * {@code Set} of ids whose change rows were written with it; returns how many (checkpoint, id) pairs it added.
     */
    static int append(JSObject log, JSObject written) {
        JSObject objects = objects(written);
        int added = 0;
        for (int i = 0, n = Idb.length(objects); i < n; i++) {
            JSObject object = Idb.at(objects, i);
            Idb.put(log, object);
            added += idCount(object);
        }
        return added;
    }

    @JSBody(params = "written", script = "var objects = [];"
            + "written.forEach(function(ids, checkpoint) {"
            + "  objects.push({checkpoint: checkpoint, ids: Array.from(ids)}); });"
            + "return objects;")
    private static native JSObject objects(JSObject written);

    @JSBody(params = "object", script = "return object.ids.length;")
    private static native int idCount(JSObject object);

    /**
     * The (checkpoint, id) pairs of the log objects {@code logs}, sorted by checkpoint, then id (strings compare by
     * UTF-16 code units here as in IndexedDB and Java), without duplicates, and strictly after
     * [{@code afterCheckpoint}, {@code afterId}] when {@code resume}: an object {@code {checkpoints, ids}}.
     */
    @JSBody(params = {"logs", "afterCheckpoint", "afterId", "resume"}, script = ""
            + "var pairs = [];"
            + "logs.forEach(function(log) { var cp = log.checkpoint;"
            + "  log.ids.forEach(function(id) {"
            + "    if (!resume || cp > afterCheckpoint || (cp === afterCheckpoint && id > afterId)) {"
            + "      pairs.push([cp, id]); } }); });"
            + "pairs.sort(function(a, b) {"
            + "  return a[0] !== b[0] ? a[0] - b[0] : (a[1] < b[1] ? -1 : (a[1] > b[1] ? 1 : 0)); });"
            + "var checkpoints = [], ids = [];"
            + "pairs.forEach(function(pair, i) {"
            + "  if (i > 0 && pair[0] === pairs[i - 1][0] && pair[1] === pairs[i - 1][1]) { return; }"
            + "  checkpoints.push(pair[0]); ids.push(pair[1]); });"
            + "return {checkpoints: checkpoints, ids: ids};")
    static native JSObject candidates(JSObject logs, double afterCheckpoint, String afterId, boolean resume);

    @JSBody(params = "candidates", script = "return candidates.ids.length;")
    static native int size(JSObject candidates);

    @JSBody(params = {"candidates", "i"}, script = "return candidates.checkpoints[i];")
    static native double checkpointAt(JSObject candidates, int i);

    @JSBody(params = {"candidates", "i"}, script = "return candidates.ids[i];")
    static native String idAt(JSObject candidates, int i);

    /** How many (checkpoint, id) pairs the log objects {@code logs} hold. */
    @JSBody(params = "logs", script = "var n = 0; logs.forEach(function(log) { n += log.ids.length; }); return n;")
    static native int pairs(JSObject logs);

    /**
     * Puts into {@code log}, which is empty, one object per checkpoint of the change rows of {@code entries}; returns
     * how many pairs it put.
     */
    @JSBody(params = {"log", "entries"}, script = ""
            + "var groups = new Map(), n = 0;"
            + "entries.forEach(function(entry) { var change = entry.change;"
            + "  if (change && typeof change.checkpoint === 'number') {"
            + "    var ids = groups.get(change.checkpoint);"
            + "    if (!ids) { ids = []; groups.set(change.checkpoint, ids); }"
            + "    ids.push(entry.modelId); n++; } });"
            + "groups.forEach(function(ids, checkpoint) { log.put({checkpoint: checkpoint, ids: ids}); });"
            + "return n;")
    static native int rebuild(JSObject log, JSObject entries);
}
