package dev.isosync.server.admin;

import dev.isosync.model.ModelDefinition;
import io.javalin.http.Context;

/**
 * Whether the caller of a request may write a model. Conflicts are filed in the inbox only for callers that
 * may write the model, so a reader cannot fill it. Until the server has users and ACLs (PROTOCOL.md 9.7),
 * {@link #EVERYONE} may.
 */
@FunctionalInterface
public interface WriteAccess {
    /** Everyone may write every model. */
    WriteAccess EVERYONE = (ctx, model) -> true;

    boolean mayWrite(Context ctx, ModelDefinition model);
}
