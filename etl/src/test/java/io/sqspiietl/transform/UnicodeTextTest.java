package io.sqspiietl.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnicodeTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "ascii", "\u00e9\u20ac", "\ud83d\ude00", "a\ud83d\ude00b\ud83d\ude00"})
    void wellFormedTextIsMeasuredInCodePointsAndUtf8Bytes(String text) {
        assertThat(UnicodeText.isWellFormed(text)).isTrue();
        assertThat(UnicodeText.codePointCount(text)).isEqualTo((int) text.codePoints().count());
        assertThat(UnicodeText.utf8Length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\ud83d", "\ude00", "\ude00\ud83d", "a\ud83d", "\ud83d\ud83d\ude00", "\ud83d\ude00\ude00"})
    void unpairedSurrogatesAreNotWellFormed(String text) {
        assertThat(UnicodeText.isWellFormed(text)).isFalse();
    }
}
