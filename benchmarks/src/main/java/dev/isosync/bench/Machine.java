package dev.isosync.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;

/** A line saying what the figures were measured on: processor, cores, memory, Java and Chromium. */
final class Machine {
    private Machine() {
    }

    static String describe() {
        Runtime rt = Runtime.getRuntime();
        return "Measured on " + cpu() + ", " + rt.availableProcessors() + " cores, " + memory() + "; Java "
                + System.getProperty("java.version") + jvmOptions() + "; " + chromium() + ".";
    }

    /** The options the JVM was started with (its heap settings among them), as " with -Xms6g ..."; empty for none. */
    private static String jvmOptions() {
        List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments();
        return options.isEmpty() ? "" : " with " + String.join(" ", options);
    }

    private static String cpu() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux: the architecture is the best we have
        }
        return System.getProperty("os.arch");
    }

    private static String memory() {
        try {
            List<String> lines = Files.readAllLines(Paths.get("/proc/meminfo"), StandardCharsets.UTF_8);
            long kib = Long.parseLong(lines.get(0).replaceAll("[^0-9]", ""));
            return Math.round(kib / 1024.0 / 1024.0) + " GiB memory";
        } catch (IOException | RuntimeException e) {
            return "memory unknown";
        }
    }

    private static String chromium() {
        try {
            Process p = new ProcessBuilder(HeadlessChromium.CHROMIUM.getPath(), "--version").redirectErrorStream(true)
                    .start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            // Debian's launcher script may print its own complaints before the browser's version line
            for (String line : output.split("\n")) {
                if (line.startsWith("Chromium")) {
                    return line.trim();
                }
            }
            return "Chromium (version unknown)";
        } catch (IOException e) {
            return "Chromium not found";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "Chromium (version unknown)";
        }
    }
}
