package io.sqspiietl.masking;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** What both maskers share: the text encoding and the domain of key fingerprints. */
final class Fingerprints {
    static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /** Associated data no field uses, so a fingerprint can never equal or reveal a field value. */
    static final byte[] DOMAIN = "sqs-pii-etl/key-fingerprint/v1".getBytes(StandardCharsets.UTF_8);
    /** A fixed, public text: knowing it gains nothing against AES-SIV or HMAC. */
    static final byte[] TEXT = "sqs-pii-etl masking key".getBytes(StandardCharsets.UTF_8);

    private Fingerprints() {
    }
}
