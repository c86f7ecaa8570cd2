package dev.isosync.query;

import dev.isosync.json.Json;
import dev.isosync.model.ModelDefinition;
import dev.isosync.model.Property;
import dev.isosync.model.PropertyType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** One comparison of a property with values: {@code {"title":"a"}}, {@code {"created":{"gt":5}}}. */
public final class Condition extends Where {
    /** The operators of a condition. */
    public enum Op {
        EQ, NEQ, GT, GTE, LT, LTE, BETWEEN, INQ, NIN
    }

    private final Property property;
    private final Op op;
    private final List<Object> values;

    Condition(Property property, Op op, List<Object> values) {
        this.property = property;
        this.op = op;
        this.values = values;
    }

    public Property property() {
        return property;
    }

    public Op op() {
        return op;
    }

    /** The operand(s): one for comparisons, two for {@code between}, any number for {@code inq}/{@code nin}. */
    public List<Object> values() {
        return values;
    }

    @SuppressWarnings("unchecked")
    static Condition parse(ModelDefinition model, Property p, Object spec, int[] terms) {
        if (!(spec instanceof Map)) {
            terms[0]++;
            return new Condition(p, Op.EQ, Collections.singletonList(operand(model, p, spec)));
        }
        Map<String, Object> ops = (Map<String, Object>) spec;
        if (ops.size() != 1) {
            throw bad(model, "condition on \"" + p.name() + "\" must have exactly one operator, got "
                    + Json.write(spec));
        }
        Map.Entry<String, Object> e = ops.entrySet().iterator().next();
        Op op;
        try {
            op = Op.valueOf(e.getKey().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            throw bad(model, "unsupported operator \"" + e.getKey() + "\" on \"" + p.name() + "\"");
        }
        if (op == Op.EQ) {
            throw bad(model, "unsupported operator \"" + e.getKey() + "\" on \"" + p.name() + "\"");
        }
        List<Object> values = new ArrayList<>();
        if (op == Op.INQ || op == Op.NIN || op == Op.BETWEEN) {
            if (!(e.getValue() instanceof List)) {
                throw bad(model, "\"" + e.getKey() + "\" on \"" + p.name() + "\" takes an array");
            }
            for (Object v : (List<Object>) e.getValue()) {
                values.add(operand(model, p, v));
            }
            if (op == Op.BETWEEN && values.size() != 2) {
                throw bad(model, "\"between\" on \"" + p.name() + "\" takes two values");
            }
        } else {
            values.add(operand(model, p, e.getValue()));
        }
        terms[0] += Math.max(1, values.size());
        return new Condition(p, op, values);
    }

    private static Object operand(ModelDefinition model, Property p, Object v) {
        if (v == null) {
            return null;
        }
        if (p.type() == PropertyType.OBJECT || p.type() == PropertyType.ARRAY || v instanceof Map || v instanceof List) {
            throw bad(model, "cannot compare \"" + p.name() + "\" with " + Json.write(v));
        }
        // A date compares as its ISO string; other types must match exactly (no coercion, PROTOCOL.md 9.2.1)
        PropertyType t = p.type() == PropertyType.DATE ? PropertyType.STRING : p.type();
        if (t != PropertyType.ANY && !t.accepts(v)) {
            throw bad(model, "\"" + p.name() + "\" is a " + p.type().label() + ", cannot compare with " + Json.write(v));
        }
        return v;
    }

    @Override
    public boolean matches(Map<String, Object> record) {
        Object actual = record.get(property.name());
        switch (op) {
            case EQ:
                return same(actual, values.get(0));
            case NEQ:
                return !same(actual, values.get(0));
            case GT:
                return compare(actual, values.get(0)) > 0;
            case GTE:
                return compare(actual, values.get(0)) >= 0;
            case LT:
                return compare(actual, values.get(0)) < 0;
            case LTE:
                return compare(actual, values.get(0)) <= 0;
            case BETWEEN:
                return compare(actual, values.get(0)) >= 0 && compare(actual, values.get(1)) <= 0;
            case INQ:
                for (Object v : values) {
                    if (same(actual, v)) {
                        return true;
                    }
                }
                return false;
            default:
                for (Object v : values) {
                    if (same(actual, v)) {
                        return false;
                    }
                }
                return true;
        }
    }

    private static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number && b instanceof Number) {
            return ((Number) a).doubleValue() == ((Number) b).doubleValue();
        }
        return a.equals(b);
    }

    /**
     * Orders two values. A missing value or values of different kinds satisfy no range: they compare as
     * {@code NaN} does, which makes every {@code <}, {@code <=}, {@code >}, {@code >=} false.
     */
    private static double compare(Object a, Object b) {
        if (a == null || b == null) {
            return Double.NaN;
        }
        if (a instanceof Number && b instanceof Number) {
            // numeric order as JavaScript and SQL have it: -0 equals 0 (Double.compare would put it below)
            double x = ((Number) a).doubleValue();
            double y = ((Number) b).doubleValue();
            return x < y ? -1 : x > y ? 1 : 0;
        }
        if (a instanceof String && b instanceof String) {
            return ((String) a).compareTo((String) b);
        }
        if (a instanceof Boolean && b instanceof Boolean) {
            return Boolean.compare((Boolean) a, (Boolean) b);
        }
        return Double.NaN;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.condition(this);
    }
}
