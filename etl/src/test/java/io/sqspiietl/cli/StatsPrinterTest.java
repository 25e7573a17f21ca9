package io.sqspiietl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.sink.LoadStats;
import io.sqspiietl.sink.LoadStats.Breakdown;
import io.sqspiietl.sink.LoadStats.Repeated;
import io.sqspiietl.sink.LoadStats.TableStats;
import io.sqspiietl.sink.LoadStats.ValueCount;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Several contracts' stats say which contract each figure is of, and what no contract took. */
class StatsPrinterTest {
    private static final LoadStats TWO = new LoadStats(List.of(
            new TableStats("login", "user_logins", 3, List.of(new Repeated("masked_ip", 2, List.of(new ValueCount("m1", 2)))),
                    List.of(), List.of(new ValueCount("missing_field", 1))),
            new TableStats("purchase", "purchases", 2, List.of(), List.of(new Breakdown("currency",
                    List.of(new ValueCount("EUR", 2)))), List.of())),
            List.of(new ValueCount("no_contract", 4)));

    @Test
    void aTableReportHasASectionPerContractAndOneForWhatNoContractTook() {
        assertThat(print(StatsPrinter.Format.TABLE)).isEqualTo("""
                == contract login (table user_logins)
                rows                               3
                distinct_masked_ip                 2

                top_masked_ip
                  m1        2

                quarantine_reason
                  missing_field        1

                == contract purchase (table purchases)
                rows                               2

                currency
                  EUR        2

                quarantine_reason
                  (none)

                == no contract

                unrouted_quarantine_reason
                  no_contract        4
                """);
    }

    @Test
    void csvLinesStartWithTheirContract() {
        assertThat(print(StatsPrinter.Format.CSV)).isEqualTo("""
                contract,section,value,count
                login,total,rows,3
                login,total,distinct_masked_ip,2
                login,top_masked_ip,m1,2
                login,quarantine_reason,missing_field,1
                purchase,total,rows,2
                purchase,currency,EUR,2
                ,unrouted_quarantine_reason,no_contract,4
                """);
    }

    @Test
    void jsonListsTheContracts() {
        assertThat(print(StatsPrinter.Format.JSON).replaceAll("\\s", "")).isEqualTo("{\"contracts\":["
                + "{\"contract\":\"login\",\"table\":\"user_logins\",\"rows\":3,\"distinct_masked_ip\":2,"
                + "\"top_masked_ip\":[{\"value\":\"m1\",\"count\":2}],\"quarantine_reason\":[{\"value\":\"missing_field\",\"count\":1}]},"
                + "{\"contract\":\"purchase\",\"table\":\"purchases\",\"rows\":2,\"currency\":[{\"value\":\"EUR\",\"count\":2}],"
                + "\"quarantine_reason\":[]}],\"unrouted_quarantine_reason\":[{\"value\":\"no_contract\",\"count\":4}]}");
    }

    private static String print(StatsPrinter.Format format) {
        StringWriter text = new StringWriter();
        format.print(TWO, new PrintWriter(text));
        return text.toString();
    }
}
