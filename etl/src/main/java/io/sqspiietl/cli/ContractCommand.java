package io.sqspiietl.cli;

import io.sqspiietl.contract.Contract;
import io.sqspiietl.contract.ContractException;
import io.sqspiietl.contract.ContractReader;
import io.sqspiietl.contract.Contracts;
import io.sqspiietl.contract.Policy;
import io.sqspiietl.sink.ContractTables;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code contract}: check contract files, and print their tables' DDL. */
@Command(name = "contract", mixinStandardHelpOptions = true,
        description = "Check contract files (docs/contracts.md), and print the CREATE TABLE of their tables.",
        subcommands = {ContractCommand.Check.class, ContractCommand.Ddl.class})
final class ContractCommand {

    /** The files of a {@code contract} subcommand, read together as the contracts of one queue. */
    abstract static class Files implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", arity = "1..*",
                description = "Contract files, or " + ContractReader.LOGIN + ", read together as the contracts of one queue.")
        List<String> locations;

        @Override
        public Integer call() {
            Contracts contracts;
            try {
                contracts = ContractReader.readAll(locations);
            } catch (ContractException e) {
                throw new ConfigException(e.getMessage());
            }
            print(contracts, spec.commandLine().getOut());
            return ExitCodes.OK;
        }

        abstract void print(Contracts contracts, PrintWriter out);
    }

    /** {@code contract check}: validate, and say what each contract does. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate contract files together: each mistake is one line with the file, the line and "
                    + "the key (exit 2). Prints what each contract takes and stores.")
    static final class Check extends Files {
        @Override
        void print(Contracts contracts, PrintWriter out) {
            for (Contract contract : contracts.all()) {
                out.printf("contract %s -> table %s: %s; %s%n", contract.name(), contract.table(),
                        contract.match().map(rule -> "takes " + rule).orElse("takes the messages no other contract matches"),
                        columns(contract));
            }
            out.printf("ok: %d contract%s%s%n", contracts.all().size(), contracts.all().size() == 1 ? "" : "s",
                    contracts.routingField().map(field -> ", routed on " + field).orElse(""));
        }

        /** E.g. {@code 9 columns stored (2 mask, 1 hmac, 6 keep), 1 dropped}. */
        private static String columns(Contract contract) {
            Map<String, Long> byPolicy = contract.storedColumns().stream()
                    .collect(Collectors.groupingBy(column -> column.policy().code(), TreeMap::new, Collectors.counting()));
            long dropped = contract.columns().stream().filter(column -> column.policy() == Policy.DROP).count();
            return contract.storedColumns().size() + " columns stored (" + byPolicy.entrySet().stream()
                    .map(entry -> entry.getValue() + " " + entry.getKey()).collect(Collectors.joining(", ")) + ")"
                    + (dropped == 0 ? "" : ", " + dropped + " dropped");
        }
    }

    /** {@code contract ddl}: the tables as the contracts need them. */
    @Command(name = "ddl", mixinStandardHelpOptions = true,
            description = "Print the CREATE TABLE of each contract's table, as run --create-tables creates it.")
    static final class Ddl extends Files {
        @Override
        void print(Contracts contracts, PrintWriter out) {
            contracts.all().forEach(contract -> out.println(ContractTables.ddl(contract)));
        }
    }
}
