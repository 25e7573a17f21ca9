package io.sqspiietl.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time (user + system) of the processes a benchmark phase keeps busy, read from Linux's
 * {@code /proc/<pid>/stat} (zero where that is not available). On a machine with few cores the
 * processes compete for them, so CPU per message shows where a phase's time goes.
 *
 * <p>Each metered process is counted with its descendants, those still running and those it has
 * reaped (PostgreSQL forks one backend per connection), but without the descendants metered under
 * a name of their own: the queue server and PostgreSQL are children of the loader's JVM.
 */
final class CpuMeter {
    /** Linux reports CPU times in clock ticks of 1/100 s on every common platform. */
    private static final long NANOS_PER_TICK = 10_000_000;
    private static final int UTIME = 11;
    private static final int STIME = 12;
    private static final int REAPED_CHILDREN_UTIME = 13;
    private static final int REAPED_CHILDREN_STIME = 14;

    private final Map<String, ProcessHandle> processes;

    CpuMeter(ProcessHandle loader, ProcessHandle queueServer, ProcessHandle postgres) {
        this.processes = new LinkedHashMap<>();
        processes.put("loader", loader);
        processes.put("queue server", queueServer);
        processes.put("PostgreSQL", postgres);
    }

    /** CPU nanoseconds used so far, per name. */
    Map<String, Long> now() {
        Map<String, Set<Long>> trees = new LinkedHashMap<>();
        processes.forEach((name, process) -> trees.put(name, Stream.concat(Stream.of(process), process.descendants())
                .map(ProcessHandle::pid).collect(Collectors.toSet())));
        Map<String, Long> used = new LinkedHashMap<>();
        trees.forEach((name, tree) -> {
            // Each process of the tree is read once, and counted under the innermost metered name.
            Set<Long> own = new HashSet<>(tree);
            trees.forEach((other, otherTree) -> {
                if (!other.equals(name) && tree.contains(processes.get(other).pid())) {
                    own.removeAll(otherTree);
                }
            });
            used.put(name, own.stream().mapToLong(CpuMeter::ticks).sum() * NANOS_PER_TICK);
        });
        return used;
    }

    /** "loader 61 µs, queue server 120 µs, ..." per message since {@code start}. */
    String perMessage(Map<String, Long> start, long messages) {
        StringJoiner line = new StringJoiner(", ");
        now().forEach((name, nanos) -> line.add(String.format(Locale.ROOT, "%s %.0f µs",
                name, (nanos - start.get(name)) / 1000.0 / Math.max(messages, 1))));
        return line.toString();
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name in parentheses may contain spaces; the numeric fields follow its ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Stream.of(UTIME, STIME, REAPED_CHILDREN_UTIME, REAPED_CHILDREN_STIME)
                    .mapToLong(field -> Long.parseLong(fields[field])).sum();
        } catch (IOException | RuntimeException e) {
            return 0; // not Linux, or the process just ended
        }
    }
}
