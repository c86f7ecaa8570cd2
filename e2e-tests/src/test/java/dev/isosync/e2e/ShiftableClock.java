package dev.isosync.e2e;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The server's clock in a test: real time, moved ahead on demand, so a client can be made hours old at once. */
final class ShiftableClock extends Clock {
    private volatile Duration ahead = Duration.ZERO;

    /** From now on the clock is {@code d} further ahead. */
    void advance(Duration d) {
        ahead = ahead.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead);
    }
}
