package io.sqspiietl.masking;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.transform.LoginEvent;
import io.sqspiietl.transform.LoginEventParser;
import io.sqspiietl.transform.ParseResult;
import io.sqspiietl.transform.Rejection;
import io.sqspiietl.transform.Rule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link LoginEvent#MAX_MASKABLE_UTF8_BYTES} exists so that masks fit the masked columns: the limit
 * the parser enforces, the length of the masks and the width the schema declares must agree.
 */
class MaskedColumnWidthTest {
    private static final int LIMIT = LoginEvent.MAX_MASKABLE_UTF8_BYTES;

    @Test
    void theSchemaDeclaresBothMaskedColumnsAsVarchar256() throws IOException {
        assertThat(declaredWidth("masked_ip")).isEqualTo(256);
        assertThat(declaredWidth("masked_device_id")).isEqualTo(256);
    }

    @ParameterizedTest
    @EnumSource(MaskingMode.class)
    void theLongestAcceptedValueMasksToAtMostTheColumnWidth(MaskingMode mode) throws IOException {
        FieldMasker masker = MaskingKeyset.generate(mode, null).fieldMasker();
        int width = declaredWidth("masked_ip");
        // One-, two- and four-byte characters: the limit is in bytes, not characters.
        for (String longest : new String[] {"x".repeat(LIMIT), "\u00e9".repeat(LIMIT / 2), "\ud83d\ude00".repeat(LIMIT / 4)}) {
            assertThat(longest.getBytes(StandardCharsets.UTF_8)).hasSize(LIMIT);
            for (MaskedField field : MaskedField.values()) {
                assertThat(masker.mask(field, longest)).hasSizeLessThanOrEqualTo(width);
            }
        }
    }

    @Test
    void theLimitIsWithinWhatTheDeterministicOverheadLeavesOfTheColumn() throws IOException {
        FieldMasker masker = MaskingKeyset.generate().fieldMasker();
        int overhead = Base64.getUrlDecoder().decode(masker.mask(MaskedField.IP, "")).length;
        int width = declaredWidth("masked_ip");
        int largestFitting = width * 3 / 4 - overhead; // unpadded base64: 4 characters carry 3 bytes

        assertThat(overhead).isEqualTo(5 + 16); // Tink's key prefix and AES-SIV's synthetic IV
        assertThat(masker.mask(MaskedField.IP, "x".repeat(largestFitting))).hasSizeLessThanOrEqualTo(width);
        assertThat(masker.mask(MaskedField.IP, "x".repeat(largestFitting + 1))).hasSizeGreaterThan(width);
        assertThat(LIMIT).isLessThanOrEqualTo(largestFitting);
        assertThat(masker.mask(MaskedField.IP, "x".repeat(LIMIT))).hasSize(242);
    }

    @Test
    void theParserAcceptsTheLimitAndRefusesOneByteMore() {
        LoginEventParser parser = new LoginEventParser();
        Instant sentAt = Instant.parse("2024-05-21T10:00:00Z");
        for (String field : new String[] {"ip", "device_id"}) {
            assertThat(parser.parse(body(field, LIMIT), sentAt)).isInstanceOf(ParseResult.Accepted.class);
            assertThat(parser.parse(body(field, LIMIT + 1), sentAt))
                    .isEqualTo(new ParseResult.Rejected(new Rejection(Rule.TOO_LONG, field)));
        }
    }

    private static String body(String field, int bytes) {
        return "{\"user_id\": \"u\", \"" + field + "\": \"" + "x".repeat(bytes) + "\"}";
    }

    /** The {@code varchar} width of a column of {@code user_logins} as the schema script creates it. */
    private static int declaredWidth(String column) throws IOException {
        try (InputStream in = MaskedColumnWidthTest.class.getResourceAsStream("/db/V1__schema.sql")) {
            String schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher declaration = Pattern.compile("\\b" + column + " varchar\\((\\d+)\\)").matcher(schema);
            assertThat(declaration.find()).as("%s declared in the schema", column).isTrue();
            return Integer.parseInt(declaration.group(1));
        }
    }
}
