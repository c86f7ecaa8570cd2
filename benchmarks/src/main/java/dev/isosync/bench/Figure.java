package dev.isosync.bench;

/**
 * One measured figure of a workload, and where it has one, the baseline measured in the same run that it is
 * compared with (the IndexedDB floor, LoopBack 3, an empty store).
 */
public final class Figure {
    private final String workload;
    private final String name;
    private final double value;
    private final String unit;
    private final String baselineName;
    private final double baseline;

    private Figure(String workload, String name, double value, String unit, String baselineName, double baseline) {
        this.workload = workload;
        this.name = name;
        this.value = value;
        this.unit = unit;
        this.baselineName = baselineName;
        this.baseline = baseline;
    }

    /** A figure with nothing to compare it with. */
    public static Figure of(String workload, String name, double value, String unit) {
        return new Figure(workload, name, value, unit, null, Double.NaN);
    }

    /** A figure beside its baseline, in the same unit; the table shows value ÷ baseline. */
    public static Figure against(String workload, String name, double value, String unit, String baselineName,
            double baseline) {
        return new Figure(workload, name, value, unit, baselineName, baseline);
    }

    public String workload() {
        return workload;
    }

    public String name() {
        return name;
    }

    public double value() {
        return value;
    }

    public String unit() {
        return unit;
    }

    /** What the baseline is, or {@code null} when there is none. */
    public String baselineName() {
        return baselineName;
    }

    public double baseline() {
        return baseline;
    }

    /** value ÷ baseline, or NaN without a baseline. */
    public double ratio() {
        return baselineName == null ? Double.NaN : value / baseline;
    }
}
