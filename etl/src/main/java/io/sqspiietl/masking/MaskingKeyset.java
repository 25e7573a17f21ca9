package io.sqspiietl.masking;

import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.daead.DeterministicAeadConfig;
import com.google.crypto.tink.daead.PredefinedDeterministicAeadParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.EnumSet;
import java.util.Set;

/**
 * The operator's AES-SIV keyset: created by {@code keys create}, read by {@code run} and {@code reveal}.
 *
 * <p>Stored as Tink's JSON keyset format in a file only its owner may read. The key never lives in
 * code or in the database; there is deliberately no default key.
 */
public final class MaskingKeyset {
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OTHERS_ACCESS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    static {
        try {
            DeterministicAeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final KeysetHandle handle;
    private final DeterministicAead aead;

    private MaskingKeyset(KeysetHandle handle) throws GeneralSecurityException {
        this.handle = handle;
        this.aead = handle.getPrimitive(RegistryConfiguration.get(), DeterministicAead.class);
    }

    /** Generates a fresh keyset with one AES-256-SIV key. */
    public static MaskingKeyset generate() {
        try {
            return new MaskingKeyset(KeysetHandle.generateNew(PredefinedDeterministicAeadParameters.AES256_SIV));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an AES-SIV key", e);
        }
    }

    /**
     * Reads a keyset file written by {@link #writeNew(Path)}.
     *
     * @throws KeysetException if the file is missing, readable by group or others, or not a keyset
     */
    public static MaskingKeyset read(Path file) throws KeysetException {
        try {
            requireOwnerOnly(file);
            String json = Files.readString(file, StandardCharsets.UTF_8);
            return new MaskingKeyset(TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get()));
        } catch (NoSuchFileException e) {
            throw new KeysetException("keyset file " + file + " does not exist; create one with 'keys create --out " + file + "'");
        } catch (IOException e) {
            throw new KeysetException("cannot read keyset file " + file + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new KeysetException("keyset file " + file + " is not a valid AES-SIV keyset");
        }
    }

    /**
     * Writes this keyset to a new file readable by its owner only.
     *
     * @throws KeysetException if the file exists (a key is never overwritten) or cannot be written
     */
    public void writeNew(Path file) throws KeysetException {
        try {
            String json = TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
            // Created with owner-only permissions from the start, so the key is never briefly exposed.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.writeString(file, json, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new KeysetException("refusing to overwrite existing file " + file);
        } catch (IOException e) {
            throw new KeysetException("cannot write keyset file " + file + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot serialize keyset", e);
        }
    }

    /** The masker for field values under this keyset. */
    public FieldMasker fieldMasker() {
        return new FieldMasker(aead);
    }

    /** The sealer for quarantined bodies under this keyset. */
    public BodySealer bodySealer() {
        return new BodySealer(aead);
    }

    private static void requireOwnerOnly(Path file) throws IOException, KeysetException {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix == null) {
            return; // not a POSIX file system: permissions are the platform's business
        }
        Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
        if (permissions.stream().anyMatch(OTHERS_ACCESS::contains)) {
            throw new KeysetException("keyset file " + file + " is accessible by group or others (mode "
                    + PosixFilePermissions.toString(permissions) + "); run 'chmod 600 " + file + "'");
        }
    }
}
