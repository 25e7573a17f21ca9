package io.sqspiietl.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's peak resident set size, from Linux's {@code /proc}. */
public final class ProcessMemory {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private ProcessMemory() {
    }

    /** This process's peak RSS in MiB since the start or the last {@link #resetPeak()}; -1 where not on Linux. */
    static long peakRssMegabytes() {
        return peakRssMegabytes(STATUS);
    }

    /** The peak RSS in MiB of the process {@code pid} so far; -1 where not on Linux, or once it has exited. */
    public static long peakRssMegabytes(long pid) {
        return peakRssMegabytes(Path.of("/proc", Long.toString(pid), "status"));
    }

    private static long peakRssMegabytes(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** Starts a new peak from the current RSS (writing 5 to clear_refs resets VmHWM). */
    static void resetPeak() {
        try {
            Files.writeString(CLEAR_REFS, "5");
        } catch (IOException e) {
            // Not Linux, or not permitted: the peak then covers the whole process.
        }
    }
}
