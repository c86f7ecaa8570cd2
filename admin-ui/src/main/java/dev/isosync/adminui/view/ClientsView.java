package dev.isosync.adminui.view;

import dev.isosync.adminui.dom.Dom;
import dev.isosync.adminui.net.AdminHttp;
import dev.isosync.adminui.net.ApiException;
import java.util.List;
import java.util.Map;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;

/**
 * Every replicating client: who it is, when it was first and last seen, the server checkpoint its last pull
 * reached and how far behind the server it is (in checkpoints and in time), its own checkpoint of what it last
 * pushed, its requests and errors. A client that has not synced (pulled or pushed) for longer than the
 * stale-after setting is marked stale, however recently it was seen; the setting starts at the server's
 * ({@code --stale-after}) and can be changed here for this page.
 */
public final class ClientsView implements View {
    private final Dom dom;
    private final AdminHttp api;
    /** Seconds typed into the stale-after setting, or {@code null} for the server's. */
    private Long staleAfter;
    /** Whether the setting shows the server's value yet; set once, so a refresh never overwrites typing. */
    private boolean settingFilled;

    public ClientsView(Dom dom, AdminHttp api) {
        this.dom = dom;
        this.api = api;
        HTMLInputElement input = (HTMLInputElement) dom.byId("stale-after");
        input.addEventListener("change", evt -> new Thread(() -> {
            String typed = input.getValue().trim();
            HTMLElement problem = dom.byId("clients-problem");
            if (typed.isEmpty()) {
                staleAfter = null;
            } else {
                long seconds;
                try {
                    seconds = Long.parseLong(typed);
                } catch (NumberFormatException e) {
                    seconds = -1;
                }
                if (seconds < 0) {
                    Dom.message(problem, "Stale after must be a whole number of seconds, 0 or more; got " + typed);
                    return;
                }
                staleAfter = seconds;
            }
            Dom.message(problem, null);
            try {
                refresh();
            } catch (ApiException e) {
                Dom.message(problem, e.getMessage());
            }
        }).start());
    }

    @Override
    public String name() {
        return "clients";
    }

    @Override
    public void refresh() {
        Map<String, Object> body = Format.map(api.get("/admin/api/clients"
                + (staleAfter == null ? "" : "?staleAfter=" + staleAfter)));
        long stale = Format.whole(body.get("staleAfter"), 0);
        HTMLInputElement input = (HTMLInputElement) dom.byId("stale-after");
        if (!settingFilled) {
            input.setValue(String.valueOf(stale));
            settingFilled = true;
        }
        dom.byId("stale-after-human").setTextContent("(" + Format.duration(stale) + ")");
        List<Object> clients = Format.list(body.get("clients"));
        Object now = body.get("time");
        HTMLElement rows = dom.byId("clients-rows");
        Dom.clear(rows);
        int staleCount = 0;
        for (Object o : clients) {
            Map<String, Object> c = Format.map(o);
            boolean isStale = Boolean.TRUE.equals(c.get("stale"));
            staleCount += isStale ? 1 : 0;
            HTMLElement tr = dom.el("tr", isStale ? "stale" : null);
            tr.setAttribute("data-client-id", (String) c.get("id"));
            tr.setAttribute("data-stale", String.valueOf(isStale));
            HTMLElement who = dom.el("td", "client");
            who.appendChild(dom.text("span", "client-id", (String) c.get("id")));
            who.appendChild(dom.text("span", "kind", (String) c.get("kind")));
            tr.appendChild(who);
            tr.appendChild(dom.text("td", "first-seen", Format.time(c.get("firstSeen"))));
            long ago = (long) (Format.between(c.get("lastSeen"), now) / 1000);
            tr.appendChild(dom.text("td", "last-seen", Format.time(c.get("lastSeen")) + " (" + Format.duration(
                    Math.max(0, ago)) + " ago)"));
            tr.appendChild(dom.text("td", "num pulled", Format.number(c.get("lastPulledCheckpoint"))));
            tr.appendChild(dom.text("td", "lag", c.get("lagCheckpoints") == null ? "never pulled"
                    : Format.count(Format.whole(c.get("lagCheckpoints"), 0), "checkpoint", "checkpoints") + " · "
                    + Format.duration(Format.whole(c.get("lagSeconds"), 0))));
            tr.appendChild(dom.text("td", "num pushed", Format.number(c.get("lastPushedCheckpoint"))));
            tr.appendChild(dom.text("td", "num requests", Format.number(c.get("requests"))));
            tr.appendChild(dom.text("td", "num errors", Format.number(c.get("errors"))));
            HTMLElement state = dom.text("td", "state", isStale ? "stale" : "active");
            Object synced = c.get("lastSyncedAt");
            state.setAttribute("title", synced == null ? "never synced" : "last synced " + Format.time(synced)
                    + " (" + Format.duration(Math.max(0, (long) (Format.between(synced, now) / 1000))) + " ago)");
            tr.appendChild(state);
            rows.appendChild(tr);
        }
        dom.byId("clients-summary").setTextContent(Format.count(clients.size(), "client", "clients") + ", "
                + staleCount + " stale · server checkpoint " + Format.number(body.get("serverCheckpoint")));
    }
}
