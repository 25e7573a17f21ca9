package io.sqspiietl.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerAccountTest {
    private static final List<String> POSTGRES = List.of("postgres", "-D", "/tmp/data");

    @Test
    void rootOnLinuxRunsServersAsNobodyThroughSetpriv() {
        assertThat(ServerAccount.forUid(0, "Linux").commandLine(POSTGRES)).containsExactly(
                "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--", "postgres", "-D", "/tmp/data");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Linux", "Mac OS X"})
    void anOrdinaryUserRunsServersAsItself(String osName) {
        assertThat(ServerAccount.forUid(1000, osName).commandLine(POSTGRES)).isEqualTo(POSTGRES);
    }

    @Test
    void rootOnMacOsIsRefusedWithWhatToDoInstead() {
        assertThatThrownBy(() -> ServerAccount.forUid(0, "Mac OS X"))
                .isInstanceOf(EmbeddedServiceException.class)
                .hasMessage("PostgreSQL and PgBouncer refuse to run as root, and dropping root to nobody is supported"
                        + " on Linux only (util-linux setpriv); on Mac OS X run the tests and the demo as an ordinary user");
    }
}
