package io.sqspiietl.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sqspiietl.sink.ContractTables;
import io.sqspiietl.transform.Delivery;
import io.sqspiietl.transform.MessageReader;
import io.sqspiietl.transform.SnsEnvelopeMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Coverage-guided fuzzing of the contract reader ({@link ContractReader}, {@link YamlTree}, {@link
 * YamlMapping}, {@link ColumnReader}) with arbitrary text as a contract file. The property: the text
 * becomes a {@link Contract} or a {@link ContractException} whose message is one line naming the
 * file (no control character, no line or paragraph separator), never another exception; and a
 * contract it accepts can be used: it forms a set of its own, its table has a {@code CREATE TABLE}
 * (every stored column a type), and a reader of its messages can be built and read one.
 * {@code docs/fuzzing.md} tells how to run it longer and where its corpus is.
 */
class ContractReaderFuzzTest {
    private static final String ORIGIN = "fuzz.yaml";
    private static final Instant SENT_AT = Instant.parse("2026-03-02T10:00:00Z");

    @FuzzTest
    void contractFile(byte[] input) {
        // A contract file is read as strict UTF-8 before it is parsed; a replacement character stands for what is not.
        String text = new String(input, StandardCharsets.UTF_8);
        Contract contract;
        try {
            contract = ContractReader.parse(ORIGIN, text);
        } catch (ContractException e) {
            assertThat(e.getMessage()).startsWith(ORIGIN + ":");
            assertThat(e.getMessage().codePoints().filter(ContractReaderFuzzTest::breaksTheLine).toArray())
                    .as("control characters and line separators in the message").isEmpty();
            return;
        }
        Contracts contracts = Contracts.of(contract);
        assertThat(ContractTables.ddl(contract)).startsWith("CREATE TABLE IF NOT EXISTS " + contract.table() + " (");
        MessageReader reader = new MessageReader(contracts, SnsEnvelopeMode.AUTO);
        assertThat(reader.read(new Delivery("sqs-1", "{}", SENT_AT, 1, SENT_AT)).result()).isNotNull();
    }

    private static boolean breaksTheLine(int c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}
