package dev.isosync.query;

import dev.isosync.error.SyncException;
import dev.isosync.model.ModelDefinition;
import dev.isosync.model.Property;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A parsed LoopBack {@code where} clause: equality, {@code neq}, {@code gt/gte/lt/lte}, {@code between},
 * {@code inq}, {@code nin}, combined with {@code and}/{@code or} (PROTOCOL.md 9.1.2). Property names are
 * checked against the model, so a store can translate the tree to SQL with bound parameters only.
 */
public abstract class Where {
    /** Matches every record. */
    public static final Where ALL = new And(Collections.emptyList());

    /** Deepest nesting of {@code and}/{@code or} accepted. */
    public static final int MAX_DEPTH = 8;
    /** Most conditions in one clause, counting every value of {@code inq}/{@code nin}. */
    public static final int MAX_TERMS = 1000;

    Where() {
    }

    /** Whether a record matches. */
    public abstract boolean matches(Map<String, Object> record);

    /** Applies a visitor (a store's SQL translation, say). */
    public abstract <R> R accept(Visitor<R> visitor);

    /** The clause's parts, for a store that translates it. */
    public interface Visitor<R> {
        R and(List<Where> parts);

        R or(List<Where> parts);

        R condition(Condition condition);
    }

    /** Parses a {@code where} object of {@code model}; {@code null} or empty means {@link #ALL}. */
    public static Where parse(ModelDefinition model, Object json) {
        int[] terms = {0};
        return parse(model, json, 0, terms);
    }

    @SuppressWarnings("unchecked")
    private static Where parse(ModelDefinition model, Object json, int depth, int[] terms) {
        if (json == null) {
            return ALL;
        }
        if (!(json instanceof Map)) {
            throw bad(model, "where must be an object, got " + dev.isosync.json.Json.write(json));
        }
        if (depth > MAX_DEPTH) {
            throw bad(model, "where is nested deeper than " + MAX_DEPTH);
        }
        List<Where> parts = new ArrayList<>();
        for (Map.Entry<String, Object> e : ((Map<String, Object>) json).entrySet()) {
            String key = e.getKey();
            if (key.equals("and") || key.equals("or")) {
                if (!(e.getValue() instanceof List)) {
                    throw bad(model, "\"" + key + "\" takes an array of where objects");
                }
                List<Where> sub = new ArrayList<>();
                for (Object item : (List<Object>) e.getValue()) {
                    sub.add(parse(model, item, depth + 1, terms));
                }
                parts.add(key.equals("and") ? new And(sub) : new Or(sub));
            } else {
                Property p = model.property(key);
                if (p == null || p.isHidden()) {
                    throw bad(model, "unknown property \"" + key + "\" in where");
                }
                parts.add(Condition.parse(model, p, e.getValue(), terms));
            }
        }
        if (terms[0] > MAX_TERMS) {
            throw bad(model, "where has more than " + MAX_TERMS + " terms");
        }
        return parts.size() == 1 ? parts.get(0) : new And(parts);
    }

    /**
     * A where matching records whose {@code property} equals {@code value}. Unlike {@link #parse}, it may name a
     * hidden property: the server scopes by the hidden owner property (PROTOCOL.md 9.7), clients never can.
     */
    public static Where equal(Property property, Object value) {
        return new Condition(property, Condition.Op.EQ, Collections.singletonList(value));
    }

    /** A where that matches when both {@code a} and {@code b} do. */
    public static Where both(Where a, Where b) {
        List<Where> parts = new ArrayList<>(2);
        parts.add(a);
        parts.add(b);
        return new And(parts);
    }

    static SyncException bad(ModelDefinition model, String message) {
        return SyncException.badRequest("INVALID_FILTER", "Invalid filter for " + model.name() + ": " + message);
    }

    /** All parts match (an empty list matches everything). */
    public static final class And extends Where {
        private final List<Where> parts;

        And(List<Where> parts) {
            this.parts = parts;
        }

        @Override
        public boolean matches(Map<String, Object> record) {
            for (Where w : parts) {
                if (!w.matches(record)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.and(parts);
        }
    }

    /** Some part matches (an empty list matches nothing). */
    public static final class Or extends Where {
        private final List<Where> parts;

        Or(List<Where> parts) {
            this.parts = parts;
        }

        @Override
        public boolean matches(Map<String, Object> record) {
            for (Where w : parts) {
                if (w.matches(record)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.or(parts);
        }
    }
}
