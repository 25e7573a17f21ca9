package io.sqspiietl.masking;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KmsClients;
import java.security.GeneralSecurityException;

/**
 * Finds the key-encryption key behind a {@code kms_key_uri}.
 *
 * <p>A {@link com.google.crypto.tink.KmsClient} registered with Tink's {@link KmsClients} wins (tests
 * register a fake one, deployments may register their own); otherwise {@code aws-kms://} URIs go to
 * {@link AwsKmsAead} on the AWS SDK v2 the tool already ships.
 */
final class KmsKeys {
    static final String AWS_PREFIX = "aws-kms://";

    private KmsKeys() {
    }

    static Aead aead(String kmsKeyUri) throws GeneralSecurityException {
        try {
            return KmsClients.get(kmsKeyUri).getAead(kmsKeyUri);
        } catch (GeneralSecurityException noRegisteredClient) {
            if (!kmsKeyUri.startsWith(AWS_PREFIX)) {
                throw new GeneralSecurityException("unsupported KMS key URI, expected " + AWS_PREFIX + "arn:aws:kms:...");
            }
            return AwsKmsAead.forUri(kmsKeyUri);
        }
    }
}
