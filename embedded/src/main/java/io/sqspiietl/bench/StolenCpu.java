package io.sqspiietl.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's CPU time so far and how much of it the hypervisor gave to other guests (Linux's
 * {@code steal} time, from {@code /proc/stat}; zero where that is not available). On a shared cloud
 * machine a phase can lose half its CPU this way, and lose it unevenly: the bench prints the share per
 * phase so that such a phase is recognised rather than compared.
 *
 * @param stolen clock ticks taken by the hypervisor, summed over all CPUs
 * @param total  clock ticks of every kind, summed over all CPUs
 */
record StolenCpu(long stolen, long total) {
    /** {@code /proc/stat}'s first line: "cpu user nice system idle iowait irq softirq steal guest guest_nice". */
    private static final int STEAL = 8;

    static StolenCpu now() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            // Guest time is already counted in user and nice, so the sum stops at steal.
            for (int i = 1; i <= STEAL; i++) {
                total += Long.parseLong(fields[i]);
            }
            return new StolenCpu(Long.parseLong(fields[STEAL]), total);
        } catch (IOException | RuntimeException e) {
            return new StolenCpu(0, 0);
        }
    }

    /** The percentage of the machine's CPU time stolen between {@code start} and this reading. */
    double percentSince(StolenCpu start) {
        long elapsed = total - start.total;
        return elapsed <= 0 ? 0 : 100.0 * (stolen - start.stolen) / elapsed;
    }
}
