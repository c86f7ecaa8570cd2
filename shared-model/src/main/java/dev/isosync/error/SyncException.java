package dev.isosync.error;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failed operation, carrying what LoopBack's error envelope carries: an HTTP status, a name, a stable
 * code and details. The server turns it into {@code {"error":{...}}} (PROTOCOL.md 4.4); the remote replica
 * turns such an envelope back into this exception, so both sides of a replication see the same errors.
 *
 * <p>Expected outcomes such as conflicts are values, not exceptions; this is for requests that were refused
 * or could not be carried out.
 */
public class SyncException extends RuntimeException {
    private final int statusCode;
    private final String name;
    private final String code;
    private final Map<String, Object> details;

    public SyncException(int statusCode, String name, String code, String message, Map<String, Object> details) {
        super(message);
        this.statusCode = statusCode;
        this.name = name == null ? "Error" : name;
        this.code = code;
        this.details = details;
    }

    /** 400: a request whose shape is wrong (malformed JSON, an object where an array belongs, a bad {@code since}). */
    public static SyncException badRequest(String code, String message) {
        return new SyncException(400, "Error", code, message, null);
    }

    /** 404 with a stable code, e.g. {@code MODEL_NOT_FOUND}. */
    public static SyncException notFound(String code, String message) {
        return new SyncException(404, "Error", code, message, null);
    }

    /** 422: well-formed input that cannot be processed (missing data for a change, an unstorable string). */
    public static SyncException unprocessable(String code, String message) {
        return new SyncException(422, "Error", code, message, null);
    }

    /** 413: a body or list over a configured limit. */
    public static SyncException tooLarge(String message) {
        return new SyncException(413, "Error", "PAYLOAD_TOO_LARGE", message, null);
    }

    /** 503 or another status for a failure that is not the caller's fault, e.g. an unreachable remote. */
    public static SyncException unavailable(String message, Throwable cause) {
        SyncException e = new SyncException(503, "Error", "UNAVAILABLE", message, null);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    public int statusCode() {
        return statusCode;
    }

    public String errorName() {
        return name;
    }

    /** The stable code, or {@code null}. */
    public String code() {
        return code;
    }

    /** The details object of the envelope, or {@code null}. */
    public Map<String, Object> details() {
        return details;
    }

    /** The LoopBack error envelope: {@code {"error":{"statusCode","name","message","code"?,"details"?}}}. */
    public Map<String, Object> toEnvelope() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("statusCode", statusCode);
        error.put("name", name);
        error.put("message", getMessage());
        if (code != null) {
            error.put("code", code);
        }
        if (details != null) {
            error.put("details", details);
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("error", error);
        return envelope;
    }
}
