package dev.isosync.adminui.net;

/**
 * The admin API refused a request or could not be reached. The message is the server's own (from LoopBack's
 * error envelope) prefixed with the request, ready to be shown to the admin as it is.
 */
public final class ApiException extends RuntimeException {
    private final int status;

    /**
     * @param status  the HTTP status, or 0 when the server could not be reached
     * @param message what went wrong, for the admin to read
     */
    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status, or 0 when the server could not be reached. */
    public int status() {
        return status;
    }
}
