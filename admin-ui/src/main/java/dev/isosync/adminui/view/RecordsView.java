package dev.isosync.adminui.view;

import dev.isosync.adminui.dom.Dom;
import dev.isosync.adminui.net.AdminHttp;
import dev.isosync.adminui.net.ApiException;
import dev.isosync.json.Json;
import dev.isosync.json.JsonException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.teavm.jso.dom.events.KeyboardEvent;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;
import org.teavm.jso.dom.html.HTMLSelectElement;

/**
 * A model's records, each with its change row (rev, prev, checkpoint), and its newest tombstones. The server
 * applies a LoopBack filter ({@code {"where":{"completed":true},"order":"title ASC","limit":20}}); the search
 * box then narrows the rows shown to those whose id or values contain the text.
 */
public final class RecordsView implements View {
    private final Dom dom;
    private final AdminHttp api;
    private String shown = "";

    public RecordsView(Dom dom, AdminHttp api) {
        this.dom = dom;
        this.api = api;
        Runnable apply = () -> new Thread(() -> {
            shown = "";
            try {
                refresh();
            } catch (ApiException e) {
                Dom.message(dom.byId("records-problem"), e.getMessage());
            }
        }).start();
        dom.byId("records-apply").addEventListener("click", evt -> apply.run());
        dom.byId("records-model").addEventListener("change", evt -> apply.run());
        for (String id : new String[] {"records-filter", "records-search"}) {
            dom.byId(id).addEventListener("keydown", evt -> {
                if ("Enter".equals(((KeyboardEvent) evt).getKey())) {
                    apply.run();
                }
            });
        }
    }

    @Override
    public String name() {
        return "records";
    }

    @Override
    public void refresh() {
        HTMLSelectElement select = (HTMLSelectElement) dom.byId("records-model");
        if (select.getOptions().getLength() == 0) {
            for (Object o : Format.list(Format.map(api.get("/admin/api/overview")).get("models"))) {
                String name = (String) Format.map(o).get("name");
                HTMLElement option = dom.text("option", null, name);
                option.setAttribute("value", name);
                select.appendChild(option);
            }
        }
        String model = select.getValue();
        HTMLElement problem = dom.byId("records-problem");
        if (model == null || model.isEmpty()) {
            Dom.message(problem, "This server serves no model.");
            return;
        }
        String filter = ((HTMLInputElement) dom.byId("records-filter")).getValue().trim();
        if (!filter.isEmpty()) {
            try {
                Json.parse(filter);
            } catch (JsonException e) {
                Dom.message(problem, "The filter is not JSON (" + e.getMessage() + "). Write a LoopBack filter such "
                        + "as {\"where\":{\"completed\":true},\"limit\":20}.");
                return;
            }
        }
        String search = ((HTMLInputElement) dom.byId("records-search")).getValue().trim();
        Map<String, Object> body = Format.map(api.get("/admin/api/models/" + encode(model) + "/records"
                + (filter.isEmpty() ? "" : "?filter=" + encode(filter))));
        Dom.message(problem, null);
        String signature = search + "\n" + Json.write(body);
        if (signature.equals(shown)) {
            return;
        }
        shown = signature;
        List<Map<String, Object>> records = new ArrayList<>();
        for (Object o : Format.list(body.get("records"))) {
            Map<String, Object> r = Format.map(o);
            if (matches(r, search)) {
                records.add(r);
            }
        }
        List<Object> tombstones = Format.list(body.get("tombstones"));
        int total = Format.list(body.get("records")).size();
        dom.byId("records-summary").setTextContent(Format.count(total, "record", "records")
                + (search.isEmpty() ? "" : " (" + records.size() + " shown)") + " · "
                + Format.count(Format.whole(body.get("tombstoneCount"), 0), "tombstone", "tombstones")
                + " · store checkpoint " + Format.number(body.get("checkpoint")));
        drawRecords(records);
        drawTombstones(tombstones, search);
    }

    private void drawRecords(List<Map<String, Object>> records) {
        Set<String> names = new LinkedHashSet<>();
        for (Map<String, Object> r : records) {
            Map<String, Object> data = Format.map(r.get("data"));
            if (data != null) {
                names.addAll(data.keySet());
            }
        }
        names.remove("id");
        HTMLElement head = dom.byId("records-head");
        Dom.clear(head);
        HTMLElement tr = dom.el("tr", null);
        tr.appendChild(dom.text("th", null, "id"));
        for (String n : names) {
            tr.appendChild(dom.text("th", null, n));
        }
        for (String n : new String[] {"rev", "prev", "checkpoint"}) {
            tr.appendChild(dom.text("th", "change", n));
        }
        head.appendChild(tr);
        HTMLElement rows = dom.byId("records-rows");
        Dom.clear(rows);
        for (Map<String, Object> r : records) {
            Map<String, Object> data = Format.map(r.get("data"));
            HTMLElement row = dom.el("tr", null);
            row.setAttribute("data-model-id", (String) r.get("modelId"));
            row.appendChild(dom.text("td", "id", (String) r.get("modelId")));
            for (String n : names) {
                Object v = data == null ? null : data.get(n);
                HTMLElement td = dom.text("td", v == null ? "null" : null, Format.value(v));
                td.setAttribute("data-field", n);
                row.appendChild(td);
            }
            appendChange(row, Format.map(r.get("change")));
            rows.appendChild(row);
        }
    }

    private void drawTombstones(List<Object> tombstones, String search) {
        HTMLElement rows = dom.byId("tombstones-rows");
        Dom.clear(rows);
        for (Object o : tombstones) {
            Map<String, Object> t = Format.map(o);
            if (!search.isEmpty() && !((String) t.get("modelId")).contains(search)) {
                continue;
            }
            HTMLElement row = dom.el("tr", null);
            row.setAttribute("data-model-id", (String) t.get("modelId"));
            row.appendChild(dom.text("td", "id", (String) t.get("modelId")));
            appendChange(row, Format.map(t.get("change")));
            rows.appendChild(row);
        }
    }

    private void appendChange(HTMLElement row, Map<String, Object> change) {
        for (String n : new String[] {"rev", "prev"}) {
            Object v = change == null ? null : change.get(n);
            HTMLElement td = dom.text("td", "change " + n, Format.rev(v));
            if (v instanceof String) {
                td.setAttribute("title", (String) v);
                td.setAttribute("data-" + n, (String) v);
            }
            row.appendChild(td);
        }
        row.appendChild(dom.text("td", "num change checkpoint", Format.number(change == null ? null
                : change.get("checkpoint"))));
    }

    private static boolean matches(Map<String, Object> record, String search) {
        if (search.isEmpty() || ((String) record.get("modelId")).contains(search)) {
            return true;
        }
        Map<String, Object> data = Format.map(record.get("data"));
        if (data != null) {
            for (Object v : data.values()) {
                if (Format.value(v).contains(search)) {
                    return true;
                }
            }
        }
        return false;
    }

    @org.teavm.jso.JSBody(params = "s", script = "return encodeURIComponent(s);")
    private static native String encode(String s);
}
