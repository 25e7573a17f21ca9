package io.sqspiietl.masking;

import com.google.crypto.tink.Aead;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * An AWS KMS key as a Tink {@link Aead}, on AWS SDK v2. Same wire contract as Tink's own
 * {@code AwsKmsAead} (the associated data goes hex-encoded into the encryption context under
 * {@code associatedData}), without the AWS SDK v1 that {@code tink-awskms} 1.x drags in.
 * Credentials come from the SDK's default chain; the region from the key ARN.
 */
final class AwsKmsAead implements Aead {
    private final KmsClient client;
    private final String keyArn;

    private AwsKmsAead(KmsClient client, String keyArn) {
        this.client = client;
        this.keyArn = keyArn;
    }

    /** For a URI {@code aws-kms://arn:aws:kms:REGION:ACCOUNT:key/ID} (or an alias ARN). */
    static AwsKmsAead forUri(String kmsKeyUri) throws GeneralSecurityException {
        String arn = kmsKeyUri.substring(KmsKeys.AWS_PREFIX.length());
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !"arn".equals(parts[0]) || !"kms".equals(parts[2]) || parts[3].isEmpty()) {
            throw new GeneralSecurityException("not an AWS KMS key URI: expected aws-kms://arn:aws:kms:REGION:ACCOUNT:key/ID");
        }
        return new AwsKmsAead(KmsClient.builder().region(Region.of(parts[3])).build(), arn);
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
        try {
            return client.encrypt(request -> request.keyId(keyArn).plaintext(SdkBytes.fromByteArray(plaintext))
                    .encryptionContext(context(associatedData))).ciphertextBlob().asByteArray();
        } catch (SdkException e) {
            throw new GeneralSecurityException("AWS KMS encrypt failed: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
        try {
            return client.decrypt(request -> request.keyId(keyArn).ciphertextBlob(SdkBytes.fromByteArray(ciphertext))
                    .encryptionContext(context(associatedData))).plaintext().asByteArray();
        } catch (SdkException e) {
            throw new GeneralSecurityException("AWS KMS decrypt failed: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> context(byte[] associatedData) {
        return associatedData == null || associatedData.length == 0
                ? Map.of() : Map.of("associatedData", HexFormat.of().formatHex(associatedData));
    }
}
