package io.sqspiietl.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.sqspiietl.transform.Rejection.Stage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RejectionTest {

    @Test
    void eventRejectionIsAtParseForTheWholeBodyAndAtValidateForAField() {
        assertThat(Arrays.stream(Rule.values()).filter(rule -> rule != Rule.BAD_ENVELOPE))
                .allSatisfy(rule -> assertThat(new Rejection(rule, null).stage()).isEqualTo(Stage.PARSE))
                .allSatisfy(rule -> assertThat(new Rejection(rule, "user_id").stage()).isEqualTo(Stage.VALIDATE));
    }

    @Test
    void badEnvelopeIsRefusedAtUnwrapAndNoOtherRuleIs() {
        assertThat(new Rejection(Rule.BAD_ENVELOPE, "Type", Stage.UNWRAP).stage()).isEqualTo(Stage.UNWRAP);
        assertThatIllegalArgumentException().isThrownBy(() -> new Rejection(Rule.BAD_ENVELOPE, "Type"));
        assertThatIllegalArgumentException().isThrownBy(() -> new Rejection(Rule.NOT_JSON, null, Stage.UNWRAP));
    }

    @Test
    void stageCodesAreTheContractedLowerCaseNames() {
        assertThat(Arrays.stream(Stage.values()).map(Stage::code)).containsExactly("unwrap", "parse", "validate");
    }
}
