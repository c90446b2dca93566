package org.minialbert.core.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.minialbert.api.DataFormatException;
import org.minialbert.core.io.AtomicFiles;

/**
 * Tokenised windows on disk, so a second run over the same corpus, tokenizer and settings does not
 * tokenise again. A file is named by a SHA-256 key over everything that determines its content; it
 * holds a magic word, the window count and, per window, its length and int32 token ids. Files are
 * written through a temporary file and renamed.
 */
public final class TokenCache {
    private static final int MAGIC = 0x4d41_5431;
    private final Path folder;

    public TokenCache(Path folder) {
        this.folder = folder;
    }

    /** A cache key: SHA-256 of the given parts (file fingerprints, settings), in order. */
    public static String key(List<String> parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fingerprint of a file's content: its SHA-256. */
    public static String fingerprint(Path file) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (var in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new DataFormatException(file + ": cannot read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path file(String key) {
        return folder.resolve("windows-" + key + ".bin");
    }

    /** The cached windows for {@code key}, or empty if there are none (or the file is unreadable). */
    public Optional<List<int[]>> load(String key) {
        Path file = file(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC) {
                return Optional.empty();
            }
            int count = in.readInt();
            List<int[]> windows = new ArrayList<>(count);
            for (int w = 0; w < count; w++) {
                int[] ids = new int[in.readInt()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = in.readInt();
                }
                windows.add(ids);
            }
            return Optional.of(windows);
        } catch (EOFException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new DataFormatException(file + ": cannot read the token cache: " + e.getMessage(), e);
        }
    }

    public void store(String key, List<int[]> windows) {
        Path file = file(key);
        try {
            AtomicFiles.write(file, stream -> {
                DataOutputStream out = new DataOutputStream(stream);
                out.writeInt(MAGIC);
                out.writeInt(windows.size());
                for (int[] window : windows) {
                    out.writeInt(window.length);
                    for (int id : window) {
                        out.writeInt(id);
                    }
                }
                out.flush();
            });
        } catch (IOException e) {
            throw new DataFormatException(file + ": cannot write the token cache: " + e.getMessage(), e);
        }
    }
}
