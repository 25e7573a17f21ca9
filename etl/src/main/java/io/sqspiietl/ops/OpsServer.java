package io.sqspiietl.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sqspiietl.pipeline.Threads;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code /metrics} (Prometheus text format), {@code /health/live} and {@code /health/ready} on the
 * JDK's built-in HTTP server. One daemon thread serves them: scrapes and probes are rare and cheap,
 * and they must never compete with the pipeline for threads.
 */
final class OpsServer implements AutoCloseable {
    private static final String TEXT = "text/plain; charset=utf-8";
    /** The Prometheus text exposition format that {@link PrometheusMeterRegistry#scrape()} writes. */
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private OpsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Listens on all interfaces at {@code port} (0 picks a free one, see {@link #port()}). */
    static OpsServer start(int port, PrometheusMeterRegistry registry, Readiness readiness) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 16);
        server.createContext("/metrics", exchange -> respond(exchange, 200, PROMETHEUS_TEXT, registry::scrape));
        server.createContext("/health/live", exchange -> respond(exchange, 200, TEXT, () -> "live\n"));
        server.createContext("/health/ready", exchange -> {
            boolean ready = readiness.isReady();
            respond(exchange, ready ? 200 : 503, TEXT, () -> (ready ? "ready: " : "not ready: ") + readiness.describe() + "\n");
        });
        ExecutorService executor = Executors.newSingleThreadExecutor(Threads.named("ops-http"));
        server.setExecutor(executor);
        server.start();
        return new OpsServer(server, executor);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String contentType, Supplier<String> body)
            throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (!exchange.getHttpContext().getPath().equals(path)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            boolean head = "HEAD".equals(method);
            exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
