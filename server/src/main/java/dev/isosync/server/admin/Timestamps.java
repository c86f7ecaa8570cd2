package dev.isosync.server.admin;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times in the admin API: ISO-8601 UTC with milliseconds, as LoopBack writes dates. */
final class Timestamps {
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    static String iso(long epochMillis) {
        return ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis));
    }

    /** {@link #iso(long)}, or {@code null}. */
    static String iso(Long epochMillis) {
        return epochMillis == null ? null : iso(epochMillis.longValue());
    }
}
