package io.sqspiietl.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Lambda's Runtime API (version 2018-06-01) as the service side of it behaves for one execution environment:
 * it hands out the invocations queued with {@link #invoke}, one per {@code next} request, and records what
 * the runtime posts back. The {@code restore/next} request of a SnapStart init is held until
 * {@link #restore()}: the moment between the snapshot and the restore, for a test to look at.
 */
final class RuntimeApi implements AutoCloseable {
    private static final String PREFIX = "/2018-06-01/runtime/";

    /** What the runtime posted: the invocation's id, whether it is an error, and the body. */
    record Posted(String requestId, boolean error, String body, long nanos) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final BlockingQueue<String[]> invocations = new LinkedBlockingQueue<>();
    private final BlockingQueue<Posted> posted = new LinkedBlockingQueue<>();
    private final CountDownLatch snapshotTaken = new CountDownLatch(1);
    private final CountDownLatch restored = new CountDownLatch(1);
    private volatile long handedOutNanos;

    private RuntimeApi(HttpServer server) {
        this.server = server;
        server.setExecutor(threads);
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    static RuntimeApi start() throws IOException {
        return new RuntimeApi(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an invocation with {@code event}; returns its request id. */
    String invoke(String event) {
        String requestId = UUID.randomUUID().toString();
        invocations.add(new String[] {requestId, event});
        return requestId;
    }

    /** The next thing the runtime posted: an invocation's response or error, or the init's error. */
    Posted nextPosted(Duration timeout) throws InterruptedException {
        Posted next = posted.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("the runtime posted nothing within " + timeout);
        }
        return next;
    }

    /** When the last invocation was handed to the runtime, on {@link System#nanoTime()}'s scale. */
    long handedOutNanos() {
        return handedOutNanos;
    }

    /** Waits until a SnapStart init asks to be restored: its beforeCheckpoint hooks have run. */
    void awaitSnapshot(Duration timeout) throws InterruptedException {
        if (!snapshotTaken.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("no restore/next request within " + timeout);
        }
    }

    /** Lets the held {@code restore/next} request return: the environment is restored. */
    void restore() {
        restored.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (path.equals("invocation/next")) {
                String[] invocation = invocations.take();
                exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", invocation[0]);
                exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
                        Long.toString(System.currentTimeMillis() + Duration.ofSeconds(120).toMillis()));
                exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                        "arn:aws:lambda:us-east-1:123456789012:function:sqs-pii-etl");
                exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000");
                handedOutNanos = System.nanoTime();
                respond(exchange, 200, invocation[1]);
            } else if (path.equals("restore/next")) {
                snapshotTaken.countDown();
                restored.await();
                respond(exchange, 200, "");
            } else if (path.startsWith("invocation/")) {
                String[] parts = path.split("/");
                posted.add(new Posted(parts[1], parts[2].equals("error"), body, System.nanoTime()));
                respond(exchange, 202, "");
            } else if (path.equals("init/error") || path.equals("restore/error")) {
                posted.add(new Posted(null, true, body, System.nanoTime()));
                respond(exchange, 202, "");
            } else {
                respond(exchange, 404, "");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        // Lambda's runtime client reads the content type of every answer (without one, its native part crashes).
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
