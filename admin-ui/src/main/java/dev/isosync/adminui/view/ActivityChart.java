package dev.isosync.adminui.view;

import dev.isosync.adminui.dom.Dom;
import java.util.List;
import java.util.Map;
import org.teavm.jso.dom.xml.Element;

/**
 * Draws sync activity per minute as SVG: a bar per minute for sync requests, a narrower one inside it for
 * records changed, and a red mark above each minute with new conflicts. Drawn with plain SVG attributes (no
 * inline style, which the admin pages' Content-Security-Policy forbids).
 */
final class ActivityChart {
    static final int WIDTH = 720;
    static final int HEIGHT = 180;
    private static final int LEFT = 36;
    private static final int BOTTOM = 22;
    private static final int TOP = 14;

    private ActivityChart() {
    }

    /** Replaces the content of {@code svg} with the chart of {@code buckets} ({@code minute, changes, syncs, conflicts}). */
    static void draw(Dom dom, Element svg, List<Object> buckets) {
        Dom.clear(svg);
        svg.setAttribute("viewBox", "0 0 " + WIDTH + " " + HEIGHT);
        long max = 1;
        for (Object o : buckets) {
            Map<String, Object> b = Format.map(o);
            max = Math.max(max, Math.max(Format.whole(b.get("syncs"), 0), Format.whole(b.get("changes"), 0)));
        }
        int plotHeight = HEIGHT - TOP - BOTTOM;
        int plotWidth = WIDTH - LEFT - 4;
        svg.appendChild(line(dom, LEFT, TOP + plotHeight, WIDTH - 4, TOP + plotHeight, "axis"));
        svg.appendChild(line(dom, LEFT, TOP, LEFT, TOP + plotHeight, "axis"));
        svg.appendChild(label(dom, LEFT - 4, TOP + 4, "end", String.valueOf(max)));
        svg.appendChild(label(dom, LEFT - 4, TOP + plotHeight, "end", "0"));
        int n = buckets.size();
        if (n == 0) {
            return;
        }
        double step = plotWidth / (double) n;
        for (int i = 0; i < n; i++) {
            Map<String, Object> b = Format.map(buckets.get(i));
            double x = LEFT + 1 + i * step;
            long syncs = Format.whole(b.get("syncs"), 0);
            long changes = Format.whole(b.get("changes"), 0);
            long conflicts = Format.whole(b.get("conflicts"), 0);
            Element group = dom.svg("g");
            group.setAttribute("data-minute", String.valueOf(b.get("minute")));
            group.setAttribute("data-syncs", String.valueOf(syncs));
            group.setAttribute("data-changes", String.valueOf(changes));
            group.setAttribute("data-conflicts", String.valueOf(conflicts));
            Element title = dom.svg("title");
            title.setTextContent(Format.clock(b.get("minute")) + ": " + Format.count(syncs, "sync", "syncs") + ", "
                    + Format.count(changes, "change", "changes") + ", " + Format.count(conflicts, "conflict",
                    "conflicts"));
            group.appendChild(title);
            group.appendChild(bar(dom, x, step * 0.9, syncs, max, plotHeight, "syncs"));
            group.appendChild(bar(dom, x + step * 0.25, step * 0.4, changes, max, plotHeight, "changes"));
            if (conflicts > 0) {
                Element mark = dom.svg("circle");
                mark.setAttribute("class", "conflicts");
                mark.setAttribute("cx", fixed(x + step * 0.45));
                mark.setAttribute("cy", String.valueOf(TOP - 6));
                mark.setAttribute("r", fixed(Math.max(2, Math.min(5, step / 2))));
                group.appendChild(mark);
            }
            svg.appendChild(group);
        }
        Map<String, Object> first = Format.map(buckets.get(0));
        Map<String, Object> last = Format.map(buckets.get(n - 1));
        svg.appendChild(label(dom, LEFT, HEIGHT - 6, "start", Format.clock(first.get("minute"))));
        svg.appendChild(label(dom, WIDTH - 4, HEIGHT - 6, "end", Format.clock(last.get("minute")) + " UTC"));
    }

    private static Element bar(Dom dom, double x, double width, long value, long max, int plotHeight, String kind) {
        double h = value == 0 ? 0 : Math.max(1, plotHeight * value / (double) max);
        Element rect = dom.svg("rect");
        rect.setAttribute("class", kind);
        rect.setAttribute("x", fixed(x));
        rect.setAttribute("y", fixed(TOP + plotHeight - h));
        rect.setAttribute("width", fixed(Math.max(1, width)));
        rect.setAttribute("height", fixed(h));
        return rect;
    }

    private static Element line(Dom dom, int x1, int y1, int x2, int y2, String kind) {
        Element l = dom.svg("line");
        l.setAttribute("class", kind);
        l.setAttribute("x1", String.valueOf(x1));
        l.setAttribute("y1", String.valueOf(y1));
        l.setAttribute("x2", String.valueOf(x2));
        l.setAttribute("y2", String.valueOf(y2));
        return l;
    }

    private static Element label(Dom dom, int x, int y, String anchor, String text) {
        Element t = dom.svg("text");
        t.setAttribute("class", "label");
        t.setAttribute("x", String.valueOf(x));
        t.setAttribute("y", String.valueOf(y));
        t.setAttribute("text-anchor", anchor);
        t.setTextContent(text);
        return t;
    }

    /** A coordinate with at most two decimals, without String.format. */
    private static String fixed(double v) {
        return String.valueOf(Math.round(v * 100) / 100.0);
    }
}
