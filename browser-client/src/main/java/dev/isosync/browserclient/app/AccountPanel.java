package dev.isosync.browserclient.app;

import dev.isosync.browserclient.auth.Accounts;
import dev.isosync.browserclient.auth.Session;
import dev.isosync.error.SyncException;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;

/**
 * Who is signed in, on the page: the user's email and a sign-out button; or, when nobody is, a sign-in form
 * that can also create an account. A server that syncs only for signed-in users puts the page in a clear
 * signed-out state, the list hidden until someone signs in; a token the server stopped taking keeps the user's
 * todos on screen and asks them to sign in again. Signing out deletes the user's data from this browser, so
 * when changes have not reached the server yet it says how many and asks first.
 */
public final class AccountPanel {
    /** What the page shows of the account. */
    public enum State {
        /** Nobody signed in, and the server syncs for anyone. */
        ANONYMOUS("anonymous"),
        /** Nobody signed in, and the server syncs only for signed-in users: the list is hidden. */
        SIGNED_OUT("signed-out"),
        SIGNED_IN("signed-in"),
        /** Signed in, but the server no longer takes the token (expired or revoked). */
        SESSION_ENDED("session-ended");

        /** The page's {@code data-state} of the account. */
        final String attribute;

        State(String attribute) {
            this.attribute = attribute;
        }
    }

    private final HTMLDocument document;
    private final Session session;
    private final Accounts accounts;
    private State state;

    /**
     * @param session  who is signed in, or {@code null}
     * @param accounts the server's user endpoints
     */
    public AccountPanel(HTMLDocument document, Session session, Accounts accounts) {
        this.document = document;
        this.session = session;
        this.accounts = accounts;
    }

    /**
     * Wires the controls and shows the first state.
     *
     * @param initial   what to show until the server says otherwise
     * @param signedIn  called with the new session after a sign-in or a new account
     * @param pending   counts the changes not yet sent (it reads the store: called on a thread of its own)
     * @param signedOut called to sign out, once the user has confirmed where changes would be lost
     */
    public void start(State initial, Consumer<Session> signedIn, IntSupplier pending, Runnable signedOut) {
        HTMLElement form = document.getElementById("sign-in");
        document.getElementById("show-sign-in").addEventListener("click", evt -> {
            form.setHidden(false);
            document.getElementById("email").focus();
        });
        form.addEventListener("submit", evt -> {
            evt.preventDefault();
            enter(signedIn, false);
        });
        document.getElementById("register").addEventListener("click", evt -> enter(signedIn, true));
        HTMLElement warning = document.getElementById("sign-out-warning");
        document.getElementById("sign-out").addEventListener("click", evt -> new Thread(() -> {
            int unsent = pending.getAsInt();
            if (unsent == 0) {
                signedOut.run();
                return;
            }
            document.getElementById("sign-out-warning-text").setTextContent(unsent
                    + (unsent == 1 ? " change on this device has" : " changes on this device have")
                    + " not reached the server yet. Signing out deletes "
                    + (unsent == 1 ? "it" : "them") + " from this browser.");
            warning.setHidden(false);
        }).start());
        document.getElementById("sign-out-anyway").addEventListener("click", evt -> {
            warning.setHidden(true);
            new Thread(signedOut).start();
        });
        document.getElementById("stay-signed-in").addEventListener("click", evt -> warning.setHidden(true));
        show(initial);
    }

    /** The current state. */
    public State state() {
        return state;
    }

    /** Shows {@code value}: the account line, which controls, and whether the list is hidden. */
    public void show(State value) {
        if (value == state) {
            return;
        }
        state = value;
        HTMLElement account = document.getElementById("account");
        account.setAttribute("data-state", value.attribute);
        document.getBody().setAttribute("data-signed-out", String.valueOf(value == State.SIGNED_OUT));
        String line;
        switch (value) {
            case SIGNED_IN:
                line = "Signed in as " + session.email;
                break;
            case SESSION_ENDED:
                line = "Your session as " + session.email + " has ended. Sign in again to sync; your todos stay "
                        + "on this device.";
                break;
            case SIGNED_OUT:
                line = "Signed out. Sign in to see and sync your todos.";
                break;
            default:
                line = "Not signed in: these todos are shared with everyone who uses this server.";
        }
        document.getElementById("account-state").setTextContent(line);
        document.getElementById("sign-out").setHidden(session == null);
        document.getElementById("show-sign-in").setHidden(value != State.ANONYMOUS);
        document.getElementById("sign-in").setHidden(value == State.ANONYMOUS || value == State.SIGNED_IN);
        if (value == State.SESSION_ENDED) {
            ((HTMLInputElement) document.getElementById("email")).setValue(session.email);
        }
    }

    private void enter(Consumer<Session> signedIn, boolean newAccount) {
        HTMLInputElement email = (HTMLInputElement) document.getElementById("email");
        HTMLInputElement password = (HTMLInputElement) document.getElementById("password");
        HTMLElement problem = document.getElementById("sign-in-problem");
        String address = email.getValue().trim();
        String secret = password.getValue();
        if (address.isEmpty() || secret.isEmpty()) {
            say(problem, "Enter your email and a password.");
            return;
        }
        new Thread(() -> {
            try {
                double now = System.currentTimeMillis();
                Session signed = newAccount ? accounts.register(address, secret, now)
                        : accounts.login(address, secret, now);
                password.setValue("");
                signedIn.accept(signed);
            } catch (SyncException e) {
                say(problem, e.statusCode() == 503 ? "The server cannot be reached: sign in when you are online."
                        : e.statusCode() == 401 ? "That email and password do not match an account."
                        : e.getMessage());
            }
        }).start();
    }

    private static void say(HTMLElement problem, String text) {
        problem.setTextContent(text);
        problem.setHidden(false);
    }
}
