package io.sqspiietl.contract;

import io.sqspiietl.contract.YamlTree.Mapping;
import io.sqspiietl.contract.YamlTree.Node;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads contract files ({@code docs/contracts.md} is the reference of every key) and the contracts
 * built into the tool, named {@code builtin:NAME}. A mistake is a {@link ContractException} naming
 * the file, the line and the key. Stateless and thread-safe.
 */
public final class ContractReader {
    /** How a built-in contract is named where a file could be. */
    public static final String BUILTIN = "builtin:";
    /** The take-home's user-login contract, the default when no contract is given. */
    public static final String LOGIN = BUILTIN + "login";

    private static final Set<String> ROOT_KEYS = Set.of("contract", "table", "match", "subject", "columns", "stats");
    private static final Set<String> STATS_KEYS = Set.of("repeated", "rows_by");

    /** A contract as read, with where its name and match rule stand, to report a conflict there. */
    private record Read(Contract contract, String origin, int nameLine, int matchLine) {
    }

    private ContractReader() {
    }

    /**
     * Reads the contracts of one run: files or built-in names, which together must route every message
     * to at most one contract (see {@link Contracts}).
     */
    public static Contracts readAll(List<String> locations) throws ContractException {
        List<Contract> contracts = new ArrayList<>();
        for (String location : locations) {
            Read read = read(location, load(location));
            Optional<String> conflict = Contracts.conflict(contracts, read.contract());
            if (conflict.isPresent()) {
                boolean byName = contracts.stream().anyMatch(c -> c.name().equals(read.contract().name()));
                throw ContractException.at(read.origin(), byName ? read.nameLine() : read.matchLine(),
                        byName ? "contract" : "match", conflict.get());
            }
            contracts.add(read.contract());
        }
        return Contracts.of(contracts);
    }

    /** The built-in login contract alone: the default of every command. */
    public static Contracts login() {
        try {
            return readAll(List.of(LOGIN));
        } catch (ContractException e) {
            throw new IllegalStateException("the built-in login contract does not read: the build is broken", e);
        }
    }

    /** Reads one contract file or built-in contract. */
    public static Contract read(String location) throws ContractException {
        return read(location, load(location)).contract();
    }

    /** Reads {@code text} as the contract file {@code origin}. */
    static Contract parse(String origin, String text) throws ContractException {
        return read(origin, text).contract();
    }

    private static Read read(String origin, String text) throws ContractException {
        Node tree = YamlTree.parse(origin, text);
        YamlMapping root = YamlMapping.open(origin, "", tree, ROOT_KEYS);
        String name = root.identifier("contract");
        String table = table(root);
        Optional<MatchRule> match = root.has("match") ? Optional.of(match(root)) : Optional.empty();
        List<Column> columns = columns(root);
        String subject = root.has("subject") ? subject(root, columns) : null;
        StatsSpec stats = stats(root, columns);
        Map<String, Integer> keyLines = ((Mapping) tree).keyLines();
        return new Read(new Contract(name, table, match, subject, columns, stats), origin,
                keyLines.get("contract"), keyLines.getOrDefault("match", tree.line()));
    }

    private static String table(YamlMapping root) throws ContractException {
        String table = root.text("table");
        String[] parts = table.split("\\.", -1);
        if (parts.length > 2 || !Arrays.stream(parts).allMatch(part -> YamlMapping.IDENTIFIER.matcher(part).matches())) {
            throw root.error("table", "'" + table + "' is not a table name: a lower-case identifier, or schema.table");
        }
        return table;
    }

    private static MatchRule match(YamlMapping root) throws ContractException {
        Mapping match = root.mapping("match");
        if (match.entries().size() != 1) {
            throw root.error("match", "expected one field and the value it must hold, e.g. event_type: purchase");
        }
        Map.Entry<String, Node> rule = match.entries().entrySet().iterator().next();
        String field = rule.getKey();
        YamlMapping one = YamlMapping.open(root.origin(), "match", match, Set.of(field));
        ColumnReader.requireFieldKey(one, field, field);
        return new MatchRule(field, one.text(field));
    }

    private static List<Column> columns(YamlMapping root) throws ContractException {
        List<Node> items = root.list("columns");
        if (items.isEmpty()) {
            throw root.error("columns", "a contract has at least one column");
        }
        List<Column> columns = new ArrayList<>(items.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Column column = ColumnReader.read(root.origin(), "columns[" + i + "]", items.get(i));
            if (!names.add(column.name())) {
                throw ContractException.at(root.origin(), items.get(i).line(), "columns[" + i + "].name",
                        "column " + column.name() + " is declared twice");
            }
            columns.add(column);
        }
        if (columns.stream().noneMatch(Column::isStored)) {
            throw root.error("columns", "every column is dropped; a contract stores at least one");
        }
        return columns;
    }

    private static String subject(YamlMapping root, List<Column> columns) throws ContractException {
        String subject = root.identifier("subject");
        boolean keptText = columns.stream().anyMatch(c -> c.name().equals(subject) && c.policy() == Policy.KEEP
                && c.source() instanceof Source.Fields && c.type() == ColumnType.TEXT);
        if (!keptText) {
            throw root.error("subject", "must name a text column with policy keep: reveal --where matches it");
        }
        return subject;
    }

    private static StatsSpec stats(YamlMapping root, List<Column> columns) throws ContractException {
        List<String> keyed = columns.stream().filter(c -> c.policy().isKeyed()).map(Column::name).toList();
        if (!root.has("stats")) {
            return new StatsSpec(keyed, List.of());
        }
        YamlMapping stats = YamlMapping.open(root.origin(), "stats", root.node("stats"), STATS_KEYS);
        List<String> repeated = stats.has("repeated") ? storedColumns(stats, "repeated", columns) : keyed;
        List<String> rowsBy = stats.has("rows_by") ? storedColumns(stats, "rows_by", columns) : List.of();
        return new StatsSpec(repeated, rowsBy);
    }

    private static List<String> storedColumns(YamlMapping stats, String key, List<Column> columns) throws ContractException {
        List<String> names = stats.texts(key);
        for (String name : names) {
            if (columns.stream().noneMatch(c -> c.name().equals(name) && c.isStored())) {
                throw stats.error(key, "'" + name + "' is not a stored column of this contract");
            }
        }
        return names;
    }

    private static String load(String location) throws ContractException {
        if (location.startsWith(BUILTIN)) {
            String resource = "/contracts/" + location.substring(BUILTIN.length()) + ".yaml";
            try (InputStream in = ContractReader.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new ContractException(location + ": no such built-in contract; the built-in one is " + LOGIN);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ContractException(location + ": cannot read the built-in contract: " + e.getMessage());
            }
        }
        Path file = Path.of(location);
        try {
            if (Files.size(file) > YamlTree.MAX_CHARS) {
                throw new ContractException(location + ": larger than " + YamlTree.MAX_CHARS + " bytes; not a contract file");
            }
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new ContractException(location + ": no such contract file");
        } catch (CharacterCodingException e) {
            throw new ContractException(location + ": not UTF-8 text");
        } catch (IOException e) {
            throw new ContractException(location + ": cannot read the contract file: " + e.getMessage());
        }
    }
}
