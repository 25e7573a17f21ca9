package io.sqspiietl.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AppVersionCodecTest {

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource({
        "2.3.0,      2003000",
        "0.96,       96000",
        "3.7,        3007000",
        "0.60,       60000",
        "2.0,        2000000",
        "2.00,       2000000",
        "0.9.6,      9006",
        "7,          7000000",
        "0,          0",
        "0.0.0,      0",
        "2146.999.999, 2146999999",
        "0001.002.003, 1002003",
    })
    void encodesMajorMinorPatchIntoOneOrderedInteger(String version, int expected) {
        assertThat(AppVersionCodec.encode(version)).hasValue(expected);
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {
        "2147.0.0", "10000", "1.1000", "1.0.1000", "-1", "+1", "1.", ".1", "1..2", "1.2.3.4",
        " 1.2", "1.2 ", "v1.2", "1,2", "1.2-beta", "", ".", "１.２", "1e3",
    })
    void refusesAnythingButThreeBoundedDecimalParts(String version) {
        assertThat(AppVersionCodec.encode(version)).isEmpty();
    }

    @Test
    void encodingPreservesVersionOrderWhereStrippingDotsWouldCollide() {
        int v096 = AppVersionCodec.encode("0.9.6").getAsInt();
        int v0_96 = AppVersionCodec.encode("0.96").getAsInt();
        int v9_6 = AppVersionCodec.encode("9.6").getAsInt();

        assertThat(v096).isLessThan(v0_96).isLessThan(v9_6);
    }
}
