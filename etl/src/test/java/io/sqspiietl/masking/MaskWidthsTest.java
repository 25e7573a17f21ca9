package io.sqspiietl.masking;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.contract.Column;
import io.sqspiietl.contract.Contract;
import io.sqspiietl.contract.ContractException;
import io.sqspiietl.contract.ContractReader;
import io.sqspiietl.contract.MaskWidths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Contracts declare and check their masked columns' widths with {@link MaskWidths}: its arithmetic must
 * be what the maskers really produce, and the login contract's limit must keep every mask within the
 * take-home table's {@code varchar(256)}.
 */
class MaskWidthsTest {
    private static final int[] VALUE_BYTES = {0, 1, 2, 3, 160, 171, 1000};

    @ParameterizedTest
    @EnumSource(MaskingMode.class)
    void theLongestValueOfEachSizeMasksToAtMostTheWidthMaskWidthsGives(MaskingMode mode) {
        FieldMasker masker = MaskingKeyset.generate(mode, null).fieldMasker();
        for (int bytes : VALUE_BYTES) {
            // One-, two- and four-byte characters: the limit is in bytes, not characters.
            for (String value : new String[] {"x".repeat(bytes), "\u00e9".repeat(bytes / 2), "\ud83d\ude00".repeat(bytes / 4)}) {
                assertThat(masker.mask(LoginDomains.IP, value)).hasSizeLessThanOrEqualTo(MaskWidths.maskChars(bytes));
            }
        }
    }

    @Test
    void aDeterministicMaskIsExactlyTheWidthOfItsValuePlusTheOverhead() {
        FieldMasker masker = MaskingKeyset.generate().fieldMasker();
        int overhead = Base64.getUrlDecoder().decode(masker.mask(LoginDomains.IP, "")).length;

        assertThat(overhead).isEqualTo(5 + 16); // Tink's key prefix and AES-SIV's synthetic IV
        for (int bytes : VALUE_BYTES) {
            int siv = (4 * (bytes + overhead) + 2) / 3; // unpadded base64: 4 characters carry 3 bytes
            assertThat(masker.mask(LoginDomains.IP, "x".repeat(bytes))).hasSize(siv);
            assertThat(MaskWidths.maskChars(bytes)).isEqualTo(Math.max(siv, MaskWidths.HMAC_CHARS));
        }
    }

    @Test
    void anHmacMaskIsAlwaysFiftyCharacters() {
        MaskingKeyset keyset = MaskingKeyset.generate();
        for (int bytes : VALUE_BYTES) {
            assertThat(keyset.hmacMasker().orElseThrow().mask(LoginDomains.IP, "x".repeat(bytes))).hasSize(MaskWidths.HMAC_CHARS);
        }
    }

    @Test
    void theLoginContractsMasksFitTheTakeHomeTablesVarchar256() throws IOException, ContractException {
        Contract login = ContractReader.read(ContractReader.LOGIN);
        for (Column column : login.keyedColumns()) {
            assertThat(column.limits().maxBytes()).isEqualTo(160);
            assertThat(column.sqlType().length()).isEqualTo(242).isLessThanOrEqualTo(declaredWidth(column.name()));
        }
        assertThat(declaredWidth("masked_ip")).isEqualTo(256);
    }

    /** The {@code varchar} width of a column of {@code user_logins} as the schema script creates it. */
    private static int declaredWidth(String column) throws IOException {
        try (InputStream in = MaskWidthsTest.class.getResourceAsStream("/db/V1__schema.sql")) {
            String schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher declaration = Pattern.compile("\\b" + column + " varchar\\((\\d+)\\)").matcher(schema);
            assertThat(declaration.find()).as("%s declared in the schema", column).isTrue();
            return Integer.parseInt(declaration.group(1));
        }
    }
}
