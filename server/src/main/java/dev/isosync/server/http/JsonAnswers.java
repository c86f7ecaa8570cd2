package dev.isosync.server.http;

import dev.isosync.json.Json;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the API's JSON answers, gzipped at deflate's fastest level ({@value #LEVEL}, nginx's default) for a client
 * that accepts gzip. A pull's page of 5,000 todos is 1.37 MB of JSON: at the default level (6), which Javalin would
 * use, a warm server answered it in 29 to 31 ms (330 KB); at the fastest, in 20 to 24 ms (354 KB), and without
 * compression in 17 to 20. The app's own files keep the default level: a person waits for them once, and a smaller
 * script loads sooner.
 */
public final class JsonAnswers {
    /** Deflate's fastest level. */
    static final int LEVEL = Deflater.BEST_SPEED;
    /** Smaller answers go as they are: compressing them saves less than the header it adds. */
    static final int MIN_COMPRESSED = 1500;
    /** A weight as RFC 9110 writes it: 0 to 1, at most three decimals. */
    private static final Pattern QVALUE = Pattern.compile("0(\\.\\d{0,3})?|1(\\.0{0,3})?");

    private JsonAnswers() {
    }

    /** Answers with {@code value} as JSON, gzipped when the client accepts it and it is large enough to gain. */
    public static void send(Context ctx, Object value) {
        byte[] json = Json.write(value).getBytes(StandardCharsets.UTF_8);
        ctx.contentType("application/json; charset=utf-8");
        if (json.length < MIN_COMPRESSED || !acceptsGzip(ctx.header("Accept-Encoding"))) {
            ctx.result(json);
            return;
        }
        ctx.disableCompression(); // compressed here, once
        ctx.header("Content-Encoding", "gzip");
        ctx.header("Vary", "Accept-Encoding");
        ctx.result(gzip(json));
    }

    /**
     * Whether an {@code Accept-Encoding} header accepts gzip (RFC 9110, 12.5.3): it names {@code gzip} (or
     * {@code x-gzip}) with a weight above zero, or, naming neither, {@code *} with one. A weight that is not a
     * qvalue counts as zero.
     */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        double gzip = -1;
        double any = -1;
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.split(";");
            String name = parts[0].trim().toLowerCase(Locale.ROOT);
            if (name.equals("gzip") || name.equals("x-gzip")) {
                gzip = Math.max(gzip, weight(parts));
            } else if (name.equals("*")) {
                any = Math.max(any, weight(parts));
            }
        }
        return gzip >= 0 ? gzip > 0 : any > 0;
    }

    /** A coding's weight: its {@code q} parameter, 1 without one, 0 for one that is not a qvalue. */
    private static double weight(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("q=")) {
                String value = parameter.substring(2).trim();
                return QVALUE.matcher(value).matches() ? Double.parseDouble(value) : 0;
            }
        }
        return 1;
    }

    private static byte[] gzip(byte[] json) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(json.length / 3 + 64);
        try (GZIPOutputStream out = new GZIPOutputStream(compressed, 16384) {
            {
                def.setLevel(LEVEL);
            }
        }) {
            out.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: the gzip stream writes to memory", e);
        }
        return compressed.toByteArray();
    }
}
