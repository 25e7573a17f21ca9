package io.sqspiietl.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RuleTest {

    @Test
    void codesAreTheContractedLowerSnakeNames() {
        assertThat(Arrays.stream(Rule.values()).map(Rule::code)).containsExactly(
                "not_utf8", "limit_exceeded", "not_json", "duplicate_key", "not_an_object", "duplicate_field",
                "missing_field", "empty_field", "not_a_scalar", "nul_character", "too_long", "bad_app_version",
                "bad_date", "missing_sent_timestamp", "bad_integer", "bad_numeric", "bad_boolean", "bad_timestamp",
                "bad_ip", "no_contract", "bad_envelope");
    }
}
