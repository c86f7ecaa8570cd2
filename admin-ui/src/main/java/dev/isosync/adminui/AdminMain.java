package dev.isosync.adminui;

import dev.isosync.adminui.dom.Dom;
import dev.isosync.adminui.net.AdminHttp;
import dev.isosync.adminui.net.ApiException;
import dev.isosync.adminui.view.ActivityView;
import dev.isosync.adminui.view.ClientsView;
import dev.isosync.adminui.view.ConflictsView;
import dev.isosync.adminui.view.HistoryView;
import dev.isosync.adminui.view.LiveFeed;
import dev.isosync.adminui.view.OverviewView;
import dev.isosync.adminui.view.RecordsView;
import dev.isosync.adminui.view.View;
import dev.isosync.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.teavm.jso.browser.Window;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * Entry point of the admin console served at {@code /admin} (behind the admin sign-in): tabs for the overview,
 * clients, open conflicts, their history, records and activity, each loaded from the admin API and refreshed
 * every few seconds while shown, and a live feed of the models' change streams. The tab is in the address
 * ({@code /admin/#conflicts}), so a view can be linked to and survives a reload.
 */
public final class AdminMain {
    /** How often the shown view is loaded again. */
    static final int REFRESH_MS = 2000;
    private static final int TICK_MS = 100;

    private final Dom dom;
    private final List<View> views = new ArrayList<>();
    private View shown;
    private volatile boolean refreshNow = true;
    /** Refreshes that succeeded, so a reader of the page can wait for a fresh one. */
    private long refreshes;

    private AdminMain(Dom dom) {
        this.dom = dom;
    }

    public static void main(String[] args) {
        // the console reads and writes little JSON: the Java number syntax, put in by a call so the bundle has it
        Json.useNumberSyntax(Json.portableNumberSyntax());
        Dom dom = new Dom(Window.current().getDocument());
        AdminHttp api = new AdminHttp();
        AdminMain console = new AdminMain(dom);
        HistoryView history = new HistoryView(dom, api);
        console.views.add(new OverviewView(dom, api));
        console.views.add(new ClientsView(dom, api));
        console.views.add(new ConflictsView(dom, api, () -> console.refreshNow = true));
        console.views.add(history);
        console.views.add(new RecordsView(dom, api));
        console.views.add(new ActivityView(dom, api));
        for (View v : console.views) {
            dom.byId("tab-" + v.name()).addEventListener("click", evt -> {
                evt.preventDefault();
                Window.current().getLocation().setHash("#" + v.name());
            });
        }
        Window.current().addEventListener("hashchange", evt -> console.showFromAddress());
        console.showFromAddress();
        new Thread(() -> console.startFeed(api)).start();
        new Thread(console::refreshLoop).start();
        dom.byId("status").setTextContent("console loaded");
    }

    /** Shows the tab the address names, the overview by default. */
    private void showFromAddress() {
        String hash = Window.current().getLocation().getHash();
        String name = hash == null || hash.length() < 2 ? "overview" : hash.substring(1);
        View next = views.get(0);
        for (View v : views) {
            if (v.name().equals(name)) {
                next = v;
            }
        }
        shown = next;
        for (View v : views) {
            boolean active = v == next;
            dom.byId("view-" + v.name()).setHidden(!active);
            HTMLElement tab = dom.byId("tab-" + v.name());
            tab.setClassName(active ? "tab active" : "tab");
            tab.setAttribute("aria-current", active ? "page" : "false");
        }
        dom.byId("main").setAttribute("data-view", next.name());
        refreshNow = true;
    }

    /** Loads the shown view now and then every {@link #REFRESH_MS}, or at once when asked. */
    private void refreshLoop() {
        double due = 0;
        while (true) {
            if (refreshNow || System.currentTimeMillis() >= due) {
                refreshNow = false;
                View view = shown;
                refresh(view);
                due = System.currentTimeMillis() + REFRESH_MS;
            }
            try {
                Thread.sleep(TICK_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void refresh(View view) {
        HTMLElement error = dom.byId("error");
        try {
            view.refresh();
            Dom.message(error, null);
            HTMLElement updated = dom.byId("updated");
            updated.setTextContent("Updated " + clock());
            updated.setAttribute("data-view", view.name());
            updated.setAttribute("data-count", String.valueOf(refreshes++));
        } catch (ApiException e) {
            Dom.message(error, e.getMessage());
        } catch (RuntimeException e) {
            Dom.message(error, "The console failed to show " + view.name() + ": " + e);
        }
    }

    /** Listens to every model's change stream; the models come from the overview, asked until it answers. */
    private void startFeed(AdminHttp api) {
        LiveFeed feed = new LiveFeed(dom);
        while (true) {
            try {
                for (Object o : (List<?>) ((Map<?, ?>) api.get("/admin/api/overview")).get("models")) {
                    Map<?, ?> m = (Map<?, ?>) o;
                    feed.listen((String) m.get("name"));
                }
                return;
            } catch (ApiException e) {
                try {
                    Thread.sleep(REFRESH_MS);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    @org.teavm.jso.JSBody(script = "return new Date().toISOString().substring(11, 19);")
    private static native String clock();
}
