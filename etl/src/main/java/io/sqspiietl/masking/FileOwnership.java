package io.sqspiietl.masking;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A file's owner, group and permission bits, as {@code stat(2)} reports them. Immutable.
 *
 * @param uid  the owner's user id
 * @param gid  the group id
 * @param mode the permission bits, e.g. {@code 0440}; no file type, setuid, setgid or sticky bits
 */
public record FileOwnership(int uid, int gid, int mode) {
    private static final int PERMISSION_BITS = 0777;

    public FileOwnership {
        mode &= PERMISSION_BITS;
    }

    /**
     * The ownership of {@code file}, symbolic links followed (a Kubernetes secret volume reaches each file
     * through {@code ..data} links); empty on a file system without Unix attributes (Windows).
     *
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     */
    static Optional<FileOwnership> of(Path file) throws IOException {
        Map<String, Object> attributes;
        try {
            attributes = Files.readAttributes(file, "unix:uid,gid,mode");
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            return Optional.empty();
        }
        return Optional.of(new FileOwnership(
                (Integer) attributes.get("uid"), (Integer) attributes.get("gid"), (Integer) attributes.get("mode")));
    }

    /** As {@code ls -n} would show it: {@code owner uid 0, group 10001, mode 0440}. */
    String describe() {
        return "owner uid " + uid + ", group " + gid + ", mode " + String.format("%04o", mode);
    }
}
