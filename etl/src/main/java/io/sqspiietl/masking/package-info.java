/**
 * Masking of personal data with one operator-held Tink keyset.
 *
 * <p>Field values are masked with deterministic authenticated encryption (AES-SIV, RFC 5297): equal
 * inputs give equal outputs under one key, so analysts can still find duplicates, while the value
 * cannot be guessed or enumerated without the key and a key holder can reveal the original. Each
 * field uses its own associated data, so the same string masks differently as {@code ip} and as
 * {@code device_id}. Quarantined message bodies are sealed with the same primitive under associated
 * data unique to their SQS MessageId, which makes every sealed body a distinct ciphertext.
 */
package io.sqspiietl.masking;
