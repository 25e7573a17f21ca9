package io.sqspiietl.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the operating system's programs that some tests drive (PgBouncer, podman). */
public final class Executables {
    private Executables() {
    }

    /** The executable {@code name} on the PATH or in {@code /usr/sbin}; empty when it is not installed. */
    public static Optional<Path> locate(String name) {
        // Debian installs daemons and runc in /usr/sbin, which a non-login shell's PATH may lack.
        Stream<String> directories = Stream.concat(
                Stream.of(System.getenv().getOrDefault("PATH", "").split(":")), Stream.of("/usr/sbin"));
        return directories.filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
