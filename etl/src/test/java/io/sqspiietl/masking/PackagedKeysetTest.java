package io.sqspiietl.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A keyset shipped in a read-only deployment package (Lambda's {@code /var/task}), where every file is
 * mode 644: read there, refused anywhere else as {@link KeysetAccessRule} says; and the mode check the
 * command line and the Lambda handler share.
 */
class PackagedKeysetTest {
    @TempDir
    Path dir;

    @Test
    void keysetReadableByAllInsideThePackageIsRead() throws Exception {
        Path task = Files.createDirectory(dir.resolve("task"));
        Path keyset = worldReadableKeyset(task.resolve("keyset.json"));

        assertThat(MaskingKeyset.readPackaged(keyset, task).mode()).isEqualTo(MaskingMode.DETERMINISTIC);
        assertThat(MaskingKeyset.readPackaged(Path.of(task.toString(), ".", "keyset.json"), task).kmsWrapped()).isFalse();
    }

    @Test
    void keysetOutsideThePackageIsRefusedEvenThroughALinkFromInside() throws Exception {
        Path task = Files.createDirectory(dir.resolve("task"));
        Path outside = worldReadableKeyset(dir.resolve("keyset.json"));
        Path link = Files.createSymbolicLink(task.resolve("keyset.json"), outside);

        assertThatThrownBy(() -> MaskingKeyset.readPackaged(link, task)).isInstanceOf(KeysetException.class)
                .hasMessage("keyset file " + link + " is not inside the deployment package " + task);
        assertThatThrownBy(() -> MaskingKeyset.read(outside)).isInstanceOf(KeysetException.class)
                .hasMessageContaining("is open to other users");
    }

    @Test
    void missingPackagedKeysetSaysSo() {
        Path missing = dir.resolve("keyset.json");
        assertThatThrownBy(() -> MaskingKeyset.readPackaged(missing, dir)).isInstanceOf(KeysetException.class)
                .hasMessageStartingWith("keyset file " + missing + " does not exist");
    }

    @Test
    void keysetOfAnotherModeThanRequestedIsRefusedNamingBoth() throws Exception {
        MaskingKeyset deterministic = MaskingKeyset.generate();
        deterministic.requireMode(MaskingMode.DETERMINISTIC);
        assertThatThrownBy(() -> deterministic.requireMode(MaskingMode.HMAC)).isInstanceOf(KeysetException.class)
                .hasMessage("hmac requested, but the keyset is for deterministic masking");
    }

    private static Path worldReadableKeyset(Path file) throws Exception {
        MaskingKeyset.generate().writeNew(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }
}
