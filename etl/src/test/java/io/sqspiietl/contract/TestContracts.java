package io.sqspiietl.contract;

import java.util.ArrayList;
import java.util.List;

/** Contracts written in a test, read as the tool reads contract files. */
public final class TestContracts {
    private TestContracts() {
    }

    /** The contract in {@code yaml}. */
    public static Contract parse(String yaml) {
        try {
            return ContractReader.parse("test.yaml", yaml);
        } catch (ContractException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The contracts in {@code yamls}, as one set. */
    public static Contracts parseAll(String... yamls) {
        List<Contract> contracts = new ArrayList<>();
        for (String yaml : yamls) {
            contracts.add(parse(yaml));
        }
        return Contracts.of(contracts);
    }
}
