package dev.isosync.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Workload sizes given on the command line as one comma-separated value, such as {@code 1000,10000}. The empty
 * value ({@code --pull-records ''}) is the empty list and skips the workload, so that one workload can be
 * measured on its own; picocli's own {@code split} cannot express an empty list.
 */
final class Sizes implements Iterable<Integer> {
    private final List<Integer> values;

    private Sizes(List<Integer> values) {
        this.values = Collections.unmodifiableList(values);
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public Iterator<Integer> iterator() {
        return values.iterator();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (int n : values) {
            out.append(out.length() == 0 ? "" : ",").append(n);
        }
        return out.toString();
    }

    /** Reads an option's value; picocli calls it for the default value too. */
    static final class Converter implements ITypeConverter<Sizes> {
        @Override
        public Sizes convert(String value) {
            List<Integer> sizes = new ArrayList<>();
            if (value.trim().isEmpty()) {
                return new Sizes(sizes);
            }
            for (String part : value.split(",", -1)) {
                int n;
                try {
                    n = Integer.parseInt(part.trim());
                } catch (NumberFormatException e) {
                    throw new TypeConversionException("'" + part + "' in '" + value
                            + "' is not a number of records");
                }
                if (n < 1) {
                    throw new TypeConversionException("a size is at least 1 record, got " + n + " in '" + value + "'");
                }
                sizes.add(n);
            }
            return new Sizes(sizes);
        }
    }
}
