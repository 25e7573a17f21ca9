package io.sqspiietl.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/** The few file operations the JDK lacks: recursive deletion and reading the end of a log. */
final class FileSupport {
    private FileSupport() {
    }

    /**
     * Deletes {@code root} and everything below it. Symbolic links are deleted, never followed. A missing
     * {@code root} is not an error.
     */
    static void deleteRecursively(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException alreadyGone) {
            // Someone else finished the job; the post-condition holds.
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + root, e);
        }
    }

    /**
     * Returns the last {@code maxLines} lines of a log file, or a note saying why there are none. Never throws:
     * it is used while reporting another failure, which must not be masked.
     */
    static String tail(Path log, int maxLines) {
        try {
            // Decoding leniently: a log with a stray non-UTF-8 byte must still be shown.
            List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            List<String> last = lines.subList(Math.max(0, lines.size() - maxLines), lines.size());
            return last.isEmpty() ? "(" + log + " is empty)" : String.join(System.lineSeparator(), last);
        } catch (IOException e) {
            return "(could not read " + log + ": " + e + ")";
        }
    }
}
