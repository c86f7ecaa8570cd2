package dev.isosync.replication;

import java.util.List;

/**
 * The server's conflict inbox as one of our clients reaches it (PROTOCOL.md 9.8; README, "Admin console"): the
 * client reports the conflicts of its pulls, which only it can see, and those it resolved itself, and learns
 * how an admin resolved its conflicts. {@link dev.isosync.wire.RemoteReplica} implements it over HTTP; a LoopBack client has nothing of
 * the kind and resolves its own conflicts.
 */
public interface ConflictInbox {
    /**
     * The calling client's resolved conflicts of this model with a resolution sequence number of at least
     * {@code since}, in that order ({@code GET /sync/<plural>/resolutions}).
     *
     * @param limit the most to return, at least 1
     */
    ResolutionsPage resolutions(long since, int limit);

    /**
     * Asks for the resolutions from {@code since} on to come with the start of the next pull, where the server can
     * answer both in one request; {@link #resolutions} then answers that {@code since} without a request of its
     * own. The default does nothing: the resolutions are asked for on their own.
     */
    default void resolutionsWithNextPull(long since) {
    }

    /**
     * Files conflicts of a pull with the client's side of each ({@code POST /sync/<plural>/conflicts}). The
     * server checks the whole report before it files anything.
     */
    void report(List<ReportedConflict> conflicts);

    /**
     * Tells the server that the client resolved these conflicts itself ({@code POST
     * /sync/<plural>/conflicts/resolved}), so the inbox closes them; a push of the record closes them as well,
     * but taking the server's version pushes nothing. Conflicts the server no longer has open are passed over.
     */
    void reportResolved(List<ResolvedConflict> resolved);
}
