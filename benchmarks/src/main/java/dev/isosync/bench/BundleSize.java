package dev.isosync.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * The compiled browser client as the server sends it: the minified TeaVM output of the demo app, and its size
 * gzipped at the default level, as a server compresses it.
 */
final class BundleSize {
    static final String WORKLOAD = "size";
    /** Where browser-client's jar carries the compiled app (the server serves /webapp at /). */
    static final String APP_JS = "/webapp/js/app.js";

    private BundleSize() {
    }

    static List<Figure> measure() throws IOException {
        byte[] js;
        try (InputStream in = BundleSize.class.getResourceAsStream(APP_JS)) {
            if (in == null) {
                throw new IllegalStateException(APP_JS + " is not on the classpath: build browser-client first");
            }
            js = in.readAllBytes();
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(js);
        }
        List<Figure> figures = new ArrayList<>();
        figures.add(Figure.of(WORKLOAD, "browser client (app.js), minified", js.length / 1024.0, "KiB"));
        figures.add(Figure.of(WORKLOAD, "browser client (app.js), minified and gzipped", gz.size() / 1024.0, "KiB"));
        return figures;
    }
}
