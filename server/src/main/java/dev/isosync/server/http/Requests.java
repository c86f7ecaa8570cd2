package dev.isosync.server.http;

import dev.isosync.error.SyncException;
import dev.isosync.json.Json;
import dev.isosync.json.JsonException;
import dev.isosync.wire.WireFormat;
import io.javalin.http.Context;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Map;

/** Reads request bodies and parameters strictly: every problem is a 4xx naming it, before anything is written. */
public final class Requests {
    private Requests() {
    }

    /** The parsed JSON body; an empty body is {@code null}. Over {@code limit} bytes is a 413. */
    public static Object body(Context ctx, long limit) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > limit) {
            throw SyncException.tooLarge("Request body of " + bytes.length + " bytes is over the limit of " + limit
                    + " bytes for " + ctx.method() + " " + ctx.path());
        }
        if (bytes.length == 0) {
            return null;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw SyncException.badRequest("INVALID_JSON", "Request body is not valid UTF-8");
        }
        try {
            return Json.parse(text);
        } catch (JsonException e) {
            throw SyncException.badRequest("INVALID_JSON", "Malformed JSON in request body: " + e.getMessage());
        }
    }

    /** The body as a JSON object (a record or change properties). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> objectBody(Context ctx, long limit) {
        Object body = body(ctx, limit);
        if (!(body instanceof Map)) {
            throw SyncException.badRequest("INVALID_BODY", ctx.method() + " " + ctx.path()
                    + " takes a JSON object, got " + WireFormat.kind(body));
        }
        return (Map<String, Object>) body;
    }

    /**
     * A numeric query parameter such as {@code since}; {@code null} when absent. LoopBack coerces query
     * strings to numbers, so {@code "-1"} is -1; anything that is not a finite number is a 400.
     */
    public static Long number(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        double d;
        try {
            d = Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw SyncException.badRequest("INVALID_PARAMETER", "\"" + name + "\" must be a number, got "
                    + Json.write(raw));
        }
        if (Double.isNaN(d) || Double.isInfinite(d) || raw.trim().endsWith("d") || raw.trim().endsWith("f")
                || raw.trim().endsWith("D") || raw.trim().endsWith("F")) {
            throw SyncException.badRequest("INVALID_PARAMETER", "\"" + name + "\" must be a number, got "
                    + Json.write(raw));
        }
        if (d > Long.MAX_VALUE / 2) {
            return Long.MAX_VALUE / 2; // beyond any checkpoint: an empty answer, not an error
        }
        if (d < Long.MIN_VALUE / 2) {
            return Long.MIN_VALUE / 2;
        }
        return (long) Math.ceil(d); // since is inclusive: 2.5 means from 3
    }

    /** A JSON query parameter such as {@code filter}; {@code null} when absent. */
    public static Object json(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return Json.parse(raw);
        } catch (JsonException e) {
            throw SyncException.badRequest("INVALID_PARAMETER", "\"" + name + "\" is not valid JSON: " + e.getMessage());
        }
    }
}
