package dev.isosync.server.auth;

import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * Finds the access token of a request where LoopBack's {@code AccessToken.getIdForRequest} looks for it
 * (PROTOCOL.md 4.5), in its order: the {@code access_token} query parameter (the only way an
 * {@code EventSource} can send one), the {@code X-Access-Token} header, then {@code Authorization}, which holds
 * the token itself, {@code Bearer <base64(token)>} as LoopBack's REST clients send it, or
 * {@code Basic <base64(user:password)>} whose longer half is the token. The first transport present is the
 * one used; an empty value counts as absent, as in LoopBack.
 */
public final class TokenTransports {
    private TokenTransports() {
    }

    /**
     * The token the request carries, as the candidates to look up in order: one value, except for a Bearer
     * header, which gives its base64 decoding (LoopBack's form) and then the value as sent (the form most other
     * clients use, and the admin token's). Empty when the request carries none.
     */
    public static List<String> candidates(Context ctx) {
        String query = ctx.queryParam("access_token");
        if (query != null && !query.isEmpty()) {
            return Collections.singletonList(query);
        }
        String header = ctx.header("X-Access-Token");
        if (header != null && !header.isEmpty()) {
            return Collections.singletonList(header.trim());
        }
        String authorization = ctx.header("Authorization");
        if (authorization == null || authorization.isEmpty()) {
            return Collections.emptyList();
        }
        String value = authorization.trim();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String sent = value.substring(7).trim();
            List<String> out = new ArrayList<>(2);
            String decoded = base64(sent);
            if (decoded != null && !decoded.isEmpty()) {
                out.add(decoded);
            }
            out.add(sent);
            return out;
        }
        if (value.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded = base64(value.substring(6).trim());
            if (decoded == null) {
                return Collections.singletonList(value);
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return Collections.singletonList(decoded);
            }
            String user = decoded.substring(0, colon);
            String password = decoded.substring(colon + 1);
            return Collections.singletonList(password.length() > user.length() ? password : user);
        }
        return Collections.singletonList(value);
    }

    /** The UTF-8 text a base64 value stands for, or {@code null} when it is not base64 of UTF-8 text. */
    private static String base64(String value) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            try {
                bytes = Base64.getUrlDecoder().decode(value);
            } catch (IllegalArgumentException again) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
