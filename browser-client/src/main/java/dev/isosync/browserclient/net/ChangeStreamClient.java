package dev.isosync.browserclient.net;

/**
 * Listens to the server's change stream ({@code GET /api/<plural>/change-stream}, PROTOCOL.md 9.6) and
 * calls back on every event, so the sync loop pulls as soon as the server changes instead of polling. The
 * browser's EventSource reconnects by itself after the network comes back.
 */
public final class ChangeStreamClient {
    private final EventSource source;

    public ChangeStreamClient(String url, Runnable onChange) {
        source = new EventSource(url);
        source.addEventListener("data", event -> onChange.run());
    }

    public void close() {
        source.close();
    }
}
