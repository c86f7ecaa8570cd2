package dev.isosync.browserclient.checks;

/** A check that only makes sense in a browser, for one store: a name for the report and its steps. */
final class BrowserCheck {
    private final String name;
    private final Runnable body;

    BrowserCheck(String name, Runnable body) {
        this.name = name;
        this.body = body;
    }

    String name() {
        return name;
    }

    /** Runs the check; it fails by throwing. */
    void run() {
        body.run();
    }
}
