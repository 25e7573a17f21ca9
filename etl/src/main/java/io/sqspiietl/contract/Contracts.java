package io.sqspiietl.contract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contracts of one run, and the routing of each message to exactly one of them. Every contract
 * with a match rule matches on the same field (the routing field) with a value of its own; at most
 * one has no match rule and takes the messages no other one takes. So no message can match two.
 * Immutable and thread-safe.
 */
public final class Contracts {
    private final List<Contract> all;
    private final String routingField;
    private final Map<String, Contract> byMatchValue = new HashMap<>();
    private final Contract fallback;

    private Contracts(List<Contract> all) {
        this.all = List.copyOf(all);
        this.routingField = all.stream().flatMap(c -> c.match().stream()).map(MatchRule::field).findFirst().orElse(null);
        for (Contract contract : all) {
            contract.match().ifPresent(rule -> byMatchValue.put(rule.value(), contract));
        }
        this.fallback = all.stream().filter(c -> c.match().isEmpty()).findFirst().orElse(null);
    }

    /**
     * The set of {@code contracts}.
     *
     * @throws IllegalArgumentException naming the first contract that conflicts with one before it
     */
    public static Contracts of(List<Contract> contracts) {
        if (contracts.isEmpty()) {
            throw new IllegalArgumentException("at least one contract is needed");
        }
        List<Contract> checked = new ArrayList<>();
        for (Contract contract : contracts) {
            conflict(checked, contract).ifPresent(problem -> {
                throw new IllegalArgumentException("contract " + contract.name() + ": " + problem);
            });
            checked.add(contract);
        }
        return new Contracts(checked);
    }

    /** The one contract {@code contract}. */
    public static Contracts of(Contract contract) {
        return of(List.of(contract));
    }

    /**
     * What keeps {@code next} from joining {@code earlier}: a name taken, a second contract without a
     * match rule, another routing field, or a match value taken. Empty when it may join.
     */
    static Optional<String> conflict(List<Contract> earlier, Contract next) {
        for (Contract other : earlier) {
            if (other.name().equals(next.name())) {
                return Optional.of("the name " + next.name() + " is taken by another contract");
            }
            if (other.match().isEmpty() && next.match().isEmpty()) {
                return Optional.of("contracts " + other.name() + " and " + next.name() + " both lack a match rule; "
                        + "only one contract may take the messages no other one matches");
            }
            if (other.match().isPresent() && next.match().isPresent()) {
                MatchRule theirs = other.match().get();
                MatchRule mine = next.match().get();
                if (!theirs.field().equals(mine.field())) {
                    return Optional.of("contract " + other.name() + " matches on " + theirs.field() + " and this one on "
                            + mine.field() + "; all contracts of a queue must match on the same field");
                }
                if (theirs.value().equals(mine.value())) {
                    return Optional.of("contract " + other.name() + " matches " + theirs + " already");
                }
            }
        }
        return Optional.empty();
    }

    /** Every contract, in the order given. */
    public List<Contract> all() {
        return all;
    }

    /** The field the contracts match on; empty when none has a match rule. */
    public Optional<String> routingField() {
        return Optional.ofNullable(routingField);
    }

    /**
     * The contract of a message.
     *
     * @param routingValue the JSON text of the message's routing field, or null when it has no scalar
     *                     value there
     * @return the contract that matches it, else the one without a match rule; null when there is none
     */
    public Contract route(String routingValue) {
        Contract matched = routingValue == null ? null : byMatchValue.get(routingValue);
        return matched != null ? matched : fallback;
    }

    /** The contract named {@code name}. */
    public Optional<Contract> named(String name) {
        return all.stream().filter(contract -> contract.name().equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return all.toString();
    }
}
