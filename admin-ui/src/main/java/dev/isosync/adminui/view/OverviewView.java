package dev.isosync.adminui.view;

import dev.isosync.adminui.dom.Dom;
import dev.isosync.adminui.net.AdminHttp;
import java.util.Map;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * The store at a glance: its current checkpoint and identity, and per model its records, tombstones, changes
 * per minute over the last ten minutes and open conflicts.
 */
public final class OverviewView implements View {
    private final Dom dom;
    private final AdminHttp api;

    public OverviewView(Dom dom, AdminHttp api) {
        this.dom = dom;
        this.api = api;
    }

    @Override
    public String name() {
        return "overview";
    }

    @Override
    public void refresh() {
        Map<String, Object> body = Format.map(api.get("/admin/api/overview"));
        dom.byId("overview-checkpoint").setTextContent(Format.number(body.get("checkpoint")));
        dom.byId("overview-source").setTextContent(String.valueOf(body.get("sourceId")));
        dom.byId("overview-time").setTextContent(Format.time(body.get("time")) + " UTC");
        long records = 0;
        long conflicts = 0;
        HTMLElement rows = dom.byId("overview-models");
        Dom.clear(rows);
        for (Object o : Format.list(body.get("models"))) {
            Map<String, Object> m = Format.map(o);
            records += Format.whole(m.get("records"), 0);
            conflicts += Format.whole(m.get("openConflicts"), 0);
            HTMLElement tr = dom.el("tr", null);
            tr.setAttribute("data-model", (String) m.get("name"));
            tr.appendChild(dom.text("th", "name", m.get("name") + " (" + m.get("plural") + ")"));
            tr.appendChild(cell("records", Format.number(m.get("records"))));
            tr.appendChild(cell("tombstones", Format.number(m.get("tombstones"))));
            tr.appendChild(cell("checkpoint", Format.number(m.get("checkpoint"))));
            double rate = m.get("changesPerMinute") instanceof Number
                    ? ((Number) m.get("changesPerMinute")).doubleValue() : 0;
            tr.appendChild(cell("rate", Format.number(Math.round(rate * 10) / 10.0)));
            long open = Format.whole(m.get("openConflicts"), 0);
            HTMLElement openCell = cell("open-conflicts", String.valueOf(open));
            if (open > 0) {
                openCell.setClassName("num open-conflicts attention");
            }
            tr.appendChild(openCell);
            rows.appendChild(tr);
        }
        dom.byId("overview-records").setTextContent(String.valueOf(records));
        dom.byId("overview-conflicts").setTextContent(String.valueOf(conflicts));
    }

    private HTMLElement cell(String field, String text) {
        HTMLElement td = dom.text("td", "num " + field, text);
        td.setAttribute("data-field", field);
        return td;
    }
}
