package io.sqspiietl.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.testing.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The loader encodes {@code app_version} in Java and analysts decode it with the schema's SQL
 * function {@code app_version_text}: the two must agree on every part's weight and range.
 */
class AppVersionTextIT {
    private static String jdbcUrl;

    @BeforeAll
    static void database() throws Exception {
        jdbcUrl = TestServices.newDatabaseWithSchema();
    }

    @ParameterizedTest(name = "\"{0}\" is stored as {1} and reads back as \"{2}\"")
    @CsvSource({
        "2.3.0,        2003000,    2.3.0",
        "0.96,         96000,      0.96.0",
        "0.9.6,        9006,       0.9.6",
        "3.7,          3007000,    3.7.0",
        "2.00,         2000000,    2.0.0",
        "12.345.678,   12345678,   12.345.678",
        "0,            0,          0.0.0",
        "2146.999.999, 2146999999, 2146.999.999",
    })
    void theSqlFunctionDecodesWhatTheLoaderEncodes(String version, int stored, String decoded) throws Exception {
        assertThat(AppVersionCodec.encode(version)).hasValue(stored);
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             PreparedStatement select = connection.prepareStatement("SELECT app_version_text(?)")) {
            select.setInt(1, stored);
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(decoded);
            }
        }
    }
}
