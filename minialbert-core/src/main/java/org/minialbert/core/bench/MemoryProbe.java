package org.minialbert.core.bench;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The process's memory as the operating system and the engine see it: resident set size (current
 * and peak, from {@code /proc/self/status}; the peak can be reset through
 * {@code /proc/self/clear_refs}), its minor page faults, and the NDArrays alive under the engine's
 * root manager. Where {@code /proc} is missing (not Linux) the sizes and counts read as -1. Tensors
 * live in the C library's heap, which keeps freed blocks for reuse (the launcher's settings ask it
 * to); {@link #trimNativeHeap()} hands them back, so that the resident size then counts the memory
 * in use.
 */
public final class MemoryProbe {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");
    private static final Path STAT = Path.of("/proc/self/stat");
    /** Position of {@code minflt} among the fields after the command name in {@code /proc/self/stat}. */
    private static final int MINOR_FAULTS_AFTER_NAME = 7;

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

    /**
     * Returns the native heap's free memory to the operating system ({@code malloc_trim}, through the
     * JVM's {@code System.trim_native_heap} diagnostic command); false where the JVM or the C library
     * cannot (not glibc, or a JVM without the command).
     */
    public boolean trimNativeHeap() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            Object reply = server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "systemTrimNativeHeap", new Object[] {new String[0]}, new String[] {String[].class.getName()});
            // the reply's wording differs between JDK updates; only "not available" means no trim
            return reply instanceof String text && !text.toLowerCase(Locale.ROOT).contains("not available");
        } catch (JMException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Minor page faults of the process so far (-1 where unknown), from {@code /proc/self/stat}: mostly
     * pages the process touches for the first time since the kernel gave them, which on some virtual
     * machines costs far more than reusing memory (docs/performance-history.md, third and fourth rounds).
     */
    public long minorPageFaults() {
        try {
            String stat = Files.readString(STAT);
            // the command name, in parentheses, may contain spaces; the fields after it do not
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[MINOR_FAULTS_AFTER_NAME]);
        } catch (IOException | RuntimeException e) {
            return -1;
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
