package org.minialbert.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writing files so that nothing half-written is ever left behind: content goes to a temporary file
 * in the destination folder, which is then renamed over the destination.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Renames {@code temporary} to {@code destination}, atomically where the file system allows it. */
    public static void moveInto(Path temporary, Path destination) throws IOException {
        try {
            Files.move(temporary, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, destination, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** What writes a file's content to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code content} to a temporary file beside {@code destination}, then renames it. */
    public static void write(Path destination, Content content) throws IOException {
        Path parent = destination.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, "." + destination.getFileName(), ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16)) {
                content.writeTo(out);
            }
            moveInto(temporary, destination);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Writes {@code text} as UTF-8 to {@code destination} through a temporary file. */
    public static void writeString(Path destination, String text) throws IOException {
        write(destination, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
