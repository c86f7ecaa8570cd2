package dev.isosync.adminui.view;

import dev.isosync.adminui.dom.Dom;
import dev.isosync.adminui.net.EventSource;
import dev.isosync.json.Json;
import dev.isosync.json.JsonException;
import java.util.Map;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * The live feed: every write the server makes, as its models' change streams announce them, newest first. It
 * listens to the admin API's streams ({@code /admin/api/models/<model>/change-stream}), not the models' own: those
 * need the models' ACLs, which the sign-in cookie (scoped to {@code /admin}) cannot meet, and on a model with an
 * owner property show only the caller's records. It listens from the moment the console opens, whichever tab is
 * shown; the browser's EventSource reconnects by itself.
 */
public final class LiveFeed {
    /** Entries kept; older ones drop off the end. */
    static final int MAX_ENTRIES = 200;

    private final Dom dom;
    private int open;
    private int models;

    public LiveFeed(Dom dom) {
        this.dom = dom;
    }

    /** Starts listening to one model's stream. */
    public void listen(String model) {
        models++;
        EventSource source = new EventSource("/admin/api/models/" + encode(model) + "/change-stream");
        source.onState("open", evt -> {
            open++;
            state();
        });
        source.onState("error", evt -> {
            open = Math.max(0, open - 1);
            state();
        });
        source.addEventListener("data", evt -> add(model, evt.getDataAsString()));
        state();
    }

    private void state() {
        dom.byId("live-state").setTextContent(open >= models && models > 0
                ? "Listening to " + Format.count(models, "model", "models") + "."
                : "Connecting to the change streams…");
        dom.byId("live-state").setAttribute("data-open", String.valueOf(open));
    }

    private void add(String model, String data) {
        HTMLElement list = dom.byId("live-feed");
        HTMLElement item = dom.el("li", "event");
        item.setAttribute("data-model", model);
        item.appendChild(dom.text("span", "at", Format.clock(Format.nowIso())));
        item.appendChild(dom.text("span", "model", model));
        try {
            Map<String, Object> event = Format.map(Json.parse(data));
            String type = String.valueOf(event.get("type"));
            String target = String.valueOf(event.get("target"));
            item.setAttribute("data-type", type);
            item.setAttribute("data-target", target);
            item.appendChild(dom.text("span", "type " + type, type));
            item.appendChild(dom.text("span", "target", target));
            Object record = event.get("data");
            item.appendChild(dom.text("span", "data", record == null ? "" : Json.write(record)));
        } catch (JsonException | ClassCastException e) {
            item.appendChild(dom.text("span", "data", "unreadable event: " + data));
        }
        list.insertBefore(item, list.getFirstChild());
        while (list.getChildNodes().getLength() > MAX_ENTRIES) {
            list.removeChild(list.getLastChild());
        }
        HTMLElement empty = dom.byId("live-empty");
        empty.setHidden(true);
    }

    @org.teavm.jso.JSBody(params = "s", script = "return encodeURIComponent(s);")
    private static native String encode(String s);
}
