package io.sqspiietl.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostgresInstallationTest {
    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource({
        "Linux,    amd64,   postgres-linux-x86_64.txz",
        "Linux,    x86_64,  postgres-linux-x86_64.txz",
        "Linux,    aarch64, postgres-linux-arm_64.txz",
        "Mac OS X, x86_64,  postgres-darwin-x86_64.txz",
        "Mac OS X, aarch64, postgres-darwin-arm_64.txz",
    })
    void eachSupportedPlatformFindsTheArchiveItsZonkyJarHolds(String osName, String osArch, String archive) {
        assertThat(PostgresInstallation.archiveName(osName, osArch)).isEqualTo(archive);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"Windows 11, amd64", "FreeBSD, amd64", "Linux, s390x", "Mac OS X, ppc"})
    void anyOtherPlatformIsRefusedByName(String osName, String osArch) {
        assertThatThrownBy(() -> PostgresInstallation.archiveName(osName, osArch))
                .isInstanceOf(EmbeddedServiceException.class)
                .hasMessage("Embedded PostgreSQL has no binaries for " + osName + " on " + osArch
                        + "; it runs on Linux and macOS, on x86-64 and on ARM64");
    }

    @Test
    void theBuildPutTheArchiveOfThisMachineOnTheClasspath() {
        String archive = PostgresInstallation.archiveName(System.getProperty("os.name"), System.getProperty("os.arch"));
        assertThat(PostgresInstallation.class.getClassLoader().getResource(archive)).as(archive).isNotNull();
    }
}
