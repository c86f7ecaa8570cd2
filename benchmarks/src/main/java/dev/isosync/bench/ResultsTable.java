package dev.isosync.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures of one run as a Markdown table, headed by the machine they were measured on. */
final class ResultsTable {
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final String machine;

    ResultsTable(String machine) {
        this.machine = machine;
    }

    void add(List<Figure> more) {
        figures.addAll(more);
    }

    /** Something a workload found wrong (a lost write, an error): listed under the table, and the run fails. */
    void problem(String text) {
        problems.add(text);
    }

    List<String> problems() {
        return problems;
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append(machine).append("\n\n");
        out.append("| workload | figure | value | unit | baseline (same run) | value ÷ baseline |\n");
        out.append("|---|---|---:|---|---|---:|\n");
        for (Figure f : figures) {
            out.append("| ").append(f.workload()).append(" | ").append(f.name()).append(" | ")
                    .append(number(f.value())).append(" | ").append(f.unit()).append(" | ");
            if (f.baselineName() == null) {
                out.append(" | |\n");
            } else {
                out.append(f.baselineName()).append(": ").append(number(f.baseline())).append(" | ")
                        .append(Double.isNaN(f.ratio()) ? "n/a" : String.format(Locale.ROOT, "%.2f", f.ratio()))
                        .append(" |\n");
            }
        }
        if (!problems.isEmpty()) {
            out.append("\n**Problems found** (the run failed):\n\n");
            for (String p : problems) {
                out.append("- ").append(p).append('\n');
            }
        }
        return out.toString();
    }

    /** Whole numbers with thousands separators; small values keep one decimal, counts none. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return Math.abs(v) >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%,.0f", v)
                : String.format(Locale.ROOT, "%,.1f", v);
    }
}
