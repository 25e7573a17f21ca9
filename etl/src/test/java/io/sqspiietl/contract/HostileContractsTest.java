package io.sqspiietl.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Broken and hostile contract files: each is refused with one line naming the file, the line and the
 * key. The line numbers count from the {@code contract:} line of each case.
 */
class HostileContractsTest {
    private static final String HEAD = "contract: c\ntable: t\n";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown root key        | colums: []                                                | c.yaml:3: colums: unknown key; expected one of columns, contract, match, stats, subject, table
            no columns              | columns: []                                               | c.yaml:3: columns: a contract has at least one column
            columns not a list      | columns: {a: 1}                                           | c.yaml:3: columns: expected a list
            column not a mapping    | columns: [a]                                              | c.yaml:3: columns[0]: expected a mapping of keys to values
            misspelt key            | columns: [{name: a, type: text, max_lenght: 3}]           | c.yaml:3: columns[0].max_lenght: unknown key; expected one of default, max_bytes, max_length, meta, name, policy, precision, required, scale, source, type
            missing type            | columns: [{name: a}]                                      | c.yaml:3: columns[0]: missing key type; expected one of text, ip, integer, bigint, numeric, boolean, date, timestamptz, version
            unknown type            | columns: [{name: a, type: string}]                        | c.yaml:3: columns[0].type: unknown type 'string'; expected one of text, ip, integer, bigint, numeric, boolean, date, timestamptz, version
            unknown policy          | columns: [{name: a, type: text, policy: hash}]            | c.yaml:3: columns[0].policy: unknown policy 'hash'; expected one of keep, mask, hmac, ip-prefix, drop
            masked number           | columns: [{name: a, type: integer, policy: mask}]         | c.yaml:3: columns[0].policy: mask masks text: declare the column as type text or ip (a number is read as written)
            prefix of text          | columns: [{name: a, type: text, policy: ip-prefix}]       | c.yaml:3: columns[0].policy: ip-prefix needs a column of type ip
            zero length             | columns: [{name: a, type: text, max_length: 0}]           | c.yaml:3: columns[0].max_length: must be between 1 and 10485760, was 0
            huge length             | columns: [{name: a, type: text, max_length: 99999999999999999999}] | c.yaml:3: columns[0].max_length: must be between 1 and 10485760, was 99999999999999999999
            length as text          | columns: [{name: a, type: text, max_length: '8'}]         | c.yaml:3: columns[0].max_length: expected a whole number
            length of a date        | columns: [{name: a, type: date, max_length: 8}]           | c.yaml:3: columns[0].max_length: max_length applies to text and ip columns only
            scale without precision | columns: [{name: a, type: numeric, scale: 2}]             | c.yaml:3: columns[0].scale: needs a precision
            scale over precision    | columns: [{name: a, type: numeric, precision: 2, scale: 3}] | c.yaml:3: columns[0].scale: must be between 0 and 2, was 3
            required as text        | columns: [{name: a, type: text, required: 'yes'}]         | c.yaml:3: columns[0].required: expected true or false
            other default           | columns: [{name: a, type: date, default: now}]            | c.yaml:3: columns[0].default: the only default is sent_time (the message's send time)
            default of text         | columns: [{name: a, type: text, default: sent_time}]      | c.yaml:3: columns[0].default: sent_time is a default of date and timestamptz columns only
            default and required    | columns: [{name: a, type: date, required: true, default: sent_time}] | c.yaml:3: columns[0].default: a required column has no default: a message without it is refused
            unknown meta            | columns: [{name: a, meta: sqs_body}]                      | c.yaml:3: columns[0].meta: unknown metadata 'sqs_body'; expected one of sqs_message_id, sqs_sent_time, sqs_receive_count, sns_topic_arn, sns_message_id, load_time
            meta with a type        | columns: [{name: a, meta: load_time, type: text}]         | c.yaml:3: columns[0].type: unknown key; expected one of meta, name
            name with capitals      | columns: [{name: Amount, type: text}]                     | c.yaml:3: columns[0].name: 'Amount' is not a lower-case identifier (a-z, 0-9 and _, at most 63, not starting with a digit)
            injected name           | columns: [{name: 'a; drop table t', type: text}]          | c.yaml:3: columns[0].name: 'a; drop table t' is not a lower-case identifier (a-z, 0-9 and _, at most 63, not starting with a digit)
            twice the same column   | columns: [{name: a, type: text}, {name: a, type: date}]   | c.yaml:3: columns[1].name: column a is declared twice
            all dropped             | columns: [{name: a, type: text, policy: drop}]            | c.yaml:3: columns: every column is dropped; a contract stores at least one
            empty source            | columns: [{name: a, type: text, source: ''}]              | c.yaml:3: columns[0].source: '' is not a field name: 1 to 255 characters, no control characters
            empty source list       | columns: [{name: a, type: text, source: []}]              | c.yaml:3: columns[0].source: expected at least one value
            repeated source         | columns: [{name: a, type: text, source: [x, x]}]          | c.yaml:3: columns[0].source: a field is listed twice
            null source             | columns: [{name: a, type: text, source: null}]            | c.yaml:3: columns[0].source: expected a value or a list of values
            stats of no column      | columns: [{name: a, type: text}]\\nstats: {rows_by: [b]}  | c.yaml:4: stats.rows_by: 'b' is not a stored column of this contract
            subject masked          | subject: a\\ncolumns: [{name: a, type: text, policy: mask}] | c.yaml:3: subject: must name a text column with policy keep: reveal --where matches it
            two match fields        | match: {a: 1, b: 2}\\ncolumns: [{name: a, type: text}]    | c.yaml:3: match: expected one field and the value it must hold, e.g. event_type: purchase
            match on nothing        | match: {a: null}\\ncolumns: [{name: a, type: text}]       | c.yaml:3: match.a: expected a single value
            anchor and alias        | columns: [&c {name: a, type: text}, *c]                   | c.yaml:3: YAML anchors, aliases and tags are not supported in a contract
            tag                     | columns: [!!map {name: a, type: text}]                    | c.yaml:3: YAML anchors, aliases and tags are not supported in a contract
            repeated key            | columns: [{name: a, type: text, name: b}]                 | c.yaml:3: name: repeated; each key may appear once
            bad yaml                | columns: [{name: a, type: text}                           | c.yaml:3: not valid YAML: while parsing a flow sequence
            two documents           | columns: [{name: a, type: text}]\\n---\\ncontract: d      | c.yaml:5: more than one YAML document; a contract is one
            """)
    void aBrokenContractIsOneLineNamingTheFileTheLineAndTheKey(String name, String body, String error) {
        ContractException thrown = catchThrowableOfType(
                () -> ContractReader.parse("c.yaml", HEAD + body.replace("\\n", "\n")), ContractException.class);

        assertThat(thrown).as(name).isNotNull();
        assertThat(thrown.getMessage()).as(name).startsWith(error).doesNotContain("\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no name           | table: t\\ncolumns: [{name: a, type: text}]           | c.yaml:1: missing key contract
            bad table         | contract: c\\ntable: 'x y'\\ncolumns: [{name: a, type: text}] | c.yaml:2: table: 'x y' is not a table name: a lower-case identifier, or schema.table
            three-part table  | contract: c\\ntable: a.b.c\\ncolumns: [{name: a, type: text}] | c.yaml:2: table: 'a.b.c' is not a table name: a lower-case identifier, or schema.table
            a list            | - contract: c                                        | c.yaml:1: expected a mapping of keys to values
            a scalar          | just text                                            | c.yaml:1: expected a mapping of keys to values
            """)
    void aFileThatIsNoContractAtAllSaysSo(String name, String text, String error) {
        ContractException thrown = catchThrowableOfType(
                () -> ContractReader.parse("c.yaml", text.replace("\\n", "\n")), ContractException.class);

        assertThat(thrown.getMessage()).as(name).isEqualTo(error);
    }

    @Test
    void aLineBreakOrControlCharacterTheContractQuotesStaysOnTheLineAsAnEscape() {
        ContractException thrown = catchThrowableOfType(() -> ContractReader.parse("c.yaml",
                HEAD + "columns: [{name: \"a\\nb\\u2028c\\td\", type: text}]"), ContractException.class);

        assertThat(thrown).hasMessage("c.yaml:3: columns[0].name: 'a\\u000ab\\u2028c\\u0009d' is not a lower-case identifier "
                + "(a-z, 0-9 and _, at most 63, not starting with a digit)");
    }

    @Test
    void anEmptyFileIsNoContract() {
        assertThat(catchThrowableOfType(() -> ContractReader.parse("c.yaml", ""), ContractException.class))
                .hasMessage("c.yaml: the file is empty");
    }

    @Test
    void aHugeFileIsRefusedBeforeItIsParsed(@TempDir Path dir) throws IOException {
        Path huge = Files.writeString(dir.resolve("huge.yaml"), HEAD + "#".repeat(YamlTree.MAX_CHARS));

        assertThat(catchThrowableOfType(() -> ContractReader.read(huge.toString()), ContractException.class))
                .hasMessage(huge + ": larger than 1048576 bytes; not a contract file");
    }

    @Test
    void aMissingFileOrBuiltInSaysWhichAndANonUtf8FileIsRefused(@TempDir Path dir) throws IOException {
        Path latin1 = Files.write(dir.resolve("latin1.yaml"), new byte[] {'a', ':', ' ', (byte) 0xe9});

        assertThat(catchThrowableOfType(() -> ContractReader.read(dir.resolve("none.yaml").toString()), ContractException.class))
                .hasMessage(dir.resolve("none.yaml") + ": no such contract file");
        assertThat(catchThrowableOfType(() -> ContractReader.read("builtin:purchase"), ContractException.class))
                .hasMessage("builtin:purchase: no such built-in contract; the built-in one is builtin:login");
        assertThat(catchThrowableOfType(() -> ContractReader.read(latin1.toString()), ContractException.class))
                .hasMessage(latin1 + ": not UTF-8 text");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            same name         | contract: login\\ntable: t\\nmatch: {k: v}\\ncolumns: [{name: a, type: text}]  | x.yaml:1: contract: the name login is taken by another contract
            second fallback   | contract: c\\ntable: t\\ncolumns: [{name: a, type: text}]                     | x.yaml:1: match: contracts login and c both lack a match rule; only one contract may take the messages no other one matches
            """)
    void contractsThatCannotShareAQueueAreRefusedWhereTheySayWhatTheyMatch(String name, String text, String error,
                                                                           @TempDir Path dir) throws IOException {
        Path second = Files.writeString(dir.resolve("x.yaml"), text.replace("\\n", "\n"));

        ContractException thrown = catchThrowableOfType(
                () -> ContractReader.readAll(List.of(ContractReader.LOGIN, second.toString())), ContractException.class);

        assertThat(thrown.getMessage()).as(name).isEqualTo(second.toString().replace("x.yaml", "") + error);
    }

    @Test
    void matchRulesOnDifferentFieldsOrTheSameValueCannotShareAQueue(@TempDir Path dir) throws IOException {
        Path first = Files.writeString(dir.resolve("a.yaml"), "contract: a\ntable: t\nmatch: {type: x}\ncolumns: [{name: a, type: text}]\n");
        Path otherField = Files.writeString(dir.resolve("b.yaml"), "contract: b\ntable: t\nmatch: {kind: y}\ncolumns: [{name: a, type: text}]\n");
        Path sameValue = Files.writeString(dir.resolve("c.yaml"), "contract: c\ntable: t\nmatch: {type: x}\ncolumns: [{name: a, type: text}]\n");

        assertThat(catchThrowableOfType(() -> ContractReader.readAll(List.of(first.toString(), otherField.toString())),
                ContractException.class)).hasMessage(otherField + ":3: match: contract a matches on type and this one on kind; "
                + "all contracts of a queue must match on the same field");
        assertThat(catchThrowableOfType(() -> ContractReader.readAll(List.of(first.toString(), sameValue.toString())),
                ContractException.class)).hasMessage(sameValue + ":3: match: contract a matches type: x already");
    }
}
