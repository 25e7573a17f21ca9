package io.sqspiietl.masking;

import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.daead.DeterministicAeadConfig;
import com.google.crypto.tink.daead.DeterministicAeadKey;
import com.google.crypto.tink.daead.PredefinedDeterministicAeadParameters;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.mac.PredefinedMacParameters;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * The operator's keys: created by {@code keys create}, rotated by {@code keys rotate}, read by every
 * command that masks, seals or reveals. The keys never live in code or in the database; there is
 * deliberately no default key.
 *
 * <p>Two Tink keysets by purpose: an AES-SIV keyset that seals quarantined bodies (and, in
 * {@link MaskingMode#DETERMINISTIC} mode, makes the masks of {@code mask} columns), and an HMAC-SHA256
 * keyset that makes the masks of {@code hmac} columns (and, in {@link MaskingMode#HMAC} mode, of
 * {@code mask} columns too). Keysets made before contracts had {@code hmac} columns hold no HMAC key in
 * deterministic mode; {@link #rotated()} adds one. {@link KeysetFile} stores them. Immutable.
 */
public final class MaskingKeyset {
    static {
        try {
            DeterministicAeadConfig.register();
            MacConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MaskingMode mode;
    private final KeysetHandle siv;
    private final KeysetHandle hmac;
    private final String kmsKeyUri;
    private final DeterministicAead aead;
    private final FieldMasker masker;
    private final FieldMasker hmacMasker;

    MaskingKeyset(MaskingMode mode, KeysetHandle siv, KeysetHandle hmac, String kmsKeyUri) throws GeneralSecurityException {
        if (mode == MaskingMode.HMAC && hmac == null) {
            throw new GeneralSecurityException("an hmac keyset is required in hmac mode");
        }
        this.mode = mode;
        this.siv = siv;
        this.hmac = hmac;
        this.kmsKeyUri = kmsKeyUri;
        this.aead = siv.getPrimitive(RegistryConfiguration.get(), DeterministicAead.class);
        this.hmacMasker = hmac == null ? null : new HmacFieldMasker(hmac.getPrimitive(RegistryConfiguration.get(), Mac.class));
        this.masker = mode == MaskingMode.HMAC ? hmacMasker : new SivFieldMasker(aead, primaryOutputPrefix(siv));
    }

    /** Generates a fresh deterministic-mode keyset, stored in plaintext. */
    public static MaskingKeyset generate() {
        return generate(MaskingMode.DETERMINISTIC, null);
    }

    /**
     * Generates fresh keys for the given mode.
     *
     * @param kmsKeyUri the key-encryption key that will wrap the file ({@code aws-kms://...}), or
     *                  {@code null} for a plaintext file
     */
    public static MaskingKeyset generate(MaskingMode mode, String kmsKeyUri) {
        try {
            KeysetHandle siv = KeysetHandle.generateNew(PredefinedDeterministicAeadParameters.AES256_SIV);
            return new MaskingKeyset(mode, siv, newHmacKeyset(), kmsKeyUri);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate keys", e);
        }
    }

    /** Reads a keyset file; see {@link KeysetFile#read(Path)}. */
    public static MaskingKeyset read(Path file) throws KeysetException {
        return KeysetFile.read(file);
    }

    /**
     * Reads a keyset file shipped inside a read-only deployment package (AWS Lambda's {@code /var/task});
     * see {@link KeysetFile#readPackaged(Path, Path)}.
     */
    public static MaskingKeyset readPackaged(Path file, Path packageRoot) throws KeysetException {
        return KeysetFile.readPackaged(file, packageRoot);
    }

    /** Writes this keyset to a new owner-only file; see {@link KeysetFile#writeNew}. */
    public void writeNew(Path file) throws KeysetException {
        KeysetFile.writeNew(this, file);
    }

    /** Atomically replaces an existing keyset file with this keyset, e.g. after {@link #rotated()}. */
    public void replace(Path file) throws KeysetException {
        KeysetFile.replace(this, file);
    }

    /**
     * This keyset with a new AES-SIV primary key; older keys stay, so everything masked or sealed
     * under them still reveals and opens. The HMAC key is kept: its masks cannot be re-masked (there
     * are no originals), and a new HMAC key would end duplicate detection. A keyset without one gets
     * one, so that contracts with {@code hmac} columns can use it.
     */
    public MaskingKeyset rotated() {
        try {
            return new MaskingKeyset(mode, withNewPrimary(siv, PredefinedDeterministicAeadParameters.AES256_SIV),
                    hmac != null ? hmac : newHmacKeyset(), kmsKeyUri);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot add a key", e);
        }
    }

    public MaskingMode mode() {
        return mode;
    }

    /**
     * Refuses this keyset unless it is of the mode the operator asked for: the keyset decides the mode,
     * and one of the other kind is refused rather than used.
     *
     * @throws KeysetException naming both modes
     */
    public void requireMode(MaskingMode wanted) throws KeysetException {
        if (wanted != mode) {
            throw new KeysetException(wanted.label() + " requested, but the keyset is for " + mode.label() + " masking");
        }
    }

    /** Whether the keyset file is wrapped by a KMS key, so that the file alone reveals no key. */
    public boolean kmsWrapped() {
        return kmsKeyUri != null;
    }

    /** The Tink id of the primary key that masks fields. Not secret. */
    public long primaryKeyId() {
        return Integer.toUnsignedLong((mode == MaskingMode.HMAC ? hmac : siv).getPrimary().getId());
    }

    /** The masker of {@code mask} columns: AES-SIV, or HMAC in hmac mode. */
    public FieldMasker fieldMasker() {
        return masker;
    }

    /** The masker of {@code hmac} columns; empty for a keyset made before they existed (see {@link #rotated()}). */
    public Optional<FieldMasker> hmacMasker() {
        return Optional.ofNullable(hmacMasker);
    }

    /**
     * The masker that can re-mask stored values under the primary key; empty in hmac mode, whose masks
     * have no originals to mask again.
     */
    public Optional<SivFieldMasker> remasker() {
        return masker instanceof SivFieldMasker siv ? Optional.of(siv) : Optional.empty();
    }

    /** The sealer for quarantined bodies under this keyset. */
    public BodySealer bodySealer() {
        return new BodySealer(aead);
    }

    KeysetHandle siv() {
        return siv;
    }

    KeysetHandle hmac() {
        return hmac;
    }

    String kmsKeyUri() {
        return kmsKeyUri;
    }

    private static byte[] primaryOutputPrefix(KeysetHandle siv) throws GeneralSecurityException {
        if (siv.getPrimary().getKey() instanceof DeterministicAeadKey key) {
            return key.getOutputPrefix().toByteArray();
        }
        throw new GeneralSecurityException("the primary masking key is not a deterministic AEAD key");
    }

    private static KeysetHandle newHmacKeyset() throws GeneralSecurityException {
        return KeysetHandle.generateNew(PredefinedMacParameters.HMAC_SHA256_256BITTAG);
    }

    private static KeysetHandle withNewPrimary(KeysetHandle handle, Parameters parameters) throws GeneralSecurityException {
        return KeysetHandle.newBuilder(handle)
                .addEntry(KeysetHandle.generateEntryFromParameters(parameters).withRandomId().makePrimary())
                .build();
    }
}
