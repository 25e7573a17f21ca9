package io.sqspiietl.bench;

import io.sqspiietl.embedded.SqsServerMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** ElasticMQ in a child JVM (same class path), so its memory is not counted as the loader's. */
final class QueueServerProcess implements AutoCloseable {
    private final Process process;
    private final URI endpoint;

    private QueueServerProcess(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Starts the server with a heap large enough for {@code messages} queued messages. */
    static QueueServerProcess start(long messages) throws IOException {
        // Generous: a queue server short of heap spends its time in GC and lowers the ceiling.
        long heapMegabytes = Math.max(2048, messages / 250);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx" + heapMegabytes + "m", "-XX:+UseParallelGC",
                "-cp", System.getProperty("java.class.path"), SqsServerMain.class.getName()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("endpoint=")) {
                return new QueueServerProcess(process, URI.create(line.substring("endpoint=".length())));
            }
        }
        process.destroyForcibly();
        throw new IOException("the queue server process ended before it was ready (exit " + process.exitValue() + ")");
    }

    URI endpoint() {
        return endpoint;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    @Override
    public void close() throws IOException {
        process.getOutputStream().close(); // the server stops when its input closes
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
