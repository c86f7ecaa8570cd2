package dev.isosync.adminui.view;

import dev.isosync.adminui.dom.Dom;
import dev.isosync.adminui.net.AdminHttp;
import dev.isosync.adminui.net.ApiException;
import dev.isosync.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * The inbox of open conflicts: per conflict the server's and the client's version side by side with the
 * differing fields marked, and three ways out: keep the server's version, take the client's, or save an
 * edited merge. A resolution becomes the server's current version; the client that had the conflict learns
 * of it on its next sync. While a merge is being edited the list is not redrawn, so the typing survives.
 */
public final class ConflictsView implements View {
    private final Dom dom;
    private final AdminHttp api;
    private final Runnable afterResolve;
    private String shown = "";
    /** The conflict whose merge is being edited, or {@code null}. */
    private String editing;

    /**
     * @param afterResolve told after every resolution (the history and the counts change)
     */
    public ConflictsView(Dom dom, AdminHttp api, Runnable afterResolve) {
        this.dom = dom;
        this.api = api;
        this.afterResolve = afterResolve;
    }

    @Override
    public String name() {
        return "conflicts";
    }

    @Override
    public void refresh() {
        List<Object> conflicts = Format.list(Format.map(api.get("/admin/api/conflicts?state=open")).get("conflicts"));
        String signature = Json.write(conflicts);
        if (editing != null || signature.equals(shown)) {
            return;
        }
        shown = signature;
        dom.byId("conflicts-summary").setTextContent(conflicts.isEmpty() ? "No open conflicts."
                : Format.count(conflicts.size(), "open conflict", "open conflicts") + ", newest first.");
        HTMLElement list = dom.byId("conflicts-list");
        Dom.clear(list);
        for (Object c : conflicts) {
            list.appendChild(card(Format.map(c)));
        }
    }

    private HTMLElement card(Map<String, Object> c) {
        String id = Format.number(c.get("id"));
        String modelId = (String) c.get("modelId");
        HTMLElement card = dom.el("article", "conflict");
        card.setAttribute("data-conflict-id", id);
        card.setAttribute("data-model", (String) c.get("model"));
        card.setAttribute("data-model-id", modelId);
        card.setAttribute("data-client-id", (String) c.get("clientId"));
        HTMLElement title = dom.el("h3", null);
        title.appendChild(dom.text("span", "model", (String) c.get("model")));
        title.appendChild(dom.text("span", "model-id", modelId));
        card.appendChild(title);
        card.appendChild(dom.text("p", "meta", "Conflict " + id + " · client " + c.get("clientId") + " ("
                + c.get("clientKind") + ") · found by " + c.get("source") + " at " + Format.time(c.get("detectedAt"))
                + " · reported " + Format.count(Format.whole(c.get("reports"), 1), "time", "times")));
        if (Boolean.TRUE.equals(c.get("serverChangedSince"))) {
            card.appendChild(dom.text("p", "note server-changed", "The server's record changed since: keeping the "
                    + "server's version keeps its current one."));
        }
        Map<String, Object> server = Format.map(c.get("serverVersion"));
        Map<String, Object> serverData = server == null ? null : Format.map(server.get("data"));
        Map<String, Object> clientVersion = Format.map(c.get("clientVersion"));
        Map<String, Object> clientData = clientVersion == null ? null : Format.map(clientVersion.get("data"));
        Map<String, Object> change = Format.map(c.get("clientChange"));
        @SuppressWarnings("unchecked")
        List<String> differing = (List<String>) (List<?>) Format.list(c.get("differingFields"));
        VersionTable.Column serverColumn = new VersionTable.Column("server", "Server (rev "
                + Format.rev(server == null ? null : server.get("rev")) + ", checkpoint "
                + Format.number(server == null ? null : server.get("checkpoint")) + ")", serverData, "deleted");
        VersionTable.Column clientColumn = new VersionTable.Column("client", "Client (rev "
                + Format.rev(change == null ? null : change.get("rev")) + ")", clientData,
                clientVersion == null ? "not sent" : "deleted");
        card.appendChild(VersionTable.of(dom, differing, serverColumn, clientColumn));
        if (clientVersion == null) {
            card.appendChild(dom.text("p", "note", "The client's data is not known yet (a diff carries none); our "
                    + "clients send it after their next sync."));
        }
        HTMLElement problem = dom.el("p", "problem");
        problem.setAttribute("role", "alert");
        problem.setHidden(true);
        HTMLElement actions = dom.el("div", "actions");
        actions.appendChild(dom.button("keep-server", "Keep server's version",
                () -> resolve(c, problem, single("keep", "server"))));
        HTMLElement takeClient = dom.button("take-client", "Take client's version",
                () -> resolve(c, problem, single("keep", "client")));
        if (clientVersion == null) {
            takeClient.setAttribute("disabled", "");
            takeClient.setAttribute("title", "The client's version is not known");
        }
        actions.appendChild(takeClient);
        HTMLElement editSlot = dom.el("div", "merge");
        actions.appendChild(dom.button("edit-merge", "Edit a merge…", () -> {
            if (editing != null) {
                return;
            }
            editing = id;
            List<String> fields = VersionTable.fields(differing, serverColumn, clientColumn);
            MergeEditor editor = new MergeEditor(dom, fields, serverData, clientData, "id");
            Dom.clear(editSlot);
            editSlot.appendChild(editor.element());
            HTMLElement buttons = dom.el("div", "actions");
            buttons.appendChild(dom.button("save-merge", "Save merge", () -> {
                Map<String, Object> body;
                try {
                    body = single("keep", "merge");
                    body.put("data", editor.data());
                } catch (IllegalArgumentException e) {
                    Dom.message(problem, e.getMessage());
                    return;
                }
                resolve(c, problem, body);
            }));
            buttons.appendChild(dom.button("cancel-merge", "Cancel", () -> {
                editing = null;
                Dom.clear(editSlot);
                shown = "";
                refresh();
            }));
            editSlot.appendChild(buttons);
        }));
        card.appendChild(actions);
        card.appendChild(editSlot);
        card.appendChild(problem);
        return card;
    }

    private void resolve(Map<String, Object> c, HTMLElement problem, Map<String, Object> body) {
        String id = Format.number(c.get("id"));
        HTMLElement message = dom.byId("conflicts-message");
        try {
            api.post("/admin/api/conflicts/" + id + "/resolve", body);
        } catch (ApiException e) {
            Dom.message(problem, e.getMessage());
            return;
        }
        String how = "server".equals(body.get("keep")) ? "the server's version stays"
                : "client".equals(body.get("keep")) ? "the client's version is now the server's"
                : "the merge is now the server's version";
        Dom.message(message, "Conflict " + id + " (" + c.get("model") + " " + c.get("modelId") + ") resolved: "
                + how + ". It is in the history.");
        editing = null;
        shown = "";
        afterResolve.run();
        refresh();
    }

    private static Map<String, Object> single(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
    }
}
