package dev.isosync.server.admin;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the admin console's data lives: replicating clients, the conflict inbox with its history, and
 * per-minute activity. The server keeps it in the tables of its own database ({@code
 * dev.isosync.server.store.JdbcAdminStore}), so it survives restarts and is shared by every server process on
 * that database; with the in-memory store it is {@link MemoryAdminStore}.
 *
 * <p>Implementations are thread-safe. Each method is atomic: what it writes commits whole or not at all.
 */
public interface AdminStore {
    /** Activity older than this is removed as new minutes are recorded: a week, and a day to spare. */
    long ACTIVITY_RETENTION_MINUTES = 8 * 24 * 60;

    /**
     * Adds a request to its client's counters (created at its first request), moves its last-seen time, its
     * pulled and pushed checkpoints, and adds the request's replication and writes to its model's activity of
     * that minute. A request without a client counts in the activity only.
     */
    void recordRequest(RequestRecord request);

    /**
     * Files conflicts in the inbox. A report whose model, record and client match a conflict that is still open
     * updates that entry (its versions, client change and source become the report's; a client version the
     * report lacks is kept; its count of reports grows) instead of adding one. New entries count in their
     * model's activity.
     *
     * @return the inbox entries as they are now, one per report, in the reports' order
     */
    List<ConflictRecord> recordConflicts(List<ConflictReport> reports);

    /** Every client, most recently seen first. */
    List<ClientRecord> clients();

    /**
     * Conflicts, newest first.
     *
     * @param resolved the history ({@code true}) or the open ones
     * @param model    only this model's, or {@code null} for all
     * @param limit    the most to return, at least 1
     */
    List<ConflictRecord> conflicts(boolean resolved, String model, int limit);

    /** The conflict with that id, or {@code null}. */
    ConflictRecord conflict(long id);

    /** How many conflicts are open, by model name; models with none are absent. */
    Map<String, Long> openConflictCounts();

    /**
     * Marks an open conflict resolved and gives it the next resolution sequence number.
     *
     * @param data the server's record after the resolution, or {@code null} when it has none
     * @param rev  its revision, or {@code null}
     * @return the resolved entry, or {@code null} when there is no open conflict with that id (unknown, or
     *     resolved already: a resolution never overwrites another)
     */
    ConflictRecord resolve(long id, Keep keep, Map<String, Object> data, String rev, long at);

    /**
     * Takes a resolution back when the write it stood for failed: the conflict is open again. Does nothing
     * unless the conflict still carries resolution {@code seq}.
     */
    void reopen(long id, long seq);

    /** Those of {@code modelIds} on which the client has a conflict of the model still open. */
    Set<String> openConflictIds(String model, String clientId, Collection<String> modelIds);

    /**
     * Closes the client's open conflicts of the model on the records of {@code after} as resolved by the client
     * itself. They move to the history with no resolution sequence number, so {@link #resolutions} never
     * returns them: the client knows already. A record without an open conflict is left alone.
     *
     * @param how   {@link Keep#CLIENT_PUSHED} or {@link Keep#CLIENT_REPORTED}
     * @param after by record id, the server's version now, which becomes the resolution's data and revision
     * @return the entries closed, in id order
     * @throws IllegalArgumentException when {@code how} is an admin's choice
     */
    List<ConflictRecord> closeByClient(String model, String clientId, Keep how, Map<String, ServerVersion> after,
            long at);

    /**
     * Conflicts of one client and model that an admin resolved, with a resolution sequence number of at least
     * {@code since}, in that order.
     *
     * @param limit the most to return, at least 1
     */
    List<ConflictRecord> resolutions(String clientId, String model, long since, int limit);

    /** Every model's activity in the minutes {@code from <= minute < to}; minutes with nothing are absent. */
    List<ActivityBucket> activity(long fromMinute, long toMinute);
}
