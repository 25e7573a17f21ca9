package io.sqspiietl.sink;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import java.util.concurrent.Executor;
import javax.net.SocketFactory;
import jdk.net.ExtendedSocketOptions;

/**
 * The TCP sockets under the tool's PostgreSQL connections, made by pgjdbc through this factory (its
 * {@code socketFactory} property) so that
 * <ul>
 *   <li>TCP keepalive probes a quiet connection after {@value #KEEPALIVE_IDLE_SECONDS} s, every
 *       {@value #KEEPALIVE_INTERVAL_SECONDS} s, {@value #KEEPALIVE_PROBES} times: a path that died
 *       (a failover, a NAT timeout) fails the connection about 30 s after its last traffic, even in
 *       the middle of an hour-long statement. The kernel's defaults wait two hours.
 *   <li>{@link #close(Connection)} can close the raw socket of a connection from another thread. That
 *       is the one thing that frees a thread blocked writing to a peer that no longer reads: neither a
 *       socket timeout (it bounds reads only) nor pgjdbc's {@link Connection#abort} does, since under
 *       TLS closing the TLS socket itself waits for the blocked write.
 * </ul>
 * A {@code socketFactory} in the JDBC URL replaces this one; {@link #close(Connection)} then falls back
 * to {@link Connection#abort}. Thread-safe.
 */
public final class ConnectionSockets extends SocketFactory {
    static final int KEEPALIVE_IDLE_SECONDS = 15;
    static final int KEEPALIVE_INTERVAL_SECONDS = 5;
    static final int KEEPALIVE_PROBES = 3;
    /** Runs pgjdbc's abort on the calling thread: without TLS it only closes the socket. */
    private static final Executor DIRECT = Runnable::run;

    /** The last socket this thread created: pgjdbc connects on the thread that asked for the connection. */
    private static final ThreadLocal<Socket> CREATED = new ThreadLocal<>();
    /** The raw socket of each open connection; an entry goes with its connection. */
    private static final Map<Connection, Socket> SOCKETS = Collections.synchronizedMap(new WeakHashMap<>());

    /** For pgjdbc, which instantiates the factory named in its {@code socketFactory} property. */
    public ConnectionSockets() {
    }

    /** Opens a connection and remembers its raw socket for {@link #close(Connection)}. */
    static Connection connect(String jdbcUrl, Properties properties) throws SQLException {
        CREATED.remove();
        try {
            Connection connection = DriverManager.getConnection(jdbcUrl, properties);
            Socket socket = CREATED.get();
            if (socket != null) {
                SOCKETS.put(connection, socket);
            }
            return connection;
        } finally {
            CREATED.remove();
        }
    }

    /**
     * Ends the connection at once from any thread, failing whatever its own thread is doing with it
     * with a connection error (SQLSTATE 08006).
     */
    static void close(Connection connection) {
        Socket socket = SOCKETS.remove(connection);
        try {
            if (socket != null) {
                socket.close();
            } else {
                connection.abort(DIRECT);
            }
        } catch (IOException | SQLException alreadyBroken) {
            // closed already: nothing left to end
        }
    }

    @Override
    public Socket createSocket() throws SocketException {
        return created(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return created(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return created(new Socket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return created(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return created(new Socket(address, port, localAddress, localPort));
    }

    private static Socket created(Socket socket) throws SocketException {
        socket.setKeepAlive(true);
        // Linux and macOS take the per-socket timings; elsewhere the kernel's own apply.
        if (socket.supportedOptions().contains(ExtendedSocketOptions.TCP_KEEPIDLE)) {
            try {
                socket.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, KEEPALIVE_IDLE_SECONDS);
                socket.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, KEEPALIVE_INTERVAL_SECONDS);
                socket.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, KEEPALIVE_PROBES);
            } catch (IOException e) {
                throw new SocketException("cannot set TCP keepalive timings: " + e.getMessage());
            }
        }
        CREATED.set(socket);
        return socket;
    }
}
