package dev.isosync.memory;

import dev.isosync.query.Filter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Sorts records by a filter's {@code order}, nulls first as SQL's ascending order on the stores does. Public
 * so that a store which cannot sort some property in its own query language sorts it the same way.
 */
public final class RecordOrder {
    private RecordOrder() {
    }

    /** A comparator for {@code order}: its keys first to last, each ascending or descending. */
    public static Comparator<Map<String, Object>> of(List<Filter.Order> order) {
        return (a, b) -> {
            for (Filter.Order o : order) {
                int c = compare(a.get(o.property().name()), b.get(o.property().name()));
                if (c != 0) {
                    return o.descending() ? -c : c;
                }
            }
            return 0;
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object x, Object y) {
        if (x == null || y == null) {
            return x == null ? (y == null ? 0 : -1) : 1;
        }
        if (x instanceof Number && y instanceof Number) {
            return Double.compare(((Number) x).doubleValue(), ((Number) y).doubleValue());
        }
        if (x instanceof Comparable && x.getClass() == y.getClass()) {
            return ((Comparable) x).compareTo(y);
        }
        return x.getClass().getName().compareTo(y.getClass().getName());
    }
}
