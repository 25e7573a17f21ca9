package io.sqspiietl.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class ProcessIdentityTest {
    @TempDir
    Path dir;

    @Test
    void effectiveIdsAndSupplementaryGroupsAreReadFromTheProcessStatus() {
        String status = "Name:\tjava\nUmask:\t0022\nUid:\t1000\t10001\t10001\t10001\n"
                + "Gid:\t1000\t10002\t10002\t10002\nFDSize:\t256\nGroups:\t2000 3000 \nVmPeak:\t  100 kB\n";

        assertThat(ProcessIdentity.fromProcStatus(status)).isEqualTo(new ProcessIdentity(10001, Set.of(10002, 2000, 3000)));
    }

    @Test
    void aProcessWithoutSupplementaryGroupsHasItsGidAlone() {
        String status = "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nGroups:\t \n";

        assertThat(ProcessIdentity.fromProcStatus(status)).isEqualTo(new ProcessIdentity(0, Set.of(0)));
        assertThat(ProcessIdentity.fromProcStatus(status).isRoot()).isTrue();
    }

    @Test
    void statusWithoutIdsIsRefused() {
        assertThatThrownBy(() -> ProcessIdentity.fromProcStatus("Name:\tjava\nGroups:\t\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void currentIdentityOwnsTheFilesThisProcessCreates() throws Exception {
        Path file = Files.createFile(dir.resolve("created"));
        ProcessIdentity current = ProcessIdentity.current();

        assertThat(current.uid()).isEqualTo(Files.getAttribute(file, "unix:uid"))
                .isEqualTo(ProcessIdentity.fromOwnerOfNewFile().uid());
        assertThat(current.groups()).contains((Integer) Files.getAttribute(file, "unix:gid"));
    }
}
