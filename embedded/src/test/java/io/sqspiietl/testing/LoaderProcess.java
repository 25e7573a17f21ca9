package io.sqspiietl.testing;

import io.sqspiietl.bench.ProcessMemory;
import io.sqspiietl.demo.DemoMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The loader as an operator runs it: a separate JVM running {@code sqs-pii-etl run}, which a test
 * can kill with SIGKILL or stop with SIGTERM. Its stdout and stderr go to files, read on demand.
 */
public final class LoaderProcess implements AutoCloseable {
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private LoaderProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code sqs-pii-etl run ARGS} with the test credentials for the embedded queue. */
    public static LoaderProcess run(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Daws.accessKeyId=test", "-Daws.secretAccessKey=test",
                "-cp", System.getProperty("java.class.path"), DemoMain.class.getName(), "run"));
        command.addAll(List.of(args));
        if (sigintIgnored()) {
            // A script that starts the tests in the background (`.ci/run &`) makes them ignore SIGINT, and
            // every child inherits that; an operator's loader, started at a terminal, has it at its default.
            command.addAll(0, List.of("env", "--default-signal=INT"));
        }
        Path stdout = Files.createTempFile("loader", ".out");
        Path stderr = Files.createTempFile("loader", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        return new LoaderProcess(process, stdout, stderr);
    }

    /** Whether this JVM ignores SIGINT (bit 2 of Linux's SigIgn mask); never where there is no /proc. */
    private static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        String mask = Files.readAllLines(status).stream().filter(line -> line.startsWith("SigIgn:"))
                .map(line -> line.substring("SigIgn:".length()).strip()).findFirst().orElse("0");
        return (Long.parseUnsignedLong(mask, 16) & 0b10) != 0;
    }

    /** Kills the process without any chance to clean up, as a crash or an OOM killer would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL
        process.waitFor();
    }

    /** Sends SIGTERM, as a container runtime does on shutdown. */
    public void terminate() {
        process.destroy();
    }

    /** Sends SIGINT, as Ctrl-C in a terminal does (through the shell's own kill, which every system has). */
    public void interrupt() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("sh", "-c", "kill -INT " + process.pid()).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -INT " + process.pid() + " failed with exit code " + kill.exitValue());
        }
    }

    /** Waits for the exit and returns its code; fails the test if it takes longer than {@code timeout}. */
    public int awaitExit(Duration timeout) throws InterruptedException, IOException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("loader did not exit within " + timeout + "; output:\n" + output());
        }
        return process.exitValue();
    }

    /** The process's peak resident set size so far, in MiB (Linux's VmHWM); -1 once it has exited. */
    public long peakRssMegabytes() {
        return ProcessMemory.peakRssMegabytes(process.pid());
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the process printed so far: its logs on stderr, then its stdout (the summary). */
    public String output() throws IOException {
        return stderr() + stdout();
    }

    /** What the process printed on stdout so far. */
    public String stdout() throws IOException {
        return Files.readString(stdout);
    }

    /** What the process printed on stderr so far. */
    public String stderr() throws IOException {
        return Files.readString(stderr);
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(stderr);
    }
}
