package dev.isosync.adminui.view;

import dev.isosync.adminui.dom.Dom;
import dev.isosync.adminui.net.AdminHttp;
import dev.isosync.json.Json;
import java.util.List;
import java.util.Map;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * Resolved conflicts, newest first: how each was resolved and when, with the server's and the client's version
 * as they were and the version that was kept.
 */
public final class HistoryView implements View {
    private final Dom dom;
    private final AdminHttp api;
    private String shown = "";

    public HistoryView(Dom dom, AdminHttp api) {
        this.dom = dom;
        this.api = api;
    }

    @Override
    public String name() {
        return "history";
    }

    @Override
    public void refresh() {
        List<Object> conflicts = Format.list(Format.map(api.get("/admin/api/conflicts?state=resolved"))
                .get("conflicts"));
        String signature = Json.write(conflicts);
        if (signature.equals(shown)) {
            return;
        }
        shown = signature;
        dom.byId("history-summary").setTextContent(conflicts.isEmpty() ? "No conflict has been resolved yet."
                : Format.count(conflicts.size(), "resolved conflict", "resolved conflicts") + ", newest first.");
        HTMLElement list = dom.byId("history-list");
        Dom.clear(list);
        for (Object o : conflicts) {
            list.appendChild(entry(Format.map(o)));
        }
    }

    /** How the conflict ended, in words: an admin's choice, or the client resolving it itself. */
    private static String badge(String resolution) {
        switch (resolution) {
            case "server":
                return "kept the server's";
            case "client":
                return "took the client's";
            case "client-pushed":
                return "resolved by the client, pushed";
            case "client-reported":
                return "resolved by the client";
            default:
                return "merged";
        }
    }

    private HTMLElement entry(Map<String, Object> c) {
        String id = Format.number(c.get("id"));
        String resolution = (String) c.get("resolution");
        HTMLElement card = dom.el("article", "conflict resolved");
        card.setAttribute("data-conflict-id", id);
        card.setAttribute("data-model-id", (String) c.get("modelId"));
        card.setAttribute("data-resolution", resolution);
        HTMLElement title = dom.el("h3", null);
        title.appendChild(dom.text("span", "model", (String) c.get("model")));
        title.appendChild(dom.text("span", "model-id", (String) c.get("modelId")));
        title.appendChild(dom.text("span", "resolution badge", badge(resolution)));
        card.appendChild(title);
        card.appendChild(dom.text("p", "meta", "Conflict " + id + " · client " + c.get("clientId") + " · found by "
                + c.get("source") + " at " + Format.time(c.get("detectedAt")) + " · resolved at "
                + Format.time(c.get("resolvedAt"))));
        Map<String, Object> server = Format.map(c.get("serverVersion"));
        Map<String, Object> client = Format.map(c.get("clientVersion"));
        @SuppressWarnings("unchecked")
        List<String> differing = (List<String>) (List<?>) Format.list(c.get("differingFields"));
        card.appendChild(VersionTable.of(dom, differing,
                new VersionTable.Column("server", "Server, then", server == null ? null
                        : Format.map(server.get("data")), "deleted"),
                new VersionTable.Column("client", "Client", client == null ? null : Format.map(client.get("data")),
                        client == null ? "not sent" : "deleted"),
                new VersionTable.Column("kept", "Kept (rev " + Format.rev(c.get("resolvedRev")) + ")",
                        Format.map(c.get("resolvedData")), "deleted")));
        return card;
    }
}
