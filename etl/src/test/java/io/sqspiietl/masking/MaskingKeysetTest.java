package io.sqspiietl.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskingKeysetTest {
    @TempDir
    Path dir;

    @Test
    void writtenKeysetIsOwnerOnlyAndReadsBackToTheSameKey() throws Exception {
        Path file = dir.resolve("keyset.json");
        MaskingKeyset keyset = MaskingKeyset.generate();
        keyset.writeNew(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String masked = keyset.fieldMasker().mask(LoginDomains.IP, "1.2.3.4");
        assertThat(MaskingKeyset.read(file).fieldMasker().reveal(LoginDomains.IP, masked)).isEqualTo("1.2.3.4");
    }

    @Test
    void existingFileIsNeverOverwritten() throws Exception {
        Path file = dir.resolve("keyset.json");
        Files.writeString(file, "precious");
        assertThatThrownBy(() -> MaskingKeyset.generate().writeNew(file))
                .isInstanceOf(KeysetException.class)
                .hasMessage("refusing to overwrite existing file " + file);
        assertThat(Files.readString(file)).isEqualTo("precious");
    }

    @Test
    void keysetReadableByOthersIsRefused() throws Exception {
        Path file = dir.resolve("keyset.json");
        MaskingKeyset.generate().writeNew(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> MaskingKeyset.read(file))
                .isInstanceOf(KeysetException.class)
                .hasMessageContaining("is open to other users");
    }

    @Test
    void missingOrMalformedKeysetIsExplained() throws Exception {
        assertThatThrownBy(() -> MaskingKeyset.read(dir.resolve("absent.json")))
                .isInstanceOf(KeysetException.class)
                .hasMessageContaining("does not exist");
        Path junk = dir.resolve("junk.json");
        Files.writeString(junk, "{}");
        Files.setPosixFilePermissions(junk, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> MaskingKeyset.read(junk))
                .isInstanceOf(KeysetException.class)
                .hasMessageStartingWith("keyset file " + junk + " is not a valid sqs-pii-etl keyset");
    }
}
