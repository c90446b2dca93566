package org.minialbert.core.bench;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The process's memory as the operating system and the engine see it: resident set size (current
 * and peak, from {@code /proc/self/status}; the peak can be reset through
 * {@code /proc/self/clear_refs}) and the NDArrays alive under the engine's root manager. Where
 * {@code /proc} is missing (not Linux) the sizes read as -1.
 */
public final class MemoryProbe {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private final NDManager root;

    /** A probe counting the arrays under the root of {@code anyManager}'s tree. */
    public MemoryProbe(NDManager anyManager) {
        NDManager top = anyManager;
        while (top.getParentManager() != null && top.getParentManager() != top) {
            top = top.getParentManager();
        }
        this.root = top;
    }

    /** Resident set size now, in bytes. */
    public long residentBytes() {
        return statusKilobytes("VmRSS:") * 1024;
    }

    /** Peak resident set size since the process started or since {@link #resetPeak()}, in bytes. */
    public long peakResidentBytes() {
        return statusKilobytes("VmHWM:") * 1024;
    }

    /** Starts a new peak from the current resident size (Linux only; otherwise a no-op). */
    public void resetPeak() {
        try {
            Files.writeString(CLEAR_REFS, "5");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // not Linux, or not permitted: the peak then covers the whole process
        }
    }

    /** NDArrays currently alive in every manager of the engine. */
    public int liveArrays() {
        return root.getManagedArrays().size();
    }

    private static long statusKilobytes(String key) {
        try {
            List<String> lines = Files.readAllLines(STATUS);
            for (String line : lines) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
            return -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
