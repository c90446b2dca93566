package org.minialbert.core.train;

import java.io.PrintStream;
import java.time.Duration;

/**
 * A one-line progress display for long work: bar, count, a caller-supplied status (e.g. the loss),
 * rate and ETA. On a terminal the line is redrawn at most a few times a second; otherwise (logs,
 * CI) a line is printed every tenth of the work.
 */
public final class ProgressBar {
    private static final long REDRAW_NANOS = 250_000_000L;
    private final PrintStream out;
    private final String label;
    private final long total;
    private final long startCount;
    private final long startNanos = System.nanoTime();
    private final boolean terminal = System.console() != null;
    private long lastDraw;
    private long lastDecile = -1;

    /**
     * @param startCount work already done before this display started (a resumed run), excluded
     *     from the rate
     */
    public ProgressBar(PrintStream out, String label, long total, long startCount) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
        this.startCount = startCount;
    }

    public void update(long done, String status) {
        long now = System.nanoTime();
        long decile = done * 10 / total;
        boolean finished = done >= total;
        if (terminal ? now - lastDraw < REDRAW_NANOS && !finished : decile == lastDecile && !finished) {
            return;
        }
        lastDraw = now;
        lastDecile = decile;
        out.print((terminal ? "\r" : "") + line(done, status, now) + (terminal && !finished ? "" : System.lineSeparator()));
        out.flush();
    }

    private String line(long done, String status, long now) {
        int width = 24;
        int filled = (int) (width * Math.min(done, total) / total);
        double seconds = (now - startNanos) / 1e9;
        double rate = (done - startCount) / Math.max(seconds, 1e-9);
        String eta = rate > 0 ? format(Duration.ofSeconds((long) ((total - done) / rate))) : "?";
        return String.format("%s [%s%s] %d/%d %s | %.2f/s | elapsed %s | ETA %s", label, "=".repeat(filled),
                " ".repeat(width - filled), done, total, status, rate, format(Duration.ofSeconds((long) seconds)), eta);
    }

    private static String format(Duration d) {
        return d.toHours() > 0 ? String.format("%dh%02dm", d.toHours(), d.toMinutesPart())
                : String.format("%dm%02ds", d.toMinutesPart(), d.toSecondsPart());
    }
}
