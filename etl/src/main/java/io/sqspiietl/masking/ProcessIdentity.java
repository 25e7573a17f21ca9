package io.sqspiietl.masking;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The user and groups whose permissions this process has when it opens a file: its effective uid, and its
 * effective gid with its supplementary groups (where Kubernetes puts a pod's {@code fsGroup}). Immutable.
 *
 * @param uid    the effective user id; 0 is root
 * @param groups the effective group id and the supplementary group ids; empty when they are unknown
 */
public record ProcessIdentity(int uid, Set<Integer> groups) {
    /** The user id of root, who can read every file. */
    public static final int ROOT = 0;
    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    public ProcessIdentity {
        groups = Set.copyOf(groups);
    }

    /** Whether this process runs as root. */
    public boolean isRoot() {
        return uid == ROOT;
    }

    /**
     * This process's identity. On Linux it is read from {@code /proc/self/status}. Elsewhere (macOS) the
     * uid is the owner of a file this process creates, and the groups are unknown, so only a file this
     * process owns, or a root-owned one when it runs as root, passes {@link KeysetAccessRule}.
     *
     * @throws IOException if neither source can be read
     */
    public static ProcessIdentity current() throws IOException {
        if (Files.isReadable(PROC_STATUS)) {
            return fromProcStatus(Files.readString(PROC_STATUS, StandardCharsets.UTF_8));
        }
        return fromOwnerOfNewFile();
    }

    /**
     * The identity stated by the {@code Uid:}, {@code Gid:} and {@code Groups:} lines of a Linux
     * {@code /proc/PID/status} file; the effective ids are the second of each line's four.
     *
     * @throws IllegalArgumentException if the text lacks the {@code Uid:} or {@code Gid:} line
     */
    static ProcessIdentity fromProcStatus(String status) {
        Integer uid = null;
        Set<Integer> groups = new HashSet<>();
        boolean gidFound = false;
        for (String line : status.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            switch (fields[0]) {
                case "Uid:" -> uid = Integer.parseInt(fields[2]);
                case "Gid:" -> {
                    groups.add(Integer.parseInt(fields[2]));
                    gidFound = true;
                }
                case "Groups:" -> {
                    for (int i = 1; i < fields.length; i++) {
                        groups.add(Integer.parseInt(fields[i]));
                    }
                }
                default -> {
                    // other lines describe memory, signals and threads
                }
            }
        }
        if (uid == null || !gidFound) {
            throw new IllegalArgumentException("no Uid: or Gid: line in the process status");
        }
        return new ProcessIdentity(uid, groups);
    }

    /** The uid that owns a file this process creates, which is its effective uid on every Unix; groups unknown. */
    static ProcessIdentity fromOwnerOfNewFile() throws IOException {
        Path probe = Files.createTempFile("sqs-pii-etl-uid", ".probe");
        try {
            return new ProcessIdentity((Integer) Files.getAttribute(probe, "unix:uid"), Set.of());
        } finally {
            Files.delete(probe);
        }
    }
}
