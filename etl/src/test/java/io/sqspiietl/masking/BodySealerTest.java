package io.sqspiietl.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodySealerTest {
    private static final String BODY = "{\"user_id\": \"u1\", \"ip\": \"199.172.111.135\"}";
    private final BodySealer sealer = MaskingKeyset.generate().bodySealer();

    @Test
    void sealedBodyOpensForItsMessageIdOnly() throws UnmaskingException {
        byte[] sealed = sealer.seal("m-1", BODY);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("199.172");
        assertThat(sealer.open("m-1", sealed)).isEqualTo(BODY);
        assertThatThrownBy(() -> sealer.open("m-2", sealed)).isInstanceOf(UnmaskingException.class);
    }

    @Test
    void identicalBodiesOfDifferentMessagesSealDifferently() {
        assertThat(sealer.seal("m-1", BODY)).isNotEqualTo(sealer.seal("m-2", BODY));
    }
}
