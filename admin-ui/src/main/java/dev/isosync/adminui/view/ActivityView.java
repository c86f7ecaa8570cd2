package dev.isosync.adminui.view;

import dev.isosync.adminui.dom.Dom;
import dev.isosync.adminui.net.AdminHttp;
import java.util.List;
import java.util.Map;
import org.teavm.jso.dom.html.HTMLSelectElement;

/** Sync activity over time, per minute ({@code /admin/api/activity}), as a chart and totals; beside the live feed. */
public final class ActivityView implements View {
    private final Dom dom;
    private final AdminHttp api;

    public ActivityView(Dom dom, AdminHttp api) {
        this.dom = dom;
        this.api = api;
        dom.byId("activity-minutes").addEventListener("change", evt -> new Thread(this::refresh).start());
    }

    @Override
    public String name() {
        return "activity";
    }

    @Override
    public void refresh() {
        String minutes = ((HTMLSelectElement) dom.byId("activity-minutes")).getValue();
        Map<String, Object> body = Format.map(api.get("/admin/api/activity?minutes=" + minutes));
        List<Object> buckets = Format.list(body.get("buckets"));
        long changes = 0;
        long syncs = 0;
        long conflicts = 0;
        for (Object o : buckets) {
            Map<String, Object> b = Format.map(o);
            changes += Format.whole(b.get("changes"), 0);
            syncs += Format.whole(b.get("syncs"), 0);
            conflicts += Format.whole(b.get("conflicts"), 0);
        }
        ActivityChart.draw(dom, dom.byId("activity-chart"), buckets);
        dom.byId("activity-totals").setTextContent("Last " + Format.duration(Long.parseLong(minutes) * 60) + ": "
                + Format.count(syncs, "sync request", "sync requests") + " · " + Format.count(changes, "record changed",
                "records changed") + " · " + Format.count(conflicts, "new conflict", "new conflicts"));
        HTMLSelectElement select = (HTMLSelectElement) dom.byId("activity-minutes");
        select.setAttribute("data-loaded", minutes);
    }
}
