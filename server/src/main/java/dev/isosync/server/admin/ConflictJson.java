package dev.isosync.server.admin;

import dev.isosync.change.Change;
import dev.isosync.json.CanonicalJson;
import dev.isosync.model.ModelDefinition;
import dev.isosync.model.Property;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** A conflict as the admin API shows it: both versions side by side and the fields in which they differ. */
final class ConflictJson {
    private ConflictJson() {
    }

    /**
     * @param model       the conflict's model, or {@code null} when the server no longer serves it
     * @param currentRow  for an open conflict, the server's change row now ({@code null}: none), to tell whether
     *                    the server's record changed since the conflict was recorded; ignored when resolved
     */
    static Map<String, Object> of(ConflictRecord c, ModelDefinition model, Change currentRow) {
        ConflictReport r = c.report();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("model", r.model());
        m.put("modelId", r.modelId());
        m.put("clientId", r.client().id());
        m.put("clientKind", r.client().kind().wireName());
        m.put("source", r.source().wireName());
        m.put("state", c.isOpen() ? "open" : "resolved");
        m.put("detectedAt", Timestamps.iso(c.detectedAt()));
        m.put("lastReportedAt", Timestamps.iso(r.at()));
        m.put("reports", c.reports());
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("data", r.serverVersion().data());
        server.put("rev", r.serverVersion().rev());
        server.put("checkpoint", r.serverVersion().checkpoint());
        m.put("serverVersion", server);
        m.put("clientChange", r.clientChange());
        if (r.clientVersion() == null) {
            m.put("clientVersion", null);
        } else {
            Map<String, Object> client = new LinkedHashMap<>();
            client.put("data", r.clientVersion().data());
            m.put("clientVersion", client);
        }
        m.put("differingFields", differingFields(model, r.serverVersion().data(), r.clientVersion()));
        if (c.isOpen()) {
            String now = currentRow == null ? null : currentRow.rev();
            m.put("serverChangedSince", !Objects.equals(now, r.serverVersion().rev()));
        } else {
            Resolution res = c.resolution();
            m.put("resolution", res.keep().wireName());
            m.put("resolvedBy", res.keep().resolvedBy());
            m.put("resolvedAt", Timestamps.iso(res.resolvedAt()));
            m.put("resolvedData", res.data());
            m.put("resolvedRev", res.rev());
            // a client's own resolution is told to no client, so it has no place in their order
            m.put("resolutionSeq", res.keep().byClient() ? null : res.seq());
        }
        return m;
    }

    /**
     * The properties whose values differ between the server's and the client's record, in the model's order;
     * every property when only one side has a record; {@code null} when the client's version is unknown.
     */
    static List<String> differingFields(ModelDefinition model, Map<String, Object> server, ClientVersion client) {
        if (client == null) {
            return null;
        }
        Map<String, Object> mine = client.data();
        List<String> out = new ArrayList<>();
        if (server == null && mine == null) {
            return out;
        }
        Set<String> names = new LinkedHashSet<>();
        if (model != null) {
            for (Property p : model.properties()) {
                if (!p.isHidden()) {
                    names.add(p.name());
                }
            }
        }
        if (server != null) {
            names.addAll(server.keySet());
        }
        if (mine != null) {
            names.addAll(mine.keySet());
        }
        for (String name : names) {
            if (server == null || mine == null) {
                out.add(name);
            } else if (!CanonicalJson.write(server.get(name)).equals(CanonicalJson.write(mine.get(name)))) {
                // canonical form: 1 and 1.0, or objects with their keys in another order, are the same value
                out.add(name);
            }
        }
        return out;
    }
}
