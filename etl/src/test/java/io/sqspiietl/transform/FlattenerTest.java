package io.sqspiietl.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which failure a body meets first, where the parser reads several things in one step: a key, its
 * colon and the start of its value. The key comes first in the text, so its repeat wins.
 */
class FlattenerTest {
    private final Flattener flattener = new Flattener(new KeyIndex(LoginEvent.LOGIN));

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"a\": 1, \"a\": }                  | DUPLICATE_KEY",
        "{\"a\": 1, \"a\" 2}                  | DUPLICATE_KEY",
        "{\"a\": 1, \"a\": 01}                | DUPLICATE_KEY",
        "{\"a\": 1, \"a\": NaN}               | DUPLICATE_KEY",
        "{\"a\": 1, \"a\": " + "1111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111" + "} | DUPLICATE_KEY",
        "{\"x\": [{\"k\": 1, \"k\": 2}]}      | DUPLICATE_KEY",
        "{\"device\": {\"id\": [], \"id\": 1}} | DUPLICATE_KEY",
        "{\"a\": 1, \"b\": }                  | NOT_JSON",
        "{\"a\": }, \"a\": 1                  | NOT_JSON",
        "{\"a\": 1 \"a\": 2}                  | NOT_JSON",
        "{\"a\": 1, \"b\": " + "1111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111" + "} | LIMIT_EXCEEDED",
        "[{\"a\": 1}, {\"a\": 2}]             | NOT_AN_OBJECT",
    })
    void theFirstFailureInTheTextWins(String body, Rule rule) {
        RejectedMessageException rejected = catchThrowableOfType(RejectedMessageException.class, () -> flattener.flatten(body));

        assertThat(rejected).as(body).isNotNull();
        assertThat(rejected.rejection()).isEqualTo(new Rejection(rule, null));
    }
}
