package io.sqspiietl.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.sqspiietl.transform.Rejection.Stage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RejectionTest {

    @Test
    void eventRejectionIsAtParseForTheWholeBodyAndAtValidateForAField() {
        assertThat(Arrays.stream(Rule.values()).filter(rule -> rule != Rule.BAD_ENVELOPE && rule != Rule.NO_CONTRACT))
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
    void noContractIsRefusedAtRouteAndNoOtherRuleIs() {
        assertThat(new Rejection(Rule.NO_CONTRACT, "event_type", Stage.ROUTE).stage()).isEqualTo(Stage.ROUTE);
        assertThatIllegalArgumentException().isThrownBy(() -> new Rejection(Rule.NO_CONTRACT, "event_type"));
        assertThatIllegalArgumentException().isThrownBy(() -> new Rejection(Rule.MISSING_FIELD, "user_id", Stage.ROUTE));
    }

    @Test
    void stageCodesAreTheContractedLowerCaseNames() {
        assertThat(Arrays.stream(Stage.values()).map(Stage::code)).containsExactly("unwrap", "parse", "route", "validate");
    }
}
