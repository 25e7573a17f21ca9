package io.sqspiietl.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * CPU time (user + system) of the processes a benchmark phase keeps busy, read from Linux's
 * {@code /proc/<pid>/stat} (zero where that is not available). On a machine with few cores the
 * processes compete for them, so CPU per message shows where a phase's time goes.
 *
 * <p>Each metered process is counted with its descendants, those still running and those it has
 * reaped (PostgreSQL forks one backend per connection), but without the descendants metered under
 * a name of their own: the queue server and PostgreSQL are children of the loader's JVM.
 *
 * <p>The loader is this JVM. Its JIT compiler threads are also shown on their own, as part of it:
 * on a saturated machine the compiler falls behind, and its backlog of hot methods still to be
 * compiled is worked off during whichever phase keeps those methods hot, at that phase's cost.
 */
final class CpuMeter {
    /** Linux reports CPU times in clock ticks of 1/100 s on every common platform. */
    private static final long NANOS_PER_TICK = 10_000_000;
    private static final int UTIME = 11;
    private static final int STIME = 12;
    private static final int REAPED_CHILDREN_UTIME = 13;
    private static final int REAPED_CHILDREN_STIME = 14;
    /** Linux's names of HotSpot's compiler threads, cut to 15 characters: "C1 CompilerThre", "C2 CompilerThre". */
    private static final String COMPILER_THREAD = "CompilerThre";
    private static final String LOADER = "loader";
    private static final String JIT = "of which JIT";
    private static final Duration IDLE_PROBE = Duration.ofMillis(500);
    /** At most 20 ms of compiling in a probe of 500 ms counts as idle. */
    private static final long IDLE_TICKS = 2;

    private final Map<String, ProcessHandle> processes;

    CpuMeter(ProcessHandle queueServer, ProcessHandle postgres) {
        this.processes = new LinkedHashMap<>();
        processes.put(LOADER, ProcessHandle.current());
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
            if (name.equals(LOADER)) {
                used.put(JIT, compilerThreadTicks() * NANOS_PER_TICK);
            }
        });
        return used;
    }

    /**
     * Waits, at most {@code limit}, until this JVM's JIT compiler has been idle for a moment. Seeding
     * makes its own code hot (the message generator, the send path), and the compiler, behind on a
     * saturated machine, would otherwise go on compiling it into the next phase, at that phase's cost.
     */
    void awaitIdleCompiler(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        long before = compilerThreadTicks();
        while (System.nanoTime() < deadline) {
            Thread.sleep(IDLE_PROBE.toMillis());
            long after = compilerThreadTicks();
            if (after - before <= IDLE_TICKS) {
                return;
            }
            before = after;
        }
    }

    /** "loader 61 µs, of which JIT 9 µs, queue server 120 µs, ..." per message since {@code start}. */
    String perMessage(Map<String, Long> start, long messages) {
        StringJoiner line = new StringJoiner(", ");
        now().forEach((name, nanos) -> line.add(String.format(Locale.ROOT, "%s %.0f µs",
                name, (nanos - start.get(name)) / 1000.0 / Math.max(messages, 1))));
        return line.toString();
    }

    private static long ticks(long pid) {
        return Stat.read(Path.of("/proc", Long.toString(pid), "stat"))
                .map(stat -> stat.sum(UTIME, STIME, REAPED_CHILDREN_UTIME, REAPED_CHILDREN_STIME))
                .orElse(0L);
    }

    /** CPU ticks of this JVM's JIT compiler threads. */
    private static long compilerThreadTicks() {
        try (Stream<Path> threads = Files.list(Path.of("/proc/self/task"))) {
            return threads.map(thread -> Stat.read(thread.resolve("stat")))
                    .flatMap(Optional::stream)
                    .filter(stat -> stat.command().contains(COMPILER_THREAD))
                    .mapToLong(stat -> stat.sum(UTIME, STIME))
                    .sum();
        } catch (IOException e) {
            return 0; // not Linux
        }
    }

    /** A process's or thread's {@code /proc} stat: its command name and the numeric fields after it. */
    private record Stat(String command, String[] fields) {
        /** Empty if the file cannot be read: not Linux, or the process or thread just ended. */
        static Optional<Stat> read(Path file) {
            try {
                String text = Files.readString(file);
                // The command name in parentheses may contain spaces; the numeric fields follow its ')'.
                int nameEnd = text.lastIndexOf(')');
                return Optional.of(new Stat(text.substring(text.indexOf('(') + 1, nameEnd),
                        text.substring(nameEnd + 2).split(" ")));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }

        long sum(int... indexes) {
            return IntStream.of(indexes).mapToLong(index -> Long.parseLong(fields[index])).sum();
        }
    }
}
