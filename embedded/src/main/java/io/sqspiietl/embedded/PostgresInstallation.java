package io.sqspiietl.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An unpacked PostgreSQL binary distribution ({@code bin/}, {@code lib/}, {@code share/}).
 *
 * <p>{@link #locate()} unpacks the zonky {@code postgres-<os>-<arch>.txz} archive found on the classpath into a
 * cache directory below {@code java.io.tmpdir}, once per archive content, so that every later start in any JVM
 * skips the decompression. The build puts the binaries jar of the machine it runs on on the classpath (one
 * Maven profile per platform in the embedded module's pom); {@link #archiveName(String, String)} names the
 * archive inside it.
 *
 * @param home the root of the unpacked tree; readable and executable by every user
 */
record PostgresInstallation(Path home) {
    private static final Logger log = LoggerFactory.getLogger(PostgresInstallation.class);

    /** Resolves one of the executables, e.g. {@code initdb}, {@code pg_ctl} or {@code postgres}. */
    Path executable(String name) {
        return home.resolve("bin").resolve(name);
    }

    /**
     * Finds, and if needed unpacks, the binaries for the current platform.
     *
     * @throws EmbeddedServiceException on a platform without binaries on the classpath, or if unpacking fails
     */
    static PostgresInstallation locate() {
        String resource = archiveName(System.getProperty("os.name"), System.getProperty("os.arch"));
        URL archive = PostgresInstallation.class.getClassLoader().getResource(resource);
        if (archive == null) {
            throw new EmbeddedServiceException("No PostgreSQL binaries for this platform: " + resource
                    + " is not on the classpath. The build adds the binaries of the machine it runs on; a jar built"
                    + " on another platform lacks them, so build here (./mvnw -B package)");
        }
        try {
            // Keyed by content, not by a version string someone must remember to bump: a new binaries jar
            // can never be served from a stale cache.
            Path cache = Paths.get(System.getProperty("java.io.tmpdir"))
                    .resolve("sqs-pii-etl-postgres-" + sha256Prefix(archive));
            if (!Files.isDirectory(cache)) {
                unpack(archive, cache);
            }
            PostgresInstallation installation = new PostgresInstallation(cache);
            // The rename makes the cache all-or-nothing, but a /tmp cleaner may still prune it later.
            if (!Files.isExecutable(installation.executable("postgres"))) {
                throw new EmbeddedServiceException("The PostgreSQL binaries cache " + cache
                        + " is incomplete (bin/postgres is missing); delete it to have it unpacked again");
            }
            return installation;
        } catch (IOException e) {
            throw new EmbeddedServiceException("Could not unpack PostgreSQL binaries from " + archive, e);
        }
    }

    /**
     * The name of the zonky archive for a platform, e.g. {@code postgres-linux-x86_64.txz} or
     * {@code postgres-darwin-arm_64.txz}.
     *
     * @param osName the {@code os.name} system property, e.g. {@code Linux} or {@code Mac OS X}
     * @param osArch the {@code os.arch} system property: {@code amd64} (Linux JVMs) or {@code x86_64} (macOS JVMs)
     *     for Intel and AMD, {@code aarch64} for ARM
     * @throws EmbeddedServiceException on any other platform, naming the supported ones
     */
    static String archiveName(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String zonkyOs = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "darwin" : null;
        String zonkyArch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> null;
        };
        if (zonkyOs == null || zonkyArch == null) {
            throw new EmbeddedServiceException("Embedded PostgreSQL has no binaries for " + osName + " on " + osArch
                    + "; it runs on Linux and macOS, on x86-64 and on ARM64");
        }
        return "postgres-" + zonkyOs + "-" + zonkyArch + ".txz";
    }

    private static String sha256Prefix(URL archive) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK must provide SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(archive.openStream(), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 8);
    }

    /**
     * Unpacks into a private directory first and then renames it into place, so that the cache directory either
     * does not exist or is complete. When several JVMs race, exactly one rename wins and the others discard
     * their copy.
     */
    private static void unpack(URL archive, Path cache) throws IOException {
        Path staging = Files.createTempDirectory(cache.getParent(), cache.getFileName() + "-unpacking-");
        try {
            log.info("Unpacking PostgreSQL binaries into {}", cache);
            try (InputStream in = archive.openStream()) {
                TarXzExtractor.extract(in, staging);
            }
            Files.move(staging, cache, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException lostTheRace) {
            log.debug("Another process unpacked {} first", cache);
        } finally {
            try {
                FileSupport.deleteRecursively(staging);
            } catch (UncheckedIOException e) {
                log.warn("Could not remove staging directory {}", staging, e);
            }
        }
    }
}
