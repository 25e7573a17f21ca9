package io.sqspiietl.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {
    @Test
    void passwordsAreMaskedWhenShown() {
        DatabaseSettings settings = new DatabaseSettings(
                "jdbc:postgresql://db:5432/app?user=loader&password=s3cret&ssl=true", "loader", "pg-s3cret");
        assertThat(settings.toString())
                .isEqualTo("DatabaseSettings[jdbcUrl=jdbc:postgresql://db:5432/app?user=loader&password=<masked>&ssl=true,"
                        + " user=loader, password=<masked>]")
                .doesNotContain("s3cret");
    }

    @Test
    void onlyPostgresUrlsAreAccepted() {
        assertThatThrownBy(() -> new DatabaseSettings("jdbc:mysql://db/app", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a PostgreSQL JDBC URL");
    }
}
