package io.sqspiietl.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP relay on loopback between a client and a server, standing in for the network. It can
 * <ul>
 *   <li>delay every byte by a fixed latency in each direction (as a remote queue's network would;
 *       bandwidth is not limited, order is preserved);
 *   <li>cut every connection and refuse new ones, then be restored on the same port (an outage);
 *   <li>silence its open connections: they stay open, but no byte crosses them any more in either
 *       direction, with no FIN and no RST, while new connections work at once. This is what a
 *       database failover, a NAT or load-balancer idle timeout or a cut cable does to the connections
 *       open at the time. The relay stops reading a silenced connection, so the sender's buffers fill
 *       and its writes block, as they do when nothing acknowledges them;
 *   <li>refuse new connections for a while, as a failover in progress does.
 * </ul>
 * Used by the benchmark and the fault tests. Thread-safe.
 */
public final class TcpRelay implements AutoCloseable {
    private static final int CHUNK = 16 * 1024;

    private final InetSocketAddress target;
    private final long delayNanos;
    private final int port;
    private final Set<Link> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    /** Bytes whose first sighting from a client silences every open connection, or null when not armed. */
    private final AtomicReference<byte[]> silenceTrigger = new AtomicReference<>();
    private volatile ServerSocket server;
    private boolean closed;

    /**
     * A chunk of bytes and the time it may be delivered; {@code null} bytes mark the end. A trigger is
     * the chunk that fired {@link #silenceOnceClientSends}: it is delivered although it silenced its link.
     */
    private record Delayed(byte[] bytes, long dueNanos, boolean trigger) {
    }

    private TcpRelay(ServerSocket server, InetSocketAddress target, Duration delay) {
        this.server = server;
        this.port = server.getLocalPort();
        this.target = target;
        this.delayNanos = delay.toNanos();
    }

    /** Starts relaying to {@code target} (its host and port) on a free loopback port, with {@code delay} per direction. */
    public static TcpRelay start(URI target, Duration delay) throws IOException {
        TcpRelay relay = new TcpRelay(listen(0), new InetSocketAddress(target.getHost(), target.getPort()), delay);
        relay.acceptInBackground();
        return relay;
    }

    /** The relay's own address, to use as the endpoint instead of the target's. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The relay's loopback port. */
    public int port() {
        return port;
    }

    /** How many client connections the relay has accepted so far. */
    public int connectionsAccepted() {
        return accepted.get();
    }

    /** Drops every connection and refuses new ones, as an unreachable network does. */
    public synchronized void cut() throws IOException {
        server.close();
        open.forEach(Link::close);
        open.clear();
    }

    /** Accepts connections again on the same port, unless the relay was closed. */
    public synchronized void restore() throws IOException {
        if (closed) {
            return;
        }
        server = listen(port);
        acceptInBackground();
    }

    /**
     * Silences every connection open now: each stays open, but from now on nothing crosses it in
     * either direction. Connections made later are relayed as usual.
     */
    public void silence() {
        open.forEach(Link::silence);
    }

    /**
     * Silences every open connection as soon as a client sends {@code text} (ASCII, e.g. {@code COMMIT}):
     * the chunk that holds it still reaches the server, and nothing after it, its answer included.
     * Fires once. A marker split across two reads is not seen; a statement is written in one piece.
     */
    public void silenceOnceClientSends(String text) {
        silenceTrigger.set(text.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Refuses new connections for {@code duration}, then accepts them again on the same port. Open
     * connections are left as they are (silence them too to play a failover).
     */
    public synchronized void refuseConnectionsFor(Duration duration) throws IOException {
        server.close();
        long until = System.nanoTime() + duration.toNanos();
        daemon(() -> {
            for (long wait = until - System.nanoTime(); wait > 0; wait = until - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            try {
                restore();
            } catch (IOException e) {
                throw new IllegalStateException("relay could not listen on port " + port + " again", e);
            }
        }, "relay-refusing");
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
                    Link.closeQuietly(client);
                    continue;
                }
                accepted.incrementAndGet();
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                Link link = new Link(client, upstream);
                open.add(link);
                pipe(link, client, upstream, true);
                pipe(link, upstream, client, false);
            } catch (IOException e) {
                return; // the listening socket was closed by cut(), refuseConnectionsFor() or close()
            }
        }
    }

    /**
     * Copies one direction: a reader stamps each chunk with its due time, a writer delivers it then.
     * A silenced link's reader stops reading and its writer stops writing until the link is closed;
     * only the chunk that fired {@link #silenceOnceClientSends} and those before it still go through.
     */
    private void pipe(Link link, Socket from, Socket to, boolean fromClient) {
        BlockingQueue<Delayed> inTransit = new LinkedBlockingQueue<>();
        AtomicBoolean triggerInTransit = new AtomicBoolean();
        daemon(() -> {
            byte[] buffer = new byte[CHUNK];
            try {
                InputStream in = from.getInputStream();
                for (int n = in.read(buffer); n >= 0 && !link.isSilenced(); n = in.read(buffer)) {
                    byte[] chunk = Arrays.copyOf(buffer, n);
                    boolean trigger = fromClient && firesTrigger(chunk);
                    if (trigger) {
                        triggerInTransit.set(true);
                        open.forEach(Link::silence);
                    }
                    inTransit.add(new Delayed(chunk, System.nanoTime() + delayNanos, trigger));
                }
            } catch (IOException e) {
                // reset or closed: treated like the end of the stream
            }
            link.awaitCloseIfSilenced();
            inTransit.add(new Delayed(null, System.nanoTime() + delayNanos, false));
        }, "relay-read");
        daemon(() -> {
            try {
                OutputStream out = to.getOutputStream();
                for (Delayed chunk = inTransit.take(); chunk.bytes() != null; chunk = inTransit.take()) {
                    for (long wait = chunk.dueNanos() - System.nanoTime(); wait > 0; wait = chunk.dueNanos() - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    if (link.isSilenced() && !triggerInTransit.get()) {
                        link.awaitCloseIfSilenced();
                        break;
                    }
                    out.write(chunk.bytes());
                    out.flush();
                    if (chunk.trigger()) {
                        triggerInTransit.set(false);
                    }
                }
                to.shutdownOutput();
            } catch (IOException | InterruptedException e) {
                link.close();
            }
            if (link.directionEnded()) {
                link.close();
                open.remove(link);
            }
        }, "relay-write");
    }

    private boolean firesTrigger(byte[] chunk) {
        byte[] trigger = silenceTrigger.get();
        return trigger != null && contains(chunk, trigger) && silenceTrigger.compareAndSet(trigger, null);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    private static void daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        cut();
    }

    /** One relayed connection: the client's socket, the upstream one, and whether it was silenced. */
    private static final class Link {
        private final Socket client;
        private final Socket upstream;
        private final AtomicInteger openDirections = new AtomicInteger(2);
        private final CountDownLatch closed = new CountDownLatch(1);
        private volatile boolean silenced;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void silence() {
            silenced = true;
        }

        boolean isSilenced() {
            return silenced;
        }

        /** A silenced link's threads wait here, sending nothing, until the relay closes the link. */
        void awaitCloseIfSilenced() {
            if (silenced) {
                try {
                    closed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** Records that one direction has ended; true when both have. */
        boolean directionEnded() {
            return openDirections.decrementAndGet() == 0;
        }

        void close() {
            closeQuietly(client);
            closeQuietly(upstream);
            closed.countDown();
        }

        static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException e) {
                // already broken; nothing left to release
            }
        }
    }
}
