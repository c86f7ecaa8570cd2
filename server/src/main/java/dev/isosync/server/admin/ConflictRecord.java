package dev.isosync.server.admin;

import java.util.Objects;

/**
 * An entry of the conflict inbox: its id, the latest {@link ConflictReport} of it, when it was first
 * detected and how often it was reported, and its {@link Resolution} once resolved. Immutable.
 */
public final class ConflictRecord {
    private final long id;
    private final ConflictReport report;
    private final long detectedAt;
    private final long reports;
    private final Resolution resolution;

    public ConflictRecord(long id, ConflictReport report, long detectedAt, long reports, Resolution resolution) {
        this.id = id;
        this.report = Objects.requireNonNull(report, "report");
        this.detectedAt = detectedAt;
        this.reports = reports;
        this.resolution = resolution;
    }

    /** The inbox id, at least 1. */
    public long id() {
        return id;
    }

    /** The latest sighting: model, record, client, both versions. Never null. */
    public ConflictReport report() {
        return report;
    }

    /** When it was first reported, epoch milliseconds. */
    public long detectedAt() {
        return detectedAt;
    }

    /** How many sightings were folded into this entry, at least 1. */
    public long reports() {
        return reports;
    }

    /** The resolution, or {@code null} while the conflict is open. */
    public Resolution resolution() {
        return resolution;
    }

    public boolean isOpen() {
        return resolution == null;
    }
}
