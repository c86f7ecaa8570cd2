package dev.isosync.server.store;

import dev.isosync.model.Property;
import dev.isosync.model.PropertyType;
import dev.isosync.query.Condition;
import dev.isosync.query.Where;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code where} clause as SQL with bound parameters, giving exactly the rows {@link Where#matches} accepts.
 * Column names come from the model definition and are quoted; values are only ever parameters.
 *
 * <p>SQL's three-valued logic differs from {@link Condition}'s, so each operator spells out its nulls:
 * {@code neq} and {@code nin} match a null column (unless null is among their values), ranges never match
 * one, {@code eq null} is {@code IS NULL}, an empty {@code inq} matches nothing and an empty {@code nin}
 * everything. No {@code NOT} is ever generated, so where a comparison with a null column is unknown, it
 * acts as false at every level of {@code and}/{@code or}, as the memory store's comparison does.
 *
 * <p>Conditions on object, array and {@code any} properties are not translated (their columns hold JSON
 * text, which SQL cannot compare as JavaScript values): {@link #translate} returns {@code null} and the store
 * filters those in Java.
 */
final class WhereSql {
    private static final String TRUE = "1 = 1";
    private static final String FALSE = "1 = 0";

    final String sql;
    /** Parameters in order: String, Double or Boolean. */
    final List<Object> params;

    private WhereSql(String sql, List<Object> params) {
        this.sql = sql;
        this.params = params;
    }

    /** The clause as SQL, or {@code null} when part of it has to be evaluated in Java. */
    static WhereSql translate(ModelTable table, Where where) {
        List<Object> params = new ArrayList<>();
        String sql = where.accept(new Translator(table, params));
        return sql == null ? null : new WhereSql(sql, params);
    }

    private static final class Translator implements Where.Visitor<String> {
        private final ModelTable table;
        private final List<Object> params;

        Translator(ModelTable table, List<Object> params) {
            this.table = table;
            this.params = params;
        }

        @Override
        public String and(List<Where> parts) {
            return join(parts, " AND ", TRUE);
        }

        @Override
        public String or(List<Where> parts) {
            return join(parts, " OR ", FALSE);
        }

        private String join(List<Where> parts, String operator, String empty) {
            if (parts.isEmpty()) {
                return empty;
            }
            List<String> sql = new ArrayList<>();
            for (Where w : parts) {
                String s = w.accept(this);
                if (s == null) {
                    return null;
                }
                sql.add(s);
            }
            return sql.size() == 1 ? sql.get(0) : "(" + String.join(operator, sql) + ")";
        }

        @Override
        public String condition(Condition c) {
            Property p = c.property();
            if (!ModelTable.isScalar(p)) {
                return null;
            }
            String col = table.column(p);
            List<Object> values = c.values();
            switch (c.op()) {
                case EQ:
                    return values.get(0) == null ? col + " IS NULL" : col + " = " + param(p, values.get(0));
                case NEQ:
                    return values.get(0) == null ? col + " IS NOT NULL"
                            : "(" + col + " IS NULL OR " + col + " <> " + param(p, values.get(0)) + ")";
                case GT:
                    return range(col, ">", p, values.get(0));
                case GTE:
                    return range(col, ">=", p, values.get(0));
                case LT:
                    return range(col, "<", p, values.get(0));
                case LTE:
                    return range(col, "<=", p, values.get(0));
                case BETWEEN:
                    if (values.get(0) == null || values.get(1) == null) {
                        return FALSE;
                    }
                    return "(" + col + " >= " + param(p, values.get(0)) + " AND " + col + " <= "
                            + param(p, values.get(1)) + ")";
                case INQ:
                    return in(col, p, values, false);
                default:
                    return in(col, p, values, true);
            }
        }

        /** A range never matches null, on either side (Condition compares as NaN does). */
        private String range(String col, String operator, Property p, Object value) {
            return value == null ? FALSE : col + " " + operator + " " + param(p, value);
        }

        private String in(String col, Property p, List<Object> values, boolean negated) {
            boolean hasNull = false;
            List<String> marks = new ArrayList<>();
            for (Object v : values) {
                if (v == null) {
                    hasNull = true;
                } else {
                    marks.add(param(p, v));
                }
            }
            String list = marks.isEmpty() ? null
                    : col + (negated ? " NOT IN (" : " IN (") + String.join(", ", marks) + ")";
            if (!negated) {
                if (list == null) {
                    return hasNull ? col + " IS NULL" : FALSE;
                }
                return hasNull ? "(" + col + " IS NULL OR " + list + ")" : list;
            }
            if (list == null) {
                return hasNull ? col + " IS NOT NULL" : TRUE;
            }
            return hasNull ? "(" + col + " IS NOT NULL AND " + list + ")" : "(" + col + " IS NULL OR " + list + ")";
        }

        private String param(Property p, Object value) {
            // the parser has checked the operand's type against the property (no coercion, PROTOCOL.md 9.2.1)
            params.add(p.type() == PropertyType.NUMBER ? (Object) ((Number) value).doubleValue() : value);
            return "?";
        }
    }
}
