package dev.isosync.server;

import dev.isosync.json.CanonicalJson;
import dev.isosync.json.Utf8;
import dev.isosync.model.Revisions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Revisions on the JVM: the shared canonical text and UTF-8 encoding ({@link Revisions#portable}'s, lone surrogates
 * as U+FFFD as Node encodes them), hashed by the JDK's SHA-1, which runs several times faster than the portable one
 * that the browser's compiler needs. A push computes two revisions per update (the stored record's and the new
 * one's), and they were a tenth of the server's time.
 */
public final class JdkRevisions {
    private static final HexFormat HEX = HexFormat.of();
    // a MessageDigest keeps state between calls, so each request thread has its own
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(JdkRevisions::newSha1);

    private JdkRevisions() {
    }

    /** Makes every revision of this JVM the JDK's, from now on; the same value for every value as before. */
    public static void install() {
        Revisions.use(JdkRevisions::of);
    }

    /**
     * The revision of a JSON value tree, as {@link Revisions#portable} gives it.
     *
     * @param value null, a Boolean, Number, String, List or Map with String keys
     * @return 40 lowercase hex digits
     */
    public static String of(Object value) {
        return HEX.formatHex(SHA1.get().digest(Utf8.encode(CanonicalJson.write(value))));
    }

    private static MessageDigest newSha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM offers no SHA-1, which every revision needs", e);
        }
    }
}
