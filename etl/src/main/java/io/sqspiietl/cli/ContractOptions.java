package io.sqspiietl.cli;

import io.sqspiietl.contract.ContractException;
import io.sqspiietl.contract.ContractReader;
import io.sqspiietl.contract.Contracts;
import java.util.List;
import picocli.CommandLine.Option;

/** The contracts of a command: which events it reads, and which tables it loads. */
final class ContractOptions {
    @Option(names = "--contract", paramLabel = "FILE", split = ",",
            defaultValue = "${env:SQS_PII_ETL_CONTRACTS:-" + ContractReader.LOGIN + "}",
            description = "A contract file (repeat it, or separate with commas, for several event types on one queue), "
                    + "or " + ContractReader.LOGIN + ", the built-in user-login contract (default: ${DEFAULT-VALUE}). "
                    + "Env: SQS_PII_ETL_CONTRACTS.")
    List<String> locations;

    /** The contracts read and checked; a mistake is a configuration error naming the file, line and key. */
    Contracts contracts() {
        try {
            return ContractReader.readAll(locations);
        } catch (ContractException e) {
            throw new ConfigException("--contract: " + e.getMessage());
        }
    }
}
