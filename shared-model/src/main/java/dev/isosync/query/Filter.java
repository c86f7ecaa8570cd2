package dev.isosync.query;

import dev.isosync.json.Json;
import dev.isosync.model.ModelDefinition;
import dev.isosync.model.Property;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed LoopBack filter: {@code where}, {@code order}, {@code limit}, {@code skip} (or {@code offset})
 * and {@code fields}. Unknown keys and properties are refused with a 400 naming them.
 */
public final class Filter {
    /** Everything, in id order. */
    public static final Filter ALL = new Filter(Where.ALL, Collections.emptyList(), -1, 0, null, null);

    private final Where where;
    private final List<Order> order;
    private final int limit;
    private final int skip;
    private final List<String> fields;
    private final Object json;

    private Filter(Where where, List<Order> order, int limit, int skip, List<String> fields, Object json) {
        this.json = json;
        this.where = where;
        this.order = order;
        this.limit = limit;
        this.skip = skip;
        this.fields = fields;
    }

    /** A filter with only a where clause. */
    public static Filter where(Where where) {
        return new Filter(where, Collections.emptyList(), -1, 0, null, null);
    }

    /** Parses a filter object of {@code model}; {@code null} is {@link #ALL}. */
    @SuppressWarnings("unchecked")
    public static Filter parse(ModelDefinition model, Object json) {
        if (json == null) {
            return ALL;
        }
        if (!(json instanceof Map)) {
            throw Where.bad(model, "filter must be an object, got " + Json.write(json));
        }
        Where where = Where.ALL;
        List<Order> order = new ArrayList<>();
        int limit = -1;
        int skip = 0;
        List<String> fields = null;
        for (Map.Entry<String, Object> e : ((Map<String, Object>) json).entrySet()) {
            Object v = e.getValue();
            switch (e.getKey()) {
                case "where":
                    where = Where.parse(model, v);
                    break;
                case "order":
                    order = parseOrder(model, v);
                    break;
                case "limit":
                    limit = count(model, "limit", v);
                    break;
                case "skip":
                case "offset":
                    skip = count(model, e.getKey(), v);
                    break;
                case "fields":
                    fields = parseFields(model, v);
                    break;
                case "include":
                    if (v != null) {
                        throw Where.bad(model, "\"include\" is not supported: the model has no relations");
                    }
                    break;
                default:
                    throw Where.bad(model, "unknown filter key \"" + e.getKey() + "\"");
            }
        }
        return new Filter(where, order, limit, skip, fields, json);
    }

    /** The JSON this filter was parsed from, or {@code null} when it was built in code. */
    public Object json() {
        return json;
    }

    public Where where() {
        return where;
    }

    /** Sort keys, first to last; empty means the store's natural (id) order. */
    public List<Order> order() {
        return order;
    }

    /** The most records to return, or -1 for no limit. */
    public int limit() {
        return limit;
    }

    /**
     * The part of an ordered list that {@code skip} and {@code limit} select, as a new list; the one place every
     * store and replica pages a list it ordered itself.
     */
    public <T> List<T> page(List<T> ordered) {
        int from = Math.min(skip, ordered.size());
        int to = limit < 0 ? ordered.size() : (int) Math.min((long) from + limit, ordered.size());
        return new ArrayList<>(ordered.subList(from, to));
    }

    public int skip() {
        return skip;
    }

    /** The properties to return, or {@code null} for all. */
    public List<String> fields() {
        return fields;
    }

    /** The same filter with another where clause. */
    public Filter withWhere(Where value) {
        return new Filter(value, order, limit, skip, fields, null);
    }

    /** Keeps only the requested fields of a record (the record itself when {@code fields} is unset). */
    public Map<String, Object> project(Map<String, Object> record) {
        if (fields == null) {
            return record;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : record.entrySet()) {
            if (fields.contains(e.getKey())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private static int count(ModelDefinition model, String key, Object v) {
        if (v == null) {
            return key.equals("limit") ? -1 : 0;
        }
        if (!(v instanceof Number)) {
            throw Where.bad(model, "\"" + key + "\" must be a number, got " + Json.write(v));
        }
        double d = ((Number) v).doubleValue();
        if (d < 0 || d != Math.floor(d) || d > Integer.MAX_VALUE) {
            throw Where.bad(model, "\"" + key + "\" must be a whole number from 0, got " + Json.write(v));
        }
        return (int) d;
    }

    @SuppressWarnings("unchecked")
    private static List<Order> parseOrder(ModelDefinition model, Object v) {
        List<Object> items = new ArrayList<>();
        if (v instanceof String) {
            items.add(v);
        } else if (v instanceof List) {
            items.addAll((List<Object>) v);
        } else if (v != null) {
            throw Where.bad(model, "\"order\" must be a string or an array of strings");
        }
        List<Order> out = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof String)) {
                throw Where.bad(model, "\"order\" must be a string or an array of strings");
            }
            String[] parts = ((String) item).trim().split(" +");
            boolean descending = false;
            if (parts.length == 2 && (parts[1].equalsIgnoreCase("DESC") || parts[1].equalsIgnoreCase("ASC"))) {
                descending = parts[1].equalsIgnoreCase("DESC");
            } else if (parts.length != 1) {
                throw Where.bad(model, "\"order\" entry \"" + item + "\" must be \"<property> [ASC|DESC]\"");
            }
            Property p = model.property(parts[0]);
            if (p == null || p.isHidden()) {
                throw Where.bad(model, "unknown property \"" + parts[0] + "\" in order");
            }
            out.add(new Order(p, descending));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<String> parseFields(ModelDefinition model, Object v) {
        if (v == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        if (v instanceof List) {
            for (Object o : (List<Object>) v) {
                names.add(fieldName(model, o));
            }
            return names;
        }
        if (v instanceof Map) {
            boolean anyTrue = false;
            List<String> excluded = new ArrayList<>();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
                fieldName(model, e.getKey());
                if (Boolean.TRUE.equals(e.getValue())) {
                    anyTrue = true;
                    names.add(e.getKey());
                } else if (Boolean.FALSE.equals(e.getValue())) {
                    excluded.add(e.getKey());
                } else {
                    throw Where.bad(model, "\"fields\" values must be true or false");
                }
            }
            if (anyTrue) {
                return names;
            }
            List<String> rest = new ArrayList<>();
            for (Property p : model.properties()) {
                if (!excluded.contains(p.name())) {
                    rest.add(p.name());
                }
            }
            return rest;
        }
        throw Where.bad(model, "\"fields\" must be an object or an array");
    }

    private static String fieldName(ModelDefinition model, Object o) {
        if (!(o instanceof String) || model.property((String) o) == null || model.property((String) o).isHidden()) {
            throw Where.bad(model, "unknown property " + Json.write(o) + " in fields");
        }
        return (String) o;
    }

    /** One sort key. */
    public static final class Order {
        private final Property property;
        private final boolean descending;

        public Order(Property property, boolean descending) {
            this.property = property;
            this.descending = descending;
        }

        public Property property() {
            return property;
        }

        public boolean descending() {
            return descending;
        }
    }
}
