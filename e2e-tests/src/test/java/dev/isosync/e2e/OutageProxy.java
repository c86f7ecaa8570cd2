package dev.isosync.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A test-owned HTTP proxy on loopback in front of the server, that can break one exchange at a named moment:
 * refuse a request before it reaches the server, let the server carry it out but lose the answer, cut an answer in
 * the middle, or hold it back a few seconds. Its port stays the same when the server behind it restarts on another
 * port, so the browsers keep their origin (DESIGN.md, "Tests"). Every exchange is one connection ({@code
 * Connection: close}), which keeps the framing trivial.
 */
final class OutageProxy implements AutoCloseable {
    /** What to do to one exchange. */
    enum Outage {
        /** The request never reaches the server. */
        REFUSE,
        /** The server carries the request out; its answer is lost. */
        LOSE_ANSWER,
        /** Half of the answer arrives, then the connection breaks. */
        CUT_ANSWER,
        /** The whole answer arrives, {@value OutageProxy#SLOW_ANSWER_MS} ms late, as over a slow network. */
        SLOW_ANSWER
    }

    /** How late a {@link Outage#SLOW_ANSWER} arrives. */
    static final int SLOW_ANSWER_MS = 4000;

    /** One request as it reached the proxy, whether it was passed on or broken. */
    record Request(String method, String path, String body) {
    }

    private static final class Rule {
        final String method;
        final String pathPart;
        final Outage outage;
        int remaining;

        Rule(String method, String pathPart, Outage outage, int times) {
            this.method = method;
            this.pathPart = pathPart;
            this.outage = outage;
            this.remaining = times;
        }
    }

    private final ServerSocket listener;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "outage-proxy");
        t.setDaemon(true);
        return t;
    });
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    /** The requests seen, in the order they arrived. */
    final List<Request> seen = new CopyOnWriteArrayList<>();
    private volatile int targetPort;
    private volatile boolean down;

    OutageProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pool.execute(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Sends later connections to a server on another port (a restarted server). */
    void retarget(int port) {
        targetPort = port;
    }

    /** While down, every connection is closed at once, as a server that is not there. */
    void down(boolean value) {
        down = value;
    }

    /** Breaks the next {@code times} exchanges whose method matches and whose path contains {@code pathPart}. */
    void breakNext(String method, String pathPart, Outage outage, int times) {
        rules.add(new Rule(method, pathPart, outage, times));
    }

    /** Whether every rule has been used up. */
    boolean allBroken() {
        for (Rule r : rules) {
            if (r.remaining > 0) {
                return false;
            }
        }
        return true;
    }

    private synchronized Outage take(String method, String path) {
        for (Rule r : rules) {
            if (r.remaining > 0 && r.method.equals(method) && path.contains(r.pathPart)) {
                r.remaining--;
                return r.outage;
            }
        }
        return null;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                pool.execute(() -> exchange(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void exchange(Socket client) {
        try (Socket c = client) {
            if (down) {
                return;
            }
            InputStream in = c.getInputStream();
            byte[] head = readHead(in);
            if (head == null) {
                return;
            }
            String headText = new String(head, StandardCharsets.ISO_8859_1);
            String[] requestLine = headText.substring(0, headText.indexOf("\r\n")).split(" ");
            int length = contentLength(headText);
            byte[] body = in.readNBytes(length);
            seen.add(new Request(requestLine[0], requestLine[1], new String(body, StandardCharsets.UTF_8)));
            Outage outage = take(requestLine[0], requestLine[1]);
            if (outage == Outage.REFUSE) {
                return;
            }
            try (Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
                OutputStream up = server.getOutputStream();
                up.write(withConnectionClose(headText).getBytes(StandardCharsets.ISO_8859_1));
                up.write(body);
                up.flush();
                InputStream answer = server.getInputStream();
                OutputStream down = c.getOutputStream();
                if (outage == Outage.LOSE_ANSWER) {
                    answer.readAllBytes(); // the server finishes its work; the client hears nothing
                    return;
                }
                if (outage == Outage.CUT_ANSWER) {
                    byte[] all = answer.readAllBytes();
                    down.write(all, 0, all.length / 2);
                    down.flush();
                    c.setSoLinger(true, 0); // a reset, as a broken network gives
                    return;
                }
                if (outage == Outage.SLOW_ANSWER) {
                    byte[] all = answer.readAllBytes();
                    try {
                        Thread.sleep(SLOW_ANSWER_MS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    down.write(all);
                    down.flush();
                    return;
                }
                byte[] buffer = new byte[8192];
                int n;
                while ((n = answer.read(buffer)) > 0) { // streams too: the change stream stays open
                    down.write(buffer, 0, n);
                    down.flush();
                }
            }
        } catch (IOException e) {
            // a browser that went away, or a server that is down: the connection just ends
        }
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toByteArray();
            }
        }
        return null;
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return 0;
    }

    private static String withConnectionClose(String head) {
        List<String> lines = new ArrayList<>();
        for (String line : head.split("\r\n")) {
            if (!line.isEmpty() && !line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                lines.add(line);
            }
        }
        lines.add("Connection: close");
        return String.join("\r\n", lines) + "\r\n\r\n";
    }

    @Override
    public void close() throws IOException {
        listener.close();
        pool.shutdownNow();
    }
}
