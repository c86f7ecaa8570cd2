package dev.isosync.adminui.view;

import dev.isosync.adminui.dom.Dom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * Versions of one record side by side, a row per field, the fields in which the server's and the client's
 * version differ marked ({@code tr.differs}, {@code data-differs="true"}). Each column is a version; a version
 * without a record (deleted) or not known shows that instead of values.
 */
final class VersionTable {
    /** One column: a heading and a record; {@code absent} says why there is no record. */
    static final class Column {
        final String key;
        final String heading;
        final Map<String, Object> data;
        final String absent;

        /**
         * @param key     the cells' class, e.g. {@code server}
         * @param heading the column's heading
         * @param data    the record, or {@code null}
         * @param absent  shown in every cell when {@code data} is null, e.g. "deleted"
         */
        Column(String key, String heading, Map<String, Object> data, String absent) {
            this.key = key;
            this.heading = heading;
            this.data = data;
            this.absent = absent;
        }
    }

    private VersionTable() {
    }

    /**
     * @param differing the fields that differ, or {@code null} when that is unknown
     */
    static HTMLElement of(Dom dom, List<String> differing, Column... columns) {
        HTMLElement table = dom.el("table", "versions");
        HTMLElement head = dom.el("tr", null);
        head.appendChild(dom.text("th", "field", "Field"));
        for (Column c : columns) {
            head.appendChild(dom.text("th", c.key, c.heading));
        }
        HTMLElement thead = dom.el("thead", null);
        thead.appendChild(head);
        table.appendChild(thead);
        HTMLElement body = dom.el("tbody", null);
        for (String field : fields(differing, columns)) {
            boolean differs = differing != null && differing.contains(field);
            HTMLElement row = dom.el("tr", differs ? "differs" : null);
            row.setAttribute("data-field", field);
            row.setAttribute("data-differs", String.valueOf(differs));
            row.appendChild(dom.text("th", "field", field));
            for (Column c : columns) {
                HTMLElement cell;
                if (c.data == null) {
                    cell = dom.text("td", c.key + " absent", c.absent);
                } else {
                    Object v = c.data.get(field);
                    cell = dom.text("td", c.key + (v == null ? " null" : ""), Format.value(v));
                }
                row.appendChild(cell);
            }
            body.appendChild(row);
        }
        table.appendChild(body);
        return table;
    }

    /** Every field any version has, in the order the records list them. */
    static List<String> fields(List<String> differing, Column... columns) {
        Set<String> names = new LinkedHashSet<>();
        for (Column c : columns) {
            if (c.data != null) {
                names.addAll(c.data.keySet());
            }
        }
        if (differing != null) {
            names.addAll(differing);
        }
        return new ArrayList<>(names);
    }
}
