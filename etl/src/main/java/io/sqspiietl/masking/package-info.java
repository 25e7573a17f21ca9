/**
 * Masking of personal data with operator-held Tink keysets.
 *
 * <p>Field values are masked either with deterministic authenticated encryption (AES-SIV, RFC 5297;
 * key holders can reveal and re-mask after a rotation) or with keyed HMAC-SHA256 (nobody can reveal).
 * Both keep equal inputs equal under one key, so analysts can still find duplicates, while values
 * cannot be guessed or enumerated without the key. Each field uses its own associated data, so the
 * same string masks differently as {@code ip} and as {@code device_id}. Quarantined message bodies
 * are sealed with AES-SIV under associated data unique to their SQS MessageId. The keyset file
 * ({@link io.sqspiietl.masking.KeysetFile}) may be wrapped by a KMS key.
 */
package io.sqspiietl.masking;
