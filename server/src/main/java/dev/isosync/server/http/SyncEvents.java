package dev.isosync.server.http;

import dev.isosync.change.Change;
import dev.isosync.model.ModelDefinition;
import dev.isosync.replica.DiffResult;
import dev.isosync.replica.LocalReplica;
import dev.isosync.replica.Update;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * What the model API reports as it serves a request, for whoever keeps account of clients and conflicts (the
 * admin console's {@code SyncRecorder}). Reporting never changes an answer: implementations do not throw.
 */
public interface SyncEvents {
    /** Reports nothing. */
    SyncEvents NONE = new SyncEvents() {
    };

    /** The request is a replication request of {@code model}. */
    default void sync(Context ctx, ModelDefinition model) {
    }

    /** The request pulled {@code delivered} changes of {@code model} from checkpoint {@code since} on. */
    default void pulled(Context ctx, ModelDefinition model, long since, List<Change> delivered) {
    }

    /** The request pushed {@code changes} (a diff or a bulk-update). */
    default void pushed(Context ctx, ModelDefinition model, List<Change> changes) {
    }

    /** The request wrote {@code count} records of {@code model}. */
    default void changed(Context ctx, ModelDefinition model, int count) {
    }

    /** A diff of the client's {@code sent} changes found conflicts with this server. */
    default void diffConflicts(Context ctx, LocalReplica replica, List<Change> sent, DiffResult result) {
    }

    /**
     * The diff of a combined push found conflicts with this server; unlike a diff's, the client's {@code sent}
     * updates carry its data (none for a delete). By default reported as a diff's.
     */
    default void pushConflicts(Context ctx, LocalReplica replica, List<Update> sent, DiffResult result) {
        List<Change> changes = new ArrayList<>(sent.size());
        for (Update u : sent) {
            changes.add(u.change());
        }
        diffConflicts(ctx, replica, changes, result);
    }

    /**
     * A bulk-update's items that the server applied (creates, updates and deletes that did not conflict), whether
     * or not others of the request conflicted.
     */
    default void bulkUpdateApplied(Context ctx, LocalReplica replica, List<Update> applied) {
    }

    /** A bulk-update's items that conflicted, answered with a 409. */
    default void bulkUpdateConflicts(Context ctx, LocalReplica replica, List<Update> conflicts) {
    }
}
