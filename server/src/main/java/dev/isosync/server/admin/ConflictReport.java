package dev.isosync.server.admin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One sighting of a conflict: which record of which model, whose client, how the server learnt of it, both
 * sides' versions, and when. {@link AdminStore#recordConflicts} files it in the inbox, or, when the same
 * client's conflict on the same record is still open there, updates that entry. Immutable.
 */
public final class ConflictReport {
    private final String model;
    private final String modelId;
    private final ClientIdentity client;
    private final ConflictSource source;
    private final ServerVersion serverVersion;
    private final Map<String, Object> clientChange;
    private final ClientVersion clientVersion;
    private final long at;

    /**
     * @param model         the model's name
     * @param modelId       the record's id
     * @param client        whose change conflicts
     * @param source        how the server learnt of it
     * @param serverVersion the server's record and change row at the time
     * @param clientChange  the client's change as it was on the wire
     * @param clientVersion the client's record, or {@code null} when the client did not send it
     * @param at            when, epoch milliseconds
     */
    public ConflictReport(String model, String modelId, ClientIdentity client, ConflictSource source,
            ServerVersion serverVersion, Map<String, Object> clientChange, ClientVersion clientVersion, long at) {
        this.model = Objects.requireNonNull(model, "model");
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        this.client = Objects.requireNonNull(client, "client");
        this.source = Objects.requireNonNull(source, "source");
        this.serverVersion = Objects.requireNonNull(serverVersion, "serverVersion");
        this.clientChange = Collections.unmodifiableMap(new LinkedHashMap<>(clientChange));
        this.clientVersion = clientVersion;
        this.at = at;
    }

    public String model() {
        return model;
    }

    public String modelId() {
        return modelId;
    }

    public ClientIdentity client() {
        return client;
    }

    public ConflictSource source() {
        return source;
    }

    /** Never null. */
    public ServerVersion serverVersion() {
        return serverVersion;
    }

    /** The client's change object as it travelled (LoopBack's shape). Never null. */
    public Map<String, Object> clientChange() {
        return clientChange;
    }

    /** The client's version, or {@code null} when the client did not send its data. */
    public ClientVersion clientVersion() {
        return clientVersion;
    }

    /** When it was reported, epoch milliseconds. */
    public long at() {
        return at;
    }

    /**
     * This report, or, when it does not know the client's version, the same report with {@code earlier}'s: a
     * later diff of the same conflict must not forget the data an earlier report carried.
     */
    public ConflictReport keepingClientVersion(ClientVersion earlier) {
        if (clientVersion != null || earlier == null) {
            return this;
        }
        return new ConflictReport(model, modelId, client, source, serverVersion, clientChange, earlier, at);
    }
}
