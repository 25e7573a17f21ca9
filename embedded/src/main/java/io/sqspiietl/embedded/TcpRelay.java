package io.sqspiietl.embedded;

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
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP relay on loopback between a client and a server, standing in for the network: it can delay
 * every byte by a fixed latency in each direction (as a remote queue's network would; bandwidth is
 * not limited, order is preserved), and it can be cut and restored on the same port (as an outage
 * would). Used by the benchmark and the fault tests.
 */
public final class TcpRelay implements AutoCloseable {
    private static final int CHUNK = 16 * 1024;

    private final InetSocketAddress target;
    private final long delayNanos;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;

    /** A chunk of bytes and the time it may be delivered; {@code null} bytes mark the end. */
    private record Delayed(byte[] bytes, long dueNanos) {
    }

    private TcpRelay(ServerSocket server, InetSocketAddress target, Duration delay) {
        this.server = server;
        this.port = server.getLocalPort();
        this.target = target;
        this.delayNanos = delay.toNanos();
    }

    /** Starts relaying to {@code target} on a free loopback port, with {@code delay} per direction. */
    public static TcpRelay start(URI target, Duration delay) throws IOException {
        TcpRelay relay = new TcpRelay(listen(0), new InetSocketAddress(target.getHost(), target.getPort()), delay);
        relay.acceptInBackground();
        return relay;
    }

    /** The relay's own address, to use as the endpoint instead of the target's. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Drops every connection and refuses new ones, as an unreachable network does. */
    public synchronized void cut() throws IOException {
        server.close();
        open.forEach(TcpRelay::closeQuietly);
        open.clear();
    }

    /** Accepts connections again on the same port. */
    public synchronized void restore() throws IOException {
        server = listen(port);
        acceptInBackground();
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        return socket;
    }

    private void acceptInBackground() {
        ServerSocket listening = server;
        daemon(() -> acceptLoop(listening), "relay-accept");
    }

    private void acceptLoop(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket upstream;
                try {
                    upstream = new Socket(target.getAddress(), target.getPort());
                } catch (IOException e) {
                    closeQuietly(client);
                    continue;
                }
                open.add(client);
                open.add(upstream);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                AtomicInteger openDirections = new AtomicInteger(2);
                pipe(client, upstream, openDirections);
                pipe(upstream, client, openDirections);
            } catch (IOException e) {
                return; // the listening socket was closed by cut() or close()
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
                open.remove(from);
                open.remove(to);
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
        cut();
    }
}
