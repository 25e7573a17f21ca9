package io.sqspiietl.masking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.EnumSet;
import java.util.Set;

/**
 * The keyset file: a small JSON envelope holding Tink JSON keysets by purpose.
 *
 * <pre>{"format": "sqs-pii-etl-keyset/1", "mode": "deterministic"|"hmac",
 *  "kms_key_uri": "aws-kms://..." (only when wrapped),
 *  "siv": TINK_KEYSET, "hmac": TINK_KEYSET (always in hmac mode; in deterministic mode in keysets made
 *  since contracts have hmac columns)}</pre>
 *
 * <p>Without {@code kms_key_uri} each keyset is Tink's plaintext JSON keyset; with it, Tink's
 * encrypted JSON keyset under that KMS key, with the purpose as associated data so the two cannot
 * be swapped. A bare Tink AES-SIV keyset (the format before the envelope) reads as deterministic
 * mode. Files are created owner-only (mode 600), and read only when {@link KeysetAccessRule} accepts their
 * owner, group and mode.
 */
final class KeysetFile {
    private static final String FORMAT = "sqs-pii-etl-keyset/1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private KeysetFile() {
    }

    /** What must hold of a keyset file before it is read: {@link KeysetAccessRule}, or being in a deployment package. */
    @FunctionalInterface
    private interface Admission {
        void check(Path file) throws IOException, KeysetException;
    }

    /**
     * Reads a keyset file, unwrapping it with its KMS key if it names one.
     *
     * @throws KeysetException if the file is missing, refused by {@link KeysetAccessRule}, malformed, or
     *                         its KMS key cannot unwrap it
     */
    static MaskingKeyset read(Path file) throws KeysetException {
        return read(file, path -> KeysetAccessRule.check(path, ProcessIdentity.current()));
    }

    /**
     * Reads a keyset file that is part of a read-only deployment package, whose platform makes every file
     * readable by all (AWS Lambda unpacks a function's package into {@code /var/task}, each file mode 644):
     * there, who may read the keyset is decided by who may download the package, not by file modes, so
     * {@link KeysetAccessRule} is not applied. A KMS-wrapped keyset keeps the key from whoever downloads it.
     *
     * @throws KeysetException if the file, symbolic links followed, is not inside {@code packageRoot}, or as
     *                         {@link #read(Path)}
     */
    static MaskingKeyset readPackaged(Path file, Path packageRoot) throws KeysetException {
        return read(file, path -> {
            if (!path.toRealPath().startsWith(packageRoot.toRealPath())) {
                throw new KeysetException("keyset file " + file + " is not inside the deployment package " + packageRoot);
            }
        });
    }

    private static MaskingKeyset read(Path file, Admission admission) throws KeysetException {
        try {
            admission.check(file);
            JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (root != null && root.has("primaryKeyId")) {
                return new MaskingKeyset(MaskingMode.DETERMINISTIC, plain(root), null, null);
            }
            if (root == null || !FORMAT.equals(root.path("format").asText())) {
                throw new KeysetException("keyset file " + file + " is not a valid sqs-pii-etl keyset");
            }
            MaskingMode mode = MaskingMode.fromLabel(root.path("mode").asText());
            String kmsKeyUri = root.hasNonNull("kms_key_uri") ? root.get("kms_key_uri").asText() : null;
            Aead kek = kmsKeyUri == null ? null : KmsKeys.aead(kmsKeyUri);
            KeysetHandle hmac = root.hasNonNull("hmac") ? parse(root.get("hmac"), kek, "hmac") : null;
            return new MaskingKeyset(mode, parse(root.path("siv"), kek, "siv"), hmac, kmsKeyUri);
        } catch (NoSuchFileException e) {
            throw new KeysetException("keyset file " + file + " does not exist; create one with 'keys create --out " + file + "'");
        } catch (IOException e) {
            throw new KeysetException("cannot read keyset file " + file + ": " + e.getMessage());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KeysetException("keyset file " + file + " is not a valid sqs-pii-etl keyset"
                    + " or cannot be unwrapped with its KMS key");
        }
    }

    /** Writes a keyset to a new owner-only file; an existing file is never overwritten. */
    static void writeNew(MaskingKeyset keyset, Path file) throws KeysetException {
        String json = serialize(keyset);
        try {
            // Created with owner-only permissions from the start, so the key is never briefly exposed.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.writeString(file, json, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new KeysetException("refusing to overwrite existing file " + file);
        } catch (IOException e) {
            throw new KeysetException("cannot write keyset file " + file + ": " + e.getMessage());
        }
    }

    /** Replaces a keyset file atomically: a crash leaves either the old or the new keyset, whole. */
    static void replace(MaskingKeyset keyset, Path file) throws KeysetException {
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        try {
            Files.deleteIfExists(temporary);
            writeNew(keyset, temporary);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new KeysetException("cannot replace keyset file " + file + ": " + e.getMessage());
        }
    }

    private static String serialize(MaskingKeyset keyset) throws KeysetException {
        try {
            Aead kek = keyset.kmsKeyUri() == null ? null : KmsKeys.aead(keyset.kmsKeyUri());
            ObjectNode root = JSON.createObjectNode()
                    .put("format", FORMAT)
                    .put("mode", keyset.mode().label());
            if (keyset.kmsKeyUri() != null) {
                root.put("kms_key_uri", keyset.kmsKeyUri());
            }
            root.set("siv", serialize(keyset.siv(), kek, "siv"));
            if (keyset.hmac() != null) {
                root.set("hmac", serialize(keyset.hmac(), kek, "hmac"));
            }
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (GeneralSecurityException | IOException e) {
            throw new KeysetException("cannot wrap the keyset with KMS key " + keyset.kmsKeyUri() + ": " + e.getMessage());
        }
    }

    private static JsonNode serialize(KeysetHandle handle, Aead kek, String purpose)
            throws GeneralSecurityException, IOException {
        String json = kek == null
                ? TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get())
                : TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(handle, kek, associatedData(purpose));
        return JSON.readTree(json);
    }

    private static KeysetHandle parse(JsonNode node, Aead kek, String purpose) throws GeneralSecurityException {
        return kek == null
                ? plain(node)
                : TinkJsonProtoKeysetFormat.parseEncryptedKeyset(node.toString(), kek, associatedData(purpose));
    }

    private static KeysetHandle plain(JsonNode node) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.parseKeyset(node.toString(), InsecureSecretKeyAccess.get());
    }

    private static byte[] associatedData(String purpose) {
        return ("sqs-pii-etl/keyset/" + purpose).getBytes(StandardCharsets.UTF_8);
    }
}
