package io.sqspiietl.masking;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Who may hold the keyset file, decided from its ownership and the identity of the process reading it.
 * The keyset opens every mask and every quarantined body, so a file that anyone else may read is refused.
 *
 * <p>The rule: no access at all for other users, and no group write. The file must then be
 * <ul>
 *   <li>owned by this process's user, with no group access (mode 600 or 400, as {@code keys create} writes
 *       it); or</li>
 *   <li>owned by root (only root could have changed it, and root reads every file anyway) and readable by
 *       this process: by a group this process is in, or by root. This is how Kubernetes mounts a secret:
 *       files owned by root, reached through {@code ..data} links, and with the pod's {@code fsGroup} set,
 *       in that group with group read added ({@code defaultMode: 0400} becomes 0440).</li>
 * </ul>
 * A root-owned file readable by a group this process is not in is refused: it would show the key to that
 * group's members, and not to this process unless it is root.
 *
 * <p>{@link #judge} is a pure function, so every combination can be tested without being root.
 */
public final class KeysetAccessRule {
    private static final int OTHERS_ANY = 0007;
    private static final int GROUP_WRITE = 0020;
    private static final int GROUP_READ = 0040;

    /** What the rule says of a file. */
    public enum Verdict {
        ACCEPTED,
        OPEN_TO_OTHER_USERS,
        WRITABLE_BY_GROUP,
        OWNED_BY_ANOTHER_USER,
        OWN_FILE_READABLE_BY_GROUP,
        READABLE_BY_A_GROUP_OF_OTHERS,
        READABLE_ONLY_BY_ROOT
    }

    private KeysetAccessRule() {
    }

    /** Judges a file of the given ownership, to be read by the given process. */
    public static Verdict judge(FileOwnership file, ProcessIdentity process) {
        if ((file.mode() & OTHERS_ANY) != 0) {
            return Verdict.OPEN_TO_OTHER_USERS;
        }
        if ((file.mode() & GROUP_WRITE) != 0) {
            return Verdict.WRITABLE_BY_GROUP;
        }
        boolean groupReadable = (file.mode() & GROUP_READ) != 0;
        if (file.uid() == ProcessIdentity.ROOT) {
            if (groupReadable) {
                return process.groups().contains(file.gid()) ? Verdict.ACCEPTED : Verdict.READABLE_BY_A_GROUP_OF_OTHERS;
            }
            return process.isRoot() ? Verdict.ACCEPTED : Verdict.READABLE_ONLY_BY_ROOT;
        }
        if (file.uid() == process.uid()) {
            return groupReadable ? Verdict.OWN_FILE_READABLE_BY_GROUP : Verdict.ACCEPTED;
        }
        return Verdict.OWNED_BY_ANOTHER_USER;
    }

    /**
     * Refuses {@code file}, symbolic links followed, unless the rule accepts it for {@code process}. Files
     * without Unix attributes (Windows) are the platform's business and pass.
     *
     * @throws KeysetException one line naming the file, its ownership and mode, and how to fix it
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     */
    static void check(Path file, ProcessIdentity process) throws IOException, KeysetException {
        Optional<FileOwnership> ownership = FileOwnership.of(file);
        if (ownership.isEmpty()) {
            return;
        }
        Verdict verdict = judge(ownership.get(), process);
        if (verdict != Verdict.ACCEPTED) {
            throw new KeysetException("keyset file " + file + " (" + ownership.get().describe() + ") "
                    + reason(verdict, file, ownership.get(), process));
        }
    }

    private static String reason(Verdict verdict, Path file, FileOwnership ownership, ProcessIdentity process) {
        String secretModes = "(a Kubernetes secret: defaultMode 0400 with the pod's fsGroup)";
        return switch (verdict) {
            case OPEN_TO_OTHER_USERS -> "is open to other users; run 'chmod o-rwx " + file + "' " + secretModes;
            case WRITABLE_BY_GROUP -> "is writable by its group; run 'chmod g-w " + file + "' " + secretModes;
            case OWNED_BY_ANOTHER_USER -> "belongs to neither this process's uid " + process.uid()
                    + " nor root; run the tool as uid " + ownership.uid() + ", or 'chown " + process.uid() + " " + file + "'";
            case OWN_FILE_READABLE_BY_GROUP -> "is readable by group " + ownership.gid() + "; run 'chmod 600 " + file
                    + "' (group read is accepted only on a root-owned file, as Kubernetes mounts a secret with fsGroup)";
            case READABLE_BY_A_GROUP_OF_OTHERS -> "is readable by group " + ownership.gid() + ", which this process (uid "
                    + process.uid() + ", groups " + process.groups() + ") is not in; mount it with the pod's fsGroup set"
                    + " to a group of this process, or run 'chmod g-r " + file + "'";
            case READABLE_ONLY_BY_ROOT -> "is readable only by root, and this process runs as uid " + process.uid()
                    + "; set the pod's fsGroup (Kubernetes then gives the file group read for it), or run 'chown "
                    + process.uid() + " " + file + "'";
            case ACCEPTED -> throw new IllegalArgumentException("an accepted file needs no reason");
        };
    }
}
