package dev.isosync.kv;

import dev.isosync.change.Change;
import java.util.LinkedHashMap;
import java.util.Map;

/** A change row as a JSON object in a key-value store, keeping what the wire form drops (absent prev, echo, owner). */
final class ChangeRows {
    private ChangeRows() {
    }

    static Map<String, Object> write(Change c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rev", c.rev());
        if (c.hasPrev()) {
            m.put("prev", c.prev());
        }
        m.put("checkpoint", c.checkpointOr(0));
        m.put("echo", c.isEcho());
        m.put("modelName", c.modelName());
        if (c.owner() != null) {
            m.put("owner", c.owner());
        }
        return m;
    }

    static Change read(String modelName, String modelId, Map<String, Object> m) {
        Object name = m.get("modelName");
        Change c = Change.of(name instanceof String ? (String) name : modelName, modelId, (String) m.get("rev"),
                ((Number) m.get("checkpoint")).longValue());
        if (m.containsKey("prev")) {
            c = c.withPrev((String) m.get("prev"));
        }
        Object owner = m.get("owner");
        return c.withEcho(Boolean.TRUE.equals(m.get("echo"))).withOwner(owner instanceof String ? (String) owner : null);
    }
}
