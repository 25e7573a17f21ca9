package io.sqspiietl.cli;

import io.sqspiietl.keys.KeyBinding;
import io.sqspiietl.keys.KeyMismatchException;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.sink.PostgresMaskingCatalog;
import io.sqspiietl.sink.SinkException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For a service whose database a rotation's {@code rekey} rebound: the {@code --keyset} file, read
 * again to find the key the database is bound to now. A rotated keyset arrives as an updated file (a
 * Kubernetes secret volume is updated in place, {@code keys rotate} replaces the file), so the file is
 * parsed again only when its modification time changed: a long wait costs one short transaction per
 * attempt (a connection, the schema check, the binding read) and, for a KMS-wrapped keyset, no KMS call. A new state of the file that still does not match is
 * logged once. Not thread-safe: the pipeline's writer thread calls it.
 */
final class KeysetReload {
    private static final Logger LOG = LoggerFactory.getLogger(KeysetReload.class);

    private final KeysetOption keyset;
    private final MaskOption mask;
    private final DatabaseSettings database;
    /** The modification time of the file when it was last read; null before the first attempt. */
    private FileTime lastRead;
    /** The keyset read then, if the file held one of the requested mode. */
    private MaskingKeyset read;
    private boolean missingReported;

    KeysetReload(KeysetOption keyset, MaskOption mask, DatabaseSettings database) {
        this.keyset = keyset;
        this.mask = mask;
        this.database = database;
    }

    /** The file's keyset if the database is bound to its primary key now; empty while it is not. */
    Optional<MaskingKeyset> matching() {
        boolean updated; // since the last look; the first look found the file the service started with
        try {
            FileTime modified = Files.getLastModifiedTime(keyset.keyset);
            boolean changed = !modified.equals(lastRead);
            updated = changed && lastRead != null;
            if (changed) {
                lastRead = modified;
                read = readOrReport();
            }
            missingReported = false;
        } catch (IOException e) {
            if (!missingReported) {
                LOG.warn("--keyset {} cannot be read ({}); still waiting", keyset.keyset, e.getClass().getSimpleName());
                missingReported = true;
            }
            return Optional.empty();
        }
        if (read == null) {
            return Optional.empty();
        }
        try {
            new KeyBinding(new PostgresMaskingCatalog(database)).requireCurrent(read);
            return Optional.of(read);
        } catch (KeyMismatchException e) {
            if (updated) {
                LOG.warn("--keyset {} changed, but does not hold the key the database is bound to either; still waiting",
                        keyset.keyset);
            }
        } catch (SinkException e) {
            LOG.debug("checking the key binding failed ({}); trying again", e.getMessage());
        }
        return Optional.empty();
    }

    /** The file's keyset, or null (reported) if it cannot be used: unreadable, malformed, of another mode. */
    private MaskingKeyset readOrReport() {
        try {
            MaskingKeyset candidate = keyset.read();
            mask.requireModeOf(candidate);
            return candidate;
        } catch (ConfigException e) {
            LOG.warn("{}; still waiting", e.getMessage());
            return null;
        }
    }
}
