package org.minialbert.tasks.glue;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the staged {@code glue_data} copy in the read-only shared folder ({@code shared/data/glue});
 * a plain clone has none, and the tests that need it are skipped with a message.
 */
final class SharedGlue {
    private SharedGlue() {
    }

    /** {@code <shared>/data/glue}, or the calling test is skipped when it is absent. */
    static Path root() {
        Path path = Path.of(System.getProperty("minialbert.shared", "../shared")).resolve("data/glue").normalize();
        assumeTrue(Files.isDirectory(path), () -> "skipped: " + path + " is absent (the shared datasets come with "
                + "the project's CI checkout, not with a plain clone)");
        return path;
    }

    /** {@code <root>/<folder>/<split>.tsv}, or the calling test is skipped when that file was not staged. */
    static Path requireFile(String folder, String split) {
        Path file = root().resolve(folder).resolve(split + ".tsv");
        assumeTrue(Files.isRegularFile(file),
                () -> "skipped: " + file + " was not staged (see data/SOURCES.md, Missing)");
        return file;
    }
}
