package io.sqspiietl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The container files as text: the compose file starts what the README promises, with options the tool really
 * has, and the Dockerfile keeps the shape users build. Docker itself does not run here; ContainerImageIT builds the
 * Dockerfile with podman and runs the image.
 */
class ContainerFilesTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final String COMPOSE_COMMAND =
            "ETL_UID=$(id -u) ETL_GID=$(id -g) docker compose up --build --exit-code-from etl";

    @Test
    void composeFileStartsTheTakeHomeImagesOnTheReadmePorts() throws IOException {
        String compose = read("docker-compose.yml");
        String readme = read("README.md");
        for (String promised : List.of("fetchdocker/data-takehome-localstack", "fetchdocker/data-takehome-postgres",
                "4566:4566", "5432:5432")) {
            assertThat(compose).contains(promised);
            assertThat(readme).contains(promised);
        }
        assertThat(compose).contains(COMPOSE_COMMAND);
        assertThat(readme).contains(COMPOSE_COMMAND);
    }

    @Test
    void composeRunDrainsWithRealOptionsAfterBothServicesAreHealthy() throws IOException {
        String compose = read("docker-compose.yml");
        List<String> command = etlCommand(compose);
        assertThat(command).startsWith("run").contains("--until-empty", "--sqs-protocol", "auto");
        CommandSpec run = Main.commandLine().getSubcommands().get("run").getCommandSpec();
        command.stream().filter(arg -> arg.startsWith("--"))
                .forEach(option -> assertThat(run.findOption(option)).as(option).isNotNull());
        assertThat(command.get(command.indexOf("--keyset") + 1)).isEqualTo("/run/secrets/login-keyset");
        assertThat(compose).contains("secrets:\n      - login-keyset").contains("file: ./login-keyset.json");
        assertThat(Pattern.compile("condition: service_healthy").matcher(compose).results().count()).isEqualTo(2);
        assertThat(read("README.md")).contains("sqs-pii-etl " + String.join(" ", command.subList(0, 2)))
                .contains("/run/secrets/login-keyset");
    }

    @Test
    void imageRunsTheLeanJarOnAJreAsNonRoot() throws IOException {
        String dockerfile = read("Dockerfile");
        String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
        assertThat(dockerfile).contains("\nFROM ${BUILD_BASE} AS build\n")
                .contains("\nFROM scratch AS jar\nCOPY --from=build /src/etl/target/sqs-pii-etl.jar /sqs-pii-etl.jar\n");
        assertThat(runtime).startsWith("\nFROM ${RUNTIME_BASE}\n")
                .contains("COPY --from=jar /sqs-pii-etl.jar /opt/sqs-pii-etl/sqs-pii-etl.jar\n")
                .containsPattern("\\nUSER [1-9][0-9]*:[1-9][0-9]*\\n")
                .contains("COPY bin/jvm-options /opt/sqs-pii-etl/jvm-options\n")
                .contains("ENTRYPOINT [\"/bin/sh\", \"-c\", \"exec java $(/opt/sqs-pii-etl/jvm-options \\\"$@\\\") "
                        + "-XX:SharedArchiveFile=/opt/sqs-pii-etl/sqs-pii-etl.jsa -Xlog:cds=off ${JAVA_OPTS:-} "
                        + "-jar /opt/sqs-pii-etl/sqs-pii-etl.jar \\\"$@\\\"\", \"sqs-pii-etl\"]")
                .contains("-XX:ArchiveClassesAtExit=/opt/sqs-pii-etl/sqs-pii-etl.jsa")
                .doesNotContain("embedded").doesNotContain("mvnw");
    }

    /**
     * Users pull the public bases by default; the build arguments exist for a base made elsewhere, which is how
     * .ci/build-image (ContainerImageIT) builds this same file: on a Debian JRE, with the host's jar in place of the
     * Maven stage. The runtime stage's commands stay those of any JRE image, Alpine (busybox) or Debian (dash).
     */
    @Test
    void baseImagesAreBuildArgumentsDefaultingToThePublicImagesAndTheScriptReplacesOnlyTheJarStage() throws IOException {
        String dockerfile = read("Dockerfile");
        String beforeFirstStage = dockerfile.substring(0, dockerfile.indexOf("\nFROM "));
        assertThat(beforeFirstStage).contains("\nARG BUILD_BASE=eclipse-temurin:17-jdk\n")
                .contains("\nARG RUNTIME_BASE=eclipse-temurin:17-jre-alpine\n");
        String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
        for (String distributionSpecific : List.of("apk ", "apt-get ", "useradd ", "adduser ", "bash")) {
            assertThat(runtime).doesNotContain(distributionSpecific);
        }

        String script = read(".ci/build-image");
        assertThat(script).contains("build --build-arg RUNTIME_BASE=\"$base\" --build-context jar=etl/target ")
                .contains("jar=etl/target/sqs-pii-etl.jar\n");
        String compose = read("docker-compose.yml");
        assertThat(compose).contains("\n    build: .\n").doesNotContain("args:").doesNotContain("RUNTIME_BASE");
    }

    /** The flow-style {@code command: [...]} list of the etl service, as plain strings. */
    private static List<String> etlCommand(String compose) {
        Matcher list = Pattern.compile("\\n  etl:\\n(?:.*\\n)*?    command: \\[([^]]*)]").matcher(compose);
        assertThat(list.find()).as("etl service with a command list").isTrue();
        List<String> args = new ArrayList<>();
        Matcher quoted = Pattern.compile("\"([^\"]*)\"").matcher(list.group(1));
        while (quoted.find()) {
            args.add(quoted.group(1));
        }
        return args;
    }

    private static String read(String file) throws IOException {
        return Files.readString(ROOT.resolve(file));
    }
}
