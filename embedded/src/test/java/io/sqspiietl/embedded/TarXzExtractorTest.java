package io.sqspiietl.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarXzExtractorTest {
    @TempDir
    Path target;

    @Test
    void keepsModesAndSymlinksAndOpensDirectoriesToEveryone() throws IOException {
        byte[] archive = tarXz(
                file("bin/tool", "#!/bin/sh\n", 0750),
                file("lib/libx.so.1.2", "elf", 0600),
                symlink("lib/libx.so", "libx.so.1.2"),
                directory("share/", 0700));

        TarXzExtractor.extract(new ByteArrayInputStream(archive), target);

        assertThat(Files.getPosixFilePermissions(target.resolve("bin/tool")))
                .isEqualTo(PosixFilePermissions.fromString("rwxr-xr--"));
        assertThat(Files.getPosixFilePermissions(target.resolve("lib/libx.so.1.2")))
                .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(Files.readSymbolicLink(target.resolve("lib/libx.so"))).isEqualTo(Paths.get("libx.so.1.2"));
        assertThat(target.resolve("lib/libx.so")).hasContent("elf");
        for (String directory : new String[] {"", "bin", "lib", "share"}) {
            assertThat(Files.getPosixFilePermissions(target.resolve(directory), LinkOption.NOFOLLOW_LINKS))
                    .as(directory).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void refusesEntriesOutsideTheTarget() throws IOException {
        byte[] archive = tarXz(file("../escaped", "x", 0644));

        assertThatThrownBy(() -> TarXzExtractor.extract(new ByteArrayInputStream(archive), target))
                .isInstanceOf(IOException.class)
                .hasMessage("Archive entry escapes the target directory: ../escaped");
        assertThat(target.resolveSibling("escaped")).doesNotExist();
    }

    private record Entry(TarArchiveEntry header, byte[] content) {
    }

    private static Entry file(String name, String content, int mode) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry header = new TarArchiveEntry(name);
        header.setMode(mode);
        header.setSize(bytes.length);
        return new Entry(header, bytes);
    }

    private static Entry symlink(String name, String linkTarget) {
        TarArchiveEntry header = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
        header.setLinkName(linkTarget);
        return new Entry(header, new byte[0]);
    }

    private static Entry directory(String name, int mode) {
        TarArchiveEntry header = new TarArchiveEntry(name);
        header.setMode((TarArchiveEntry.DEFAULT_DIR_MODE & ~0777) | mode);
        return new Entry(header, new byte[0]);
    }

    private static byte[] tarXz(Entry... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZCompressorOutputStream(bytes))) {
            for (Entry entry : entries) {
                tar.putArchiveEntry(entry.header());
                tar.write(entry.content());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
