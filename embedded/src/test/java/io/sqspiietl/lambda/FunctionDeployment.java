package io.sqspiietl.lambda;

import io.sqspiietl.masking.MaskingKeyset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * A function deployed as Lambda lays it out: the deployment package unpacked in a task root, the keyset in
 * it with the mode Lambda gives every file (644), and the environment the SAM template sets.
 *
 * @param taskRoot the function's {@code /var/task}
 * @param keyset   the keyset packaged in it
 * @param jdbcUrl  the database the function loads
 */
record FunctionDeployment(Path taskRoot, MaskingKeyset keyset, String jdbcUrl) {
    static final String KEYSET_FILE = "keyset.json";

    /** A task root in {@code dir} holding a new keyset. */
    static FunctionDeployment create(Path dir, String jdbcUrl) throws Exception {
        Path taskRoot = Files.createDirectories(dir.resolve("task"));
        MaskingKeyset keyset = MaskingKeyset.generate();
        Path file = taskRoot.resolve(KEYSET_FILE);
        keyset.writeNew(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return new FunctionDeployment(taskRoot, keyset, jdbcUrl);
    }

    /** The function's environment: the template's variables and Lambda's {@code LAMBDA_TASK_ROOT}. */
    Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("SQS_PII_ETL_JDBC_URL", jdbcUrl);
        environment.put("SQS_PII_ETL_KEYSET", KEYSET_FILE);
        environment.put(FunctionSettings.TASK_ROOT, taskRoot.toString());
        return environment;
    }

    /** The handler as Lambda's init makes it. */
    SqsHandler handler() {
        return new SqsHandler(environment(), Clock.systemUTC());
    }
}
