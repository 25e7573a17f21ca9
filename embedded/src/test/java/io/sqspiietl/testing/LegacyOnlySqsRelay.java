package io.sqspiietl.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SQS endpoint that behaves like the take-home LocalStack image (older than LocalStack 3.0): it
 * answers every JSON-protocol request with HTTP 500 and an XML error body, and passes query-protocol
 * (form-encoded) requests through to ElasticMQ. Counts both, so tests can prove which protocol was used.
 */
public final class LegacyOnlySqsRelay implements AutoCloseable {
    /** What LocalStack before 3.0 answers to a request it cannot parse. */
    private static final byte[] LEGACY_ERROR = ("<?xml version='1.0' encoding='utf-8'?>\n"
            + "<ErrorResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\"><Error><Type>Sender</Type>"
            + "<Code>InternalFailure</Code><Message>The action is not supported</Message></Error>"
            + "<RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>")
            .getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpClient forwarder = HttpClient.newHttpClient();
    private final URI target;
    private final AtomicInteger jsonRefused = new AtomicInteger();
    private final AtomicInteger queryForwarded = new AtomicInteger();

    private LegacyOnlySqsRelay(URI target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        // Long polls from several receivers must not queue up behind each other.
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a relay in front of {@code target} (ElasticMQ's endpoint). */
    public static LegacyOnlySqsRelay start(URI target) {
        try {
            return new LegacyOnlySqsRelay(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The relay's own endpoint, to pass as {@code --sqs-endpoint}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** JSON-protocol requests answered with the legacy error. */
    public int jsonRefused() {
        return jsonRefused.get();
    }

    /** Query-protocol requests passed through to ElasticMQ. */
    public int queryForwarded() {
        return queryForwarded.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
            if (exchange.getRequestHeaders().containsKey("X-Amz-Target") || contentType.startsWith("application/x-amz-json")) {
                jsonRefused.incrementAndGet();
                reply(exchange, 500, "text/xml", LEGACY_ERROR);
                return;
            }
            queryForwarded.incrementAndGet();
            HttpResponse<byte[]> response = forwarder.send(HttpRequest.newBuilder(target.resolve(exchange.getRequestURI()))
                    .header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            reply(exchange, response.statusCode(), response.headers().firstValue("Content-Type").orElse("text/xml"),
                    response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
