package io.sqspiietl.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keyset access rule on real files: ownership read through the symbolic links of a Kubernetes secret
 * volume, and the one-line refusal. Files this process creates are its own; the root-owned and foreign-owned
 * layouts need root to create, and {@link KeysetAccessRuleTest} judges them as numbers everywhere.
 */
class KeysetAccessRuleFilesTest {
    private static final Logger LOG = LoggerFactory.getLogger(KeysetAccessRuleFilesTest.class);
    private static final ProcessIdentity POD = new ProcessIdentity(10001, Set.of(10001));

    @TempDir
    Path volume;
    private Path keyset;
    private Path target;
    private ProcessIdentity self;

    /** A keyset in the kubelet's atomic-writer layout: keyset.json -> ..data/keyset.json, ..data -> ..TIMESTAMP. */
    @BeforeEach
    void writeKeysetAsASecretVolume() throws Exception {
        Path timestamped = Files.createDirectory(volume.resolve("..2026_12_07_15_00_00.000000001"));
        target = timestamped.resolve("keyset.json");
        MaskingKeyset.generate().writeNew(target);
        Files.createSymbolicLink(volume.resolve("..data"), timestamped.getFileName());
        keyset = Files.createSymbolicLink(volume.resolve("keyset.json"), Path.of("..data", "keyset.json"));
        self = ProcessIdentity.current();
    }

    @Test
    void ownOwnerOnlyFileThroughTheSecretVolumesLinksIsRead() throws Exception {
        for (String mode : new String[] {"rw-------", "r--------"}) {
            chmod(mode);
            assertThatCode(() -> KeysetAccessRule.check(keyset, self)).as(mode).doesNotThrowAnyException();
        }
        assertThat(MaskingKeyset.read(keyset).mode()).isEqualTo(MaskingMode.DETERMINISTIC);
    }

    @Test
    void fileOpenToOtherUsersIsRefusedInOneLineNamingItsOwnerModeAndFix() throws Exception {
        chmod("rw-r--r--");
        assertThatThrownBy(() -> MaskingKeyset.read(keyset)).isInstanceOf(KeysetException.class)
                .hasMessage("keyset file " + keyset + " (owner uid " + owner() + ", group " + group() + ", mode 0644)"
                        + " is open to other users; run 'chmod o-rwx " + keyset + "'"
                        + " (a Kubernetes secret: defaultMode 0400 with the pod's fsGroup)");
        chmod("rw----r--");
        assertThatThrownBy(() -> KeysetAccessRule.check(keyset, self)).hasMessageContaining("mode 0604) is open to other users");
    }

    @Test
    void fileWritableByItsGroupIsRefused() throws Exception {
        chmod("rw-rw----");
        assertThatThrownBy(() -> KeysetAccessRule.check(keyset, self))
                .hasMessage("keyset file " + keyset + " (owner uid " + owner() + ", group " + group() + ", mode 0660)"
                        + " is writable by its group; run 'chmod g-w " + keyset + "'"
                        + " (a Kubernetes secret: defaultMode 0400 with the pod's fsGroup)");
    }

    @Test
    void layoutsOfAKubernetesSecretVolumeAreJudgedFromTheFileTheLinksReach() throws Exception {
        requireRoot();
        chown(0, 10001);
        chmod("r--r-----");
        assertThatCode(() -> KeysetAccessRule.check(keyset, POD)).as("fsGroup 10001: 0440 root:10001").doesNotThrowAnyException();

        chown(0, 0);
        chmod("r--------");
        assertThatThrownBy(() -> KeysetAccessRule.check(keyset, POD)).as("no fsGroup: 0400 root:root")
                .hasMessage("keyset file " + keyset + " (owner uid 0, group 0, mode 0400) is readable only by root, and this"
                        + " process runs as uid 10001; set the pod's fsGroup (Kubernetes then gives the file group read"
                        + " for it), or run 'chown 10001 " + keyset + "'");
    }

    @Test
    void fileOfAnotherUserIsRefusedEvenWhenItsGroupMayRead() throws Exception {
        requireRoot();
        chown(1000, 10001);
        chmod("rw-r-----");
        assertThatThrownBy(() -> KeysetAccessRule.check(keyset, POD))
                .hasMessage("keyset file " + keyset + " (owner uid 1000, group 10001, mode 0640) belongs to neither this"
                        + " process's uid 10001 nor root; run the tool as uid 1000, or 'chown 10001 " + keyset + "'");
    }

    private void requireRoot() {
        if (!self.isRoot()) {
            String skipped = "not root: root-owned and foreign-owned keyset files cannot be created here"
                    + " (KeysetAccessRuleTest judges them as numbers)";
            LOG.warn(skipped);
            Assumptions.abort(skipped);
        }
    }

    private void chmod(String permissions) throws IOException {
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(permissions));
    }

    private void chown(int uid, int gid) throws IOException {
        Files.setAttribute(target, "unix:uid", uid);
        Files.setAttribute(target, "unix:gid", gid);
    }

    private Object owner() throws IOException {
        return Files.getAttribute(target, "unix:uid");
    }

    private Object group() throws IOException {
        return Files.getAttribute(target, "unix:gid");
    }
}
