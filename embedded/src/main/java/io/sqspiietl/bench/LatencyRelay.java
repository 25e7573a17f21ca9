package io.sqspiietl.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP relay on loopback that delays every byte by a fixed latency in each direction, as a network
 * between the loader and a remote queue would. Bandwidth is not limited; order is preserved.
 */
final class LatencyRelay implements AutoCloseable {
    private static final int CHUNK = 16 * 1024;

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final long delayNanos;

    /** A chunk of bytes and the time it may be delivered. */
    private record Delayed(byte[] bytes, long dueNanos) {
    }

    private LatencyRelay(ServerSocket server, InetSocketAddress target, Duration delay) {
        this.server = server;
        this.target = target;
        this.delayNanos = delay.toNanos();
    }

    /** Starts relaying to {@code target} with {@code delay} per direction. */
    static LatencyRelay start(URI target, Duration delay) throws IOException {
        ServerSocket server = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
        LatencyRelay relay = new LatencyRelay(server, new InetSocketAddress(target.getHost(), target.getPort()), delay);
        daemon(relay::acceptLoop, "relay-accept");
        return relay;
    }

    /** The relay's own address, to use as the endpoint instead of the target's. */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                AtomicInteger openDirections = new AtomicInteger(2);
                pipe(client, upstream, openDirections);
                pipe(upstream, client, openDirections);
            } catch (IOException e) {
                return; // the relay was closed
            }
        }
    }

    /**
     * Copies one direction: a reader stamps each chunk with its due time, a writer delivers it then.
     * The sockets are closed once both directions of the connection have ended.
     */
    private void pipe(Socket from, Socket to, AtomicInteger openDirections) {
        BlockingQueue<Delayed> inTransit = new LinkedBlockingQueue<>();
        daemon(() -> {
            byte[] buffer = new byte[CHUNK];
            try {
                InputStream in = from.getInputStream();
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    inTransit.add(new Delayed(Arrays.copyOf(buffer, n), System.nanoTime() + delayNanos));
                }
            } catch (IOException e) {
                // reset or closed: treated like the end of the stream
            }
            inTransit.add(new Delayed(null, System.nanoTime() + delayNanos));
        }, "relay-read");
        daemon(() -> {
            try {
                OutputStream out = to.getOutputStream();
                for (Delayed chunk = inTransit.take(); chunk.bytes() != null; chunk = inTransit.take()) {
                    for (long wait = chunk.dueNanos() - System.nanoTime(); wait > 0; wait = chunk.dueNanos() - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    out.write(chunk.bytes());
                    out.flush();
                }
                to.shutdownOutput();
            } catch (IOException | InterruptedException e) {
                closeQuietly(from);
                closeQuietly(to);
            }
            if (openDirections.decrementAndGet() == 0) {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "relay-write");
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already broken; nothing left to release
        }
    }

    private static void daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
