package org.minialbert.tasks.bioner;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the staged NER datasets in the read-only shared folder ({@code shared/data/bioner}); a plain
 * clone has none, and the tests that need them are skipped with a message.
 */
final class SharedBioNer {
    private SharedBioNer() {
    }

    /** {@code <shared>/data/bioner}, or the calling test is skipped when it is absent. */
    static Path root() {
        Path path = Path.of(System.getProperty("minialbert.shared", "../shared")).resolve("data/bioner").normalize();
        assumeTrue(Files.isDirectory(path), () -> "skipped: " + path + " is absent (the shared datasets come with "
                + "the project's CI checkout, not with a plain clone)");
        return path;
    }
}
