package io.sqspiietl.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.contract.SqlType;
import io.sqspiietl.sink.TableColumn.Fit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which existing columns hold a contract column's values, hold fewer of them, or hold none. */
class TableColumnTest {

    @ParameterizedTest(name = "{0}({1},{2},{3}) for {4}({5},{6},{7}): {8}")
    @CsvSource(textBlock = """
            character varying,  32, 0, 0,   character varying, 32, 0, 0, HOLDS
            character varying, 256, 0, 0,   character varying, 242, 0, 0, HOLDS
            text,                0, 0, 0,   character varying, 32, 0, 0, HOLDS
            character varying,   0, 0, 0,   character varying, 32, 0, 0, HOLDS
            character varying,   2, 0, 0,   character varying, 32, 0, 0, NARROWER
            character varying, 128, 0, 0,   text,               0, 0, 0, NARROWER
            integer,             0, 0, 0,   character varying, 32, 0, 0, INCOMPATIBLE
            character,          32, 0, 0,   character varying, 32, 0, 0, INCOMPATIBLE
            integer,             0, 0, 0,   integer,            0, 0, 0, HOLDS
            bigint,              0, 0, 0,   integer,            0, 0, 0, HOLDS
            numeric,             0, 0, 0,   integer,            0, 0, 0, HOLDS
            numeric,             0, 12, 2,  integer,            0, 0, 0, HOLDS
            numeric,             0, 9, 0,   integer,            0, 0, 0, NARROWER
            smallint,            0, 0, 0,   integer,            0, 0, 0, NARROWER
            integer,             0, 0, 0,   bigint,             0, 0, 0, NARROWER
            text,                0, 0, 0,   integer,            0, 0, 0, INCOMPATIBLE
            numeric,             0, 12, 2,  numeric,            0, 12, 2, HOLDS
            numeric,             0, 14, 3,  numeric,            0, 12, 2, HOLDS
            numeric,             0, 0, 0,   numeric,            0, 12, 2, HOLDS
            numeric,             0, 12, 1,  numeric,            0, 12, 2, NARROWER
            numeric,             0, 11, 2,  numeric,            0, 12, 2, NARROWER
            numeric,             0, 12, 2,  numeric,            0, 0, 0,  NARROWER
            integer,             0, 0, 0,   numeric,            0, 12, 2, INCOMPATIBLE
            integer,             0, 0, 0,   numeric,            0, 9, 0,  NARROWER
            double precision,    0, 0, 0,   numeric,            0, 12, 2, INCOMPATIBLE
            date,                0, 0, 0,   date,               0, 0, 0, HOLDS
            timestamp without time zone, 0, 0, 0, date,         0, 0, 0, INCOMPATIBLE
            timestamp with time zone, 0, 0, 0, timestamp with time zone, 0, 0, 0, HOLDS
            timestamp without time zone, 0, 0, 0, timestamp with time zone, 0, 0, 0, INCOMPATIBLE
            boolean,             0, 0, 0,   boolean,            0, 0, 0, HOLDS
            cidr,                0, 0, 0,   cidr,               0, 0, 0, HOLDS
            inet,                0, 0, 0,   cidr,               0, 0, 0, HOLDS
            character varying,  19, 0, 0,   cidr,               0, 0, 0, HOLDS
            character varying,  18, 0, 0,   cidr,               0, 0, 0, NARROWER
            """)
    void aColumnFitsByItsKindAndSize(String type, int length, int precision, int scale,
                                     String expectedType, int expectedLength, int expectedPrecision, int expectedScale, Fit fit) {
        TableColumn found = new TableColumn("c", type, length, precision, scale, false);

        assertThat(found.fit(new SqlType(expectedType, expectedLength, expectedPrecision, expectedScale))).isEqualTo(fit);
    }
}
