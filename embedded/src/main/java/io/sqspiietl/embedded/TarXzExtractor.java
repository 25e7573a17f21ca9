package io.sqspiietl.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Unpacks a {@code .tar.xz} archive of a self-contained program tree: regular files keep their permission bits,
 * symbolic links stay links, and every directory ends up {@code rwxr-xr-x} so that an unprivileged user can run
 * what was unpacked even when root did the unpacking.
 */
final class TarXzExtractor {
    private static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS = PosixFilePermissions.fromString("rwxr-xr-x");

    private TarXzExtractor() {
    }

    /**
     * Extracts {@code archive} below {@code target}, which must be an existing directory.
     *
     * @throws IOException if the archive is unreadable, contains an entry type other than directory, file or
     *     symbolic link, or has an entry that would land outside {@code target}
     */
    static void extract(InputStream archive, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        List<Path> directories = new ArrayList<>();
        directories.add(root);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZCompressorInputStream(new BufferedInputStream(archive)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path path = resolveInside(root, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    directories.add(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Paths.get(entry.getLinkName()));
                } else if (entry.isFile()) {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                } else {
                    throw new IOException("Unsupported entry type in archive: " + entry.getName());
                }
            }
        }
        // Directories get their final mode last: whatever the archive says, and whatever umask created them.
        for (Path directory : directories) {
            Files.setPosixFilePermissions(directory, DIRECTORY_PERMISSIONS);
        }
    }

    private static Path resolveInside(Path root, String entryName) throws IOException {
        Path path = root.resolve(entryName).normalize();
        if (!path.startsWith(root)) {
            throw new IOException("Archive entry escapes the target directory: " + entryName);
        }
        return path;
    }

    /** Maps the low nine bits of a tar mode to permissions, always adding read access for everyone. */
    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> result = EnumSet.of(
                PosixFilePermission.OWNER_READ, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int bit = 0; bit < bits.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                result.add(bits[bit]);
            }
        }
        return result;
    }
}
