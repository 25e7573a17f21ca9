package io.sqspiietl.sink;

/**
 * What {@code sqs_pii_etl_masking} records about the masked columns: never key material.
 *
 * @param mode        {@code deterministic} or {@code hmac}
 * @param keyId       the Tink id of the primary masking key, for people to read
 * @param fingerprint a mask of a fixed public text under that key, for the tool to compare
 */
public record MaskingRecord(String mode, long keyId, String fingerprint) {
}
