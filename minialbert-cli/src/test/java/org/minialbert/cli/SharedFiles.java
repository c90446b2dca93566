package org.minialbert.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the read-only {@code ../shared} folder (golden tensors from the PyTorch reference), as
 * core's test helper of the same name does. A user's clone has none: tests that need it are skipped
 * with a message saying so.
 */
final class SharedFiles {
    private SharedFiles() {
    }

    /** {@code shared/<relative>}, or the calling test is skipped when it is absent. */
    static Path require(String relative) {
        String root = System.getProperty("minialbert.shared", "../shared");
        Path path = Path.of(root).resolve(relative).normalize();
        assumeTrue(Files.exists(path), () -> "skipped: " + path + " is absent (the shared golden files and "
                + "datasets come with the project's CI checkout, not with a plain clone)");
        return path;
    }

    /** The golden folder {@code shared/golden/<name>}, or the calling test is skipped. */
    static Path golden(String name) {
        return require("golden/" + name);
    }
}
