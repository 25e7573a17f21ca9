package io.sqspiietl.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A directory laid out as the kubelet lays out a secret volume, to be bind-mounted into a container. The kubelet's
 * atomic writer puts the files in a timestamped directory, points {@code ..data} at it and links each name to
 * {@code ..data/NAME}. Each file is owned by root; with the pod's {@code fsGroup} the kubelet gives it that group and
 * adds group read to {@code defaultMode} (a secret volume is read-only, so it adds 0440), without it the group is
 * root's. Making root-owned files needs root.
 */
public final class SecretVolume {
    private static final String TIMESTAMPED = "..2026_12_07_15_00_00.000000001";

    private SecretVolume() {
    }

    /**
     * Lays out {@code directory} holding {@code source} as the secret key {@code name}.
     *
     * @param fsGroup the pod's {@code fsGroup}, or null when it has none
     * @return the path of the file's name in {@code directory}, a link that reaches the file through {@code ..data}
     */
    public static Path create(Path directory, String name, Path source, int defaultMode, Integer fsGroup) throws IOException {
        Path timestamped = Files.createDirectory(directory.resolve(TIMESTAMPED));
        Path file = Files.copy(source, timestamped.resolve(name));
        Files.setAttribute(file, "unix:uid", 0);
        Files.setAttribute(file, "unix:gid", fsGroup == null ? 0 : fsGroup);
        Files.setAttribute(file, "unix:mode", fsGroup == null ? defaultMode : defaultMode | 0440);
        for (Path traversed : new Path[] {directory, timestamped}) {
            Files.setPosixFilePermissions(traversed, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.createSymbolicLink(directory.resolve("..data"), timestamped.getFileName());
        return Files.createSymbolicLink(directory.resolve(name), Path.of("..data", name));
    }
}
