package org.minialbert.core.bench;

import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.minialbert.api.ConfigurationException;

/**
 * Where the engine's time goes, operator by operator: PyTorch's profiler records some work (forward
 * operators such as {@code aten::addmm} and the autograd nodes of the backward pass, such as
 * {@code AddmmBackward0}) into a Chrome trace, which is then summed per operator name by <em>self</em>
 * time (an event's duration less that of the events nested directly inside it, so nothing is counted
 * twice). Time outside every recorded operator (Java, JNI calls, the allocator between operators)
 * is what remains of the wall-clock time.
 */
public final class OpProfile {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One operator: how often it ran, its self time and its time including nested operators. */
    public record Op(String name, long calls, double selfSeconds, double totalSeconds) {
    }

    private final List<Op> ops;
    private final double wallSeconds;

    OpProfile(List<Op> ops, double wallSeconds) {
        this.ops = List.copyOf(ops);
        this.wallSeconds = wallSeconds;
    }

    /** Runs {@code work} under the profiler, writes the trace to {@code trace} and summarises it. */
    public static OpProfile record(Path trace, Runnable work) {
        JniUtils.startProfile(false, false, false);
        long start = System.nanoTime();
        try {
            work.run();
        } finally {
            JniUtils.stopProfile(trace.toString());
        }
        return read(trace, (System.nanoTime() - start) / 1e9);
    }

    /** Summarises a trace written by the profiler (microsecond {@code ts} and {@code dur} per event). */
    static OpProfile read(Path trace, double wallSeconds) {
        JsonNode events;
        try {
            events = JSON.readTree(trace.toFile());
        } catch (IOException e) {
            throw new ConfigurationException(trace + ": cannot read the profiler's trace: " + e.getMessage(), e);
        }
        Map<Long, List<Event>> byThread = new LinkedHashMap<>();
        for (JsonNode e : events) {
            byThread.computeIfAbsent(e.path("tid").asLong(), t -> new ArrayList<>())
                    .add(new Event(e.path("name").asText(), e.path("ts").asDouble(), e.path("dur").asDouble()));
        }
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (List<Event> thread : byThread.values()) {
            for (Event event : withSelfTimes(thread)) {
                double[] sum = sums.computeIfAbsent(event.name, n -> new double[3]);
                sum[0]++;
                sum[1] += event.self;
                sum[2] += event.duration;
            }
        }
        List<Op> ops = new ArrayList<>();
        sums.forEach((name, s) -> ops.add(new Op(name, (long) s[0], s[1] / 1e6, s[2] / 1e6)));
        ops.sort(Comparator.comparingDouble(Op::selfSeconds).reversed());
        return new OpProfile(ops, wallSeconds);
    }

    /** The events of one thread with their self times: each event's direct children are subtracted. */
    private static List<Event> withSelfTimes(List<Event> thread) {
        List<Event> sorted = new ArrayList<>(thread);
        sorted.sort(Comparator.comparingDouble((Event e) -> e.start).thenComparing(e -> -e.duration));
        Deque<Event> open = new ArrayDeque<>();
        for (Event event : sorted) {
            while (!open.isEmpty() && open.peek().end() <= event.start) {
                open.pop();
            }
            if (!open.isEmpty()) {
                open.peek().self -= event.duration;
            }
            open.push(event);
        }
        return sorted;
    }

    /** Operators by self time, largest first. */
    public List<Op> ops() {
        return ops;
    }

    public double wallSeconds() {
        return wallSeconds;
    }

    /** Wall-clock time spent outside every recorded operator. */
    public double outsideOperatorsSeconds() {
        return Math.max(0, wallSeconds - ops.stream().mapToDouble(Op::selfSeconds).sum());
    }

    /** A Markdown table of the {@code top} operators by self time, with their share of the wall-clock time. */
    public String table(int top) {
        StringBuilder out = new StringBuilder("| operator | calls | self s | share | total s |\n|---|---|---|---|---|\n");
        for (Op op : ops.subList(0, Math.min(top, ops.size()))) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %.4f | %.1f%% | %.4f |%n", op.name(), op.calls(),
                    op.selfSeconds(), 100 * op.selfSeconds() / wallSeconds, op.totalSeconds()));
        }
        out.append(String.format(Locale.ROOT, "| (outside operators) | | %.4f | %.1f%% | |%n", outsideOperatorsSeconds(),
                100 * outsideOperatorsSeconds() / wallSeconds));
        return out.toString();
    }

    private static final class Event {
        private final String name;
        private final double start;
        private final double duration;
        private double self;

        Event(String name, double start, double duration) {
            this.name = name;
            this.start = start;
            this.duration = duration;
            this.self = duration;
        }

        double end() {
            return start + duration;
        }
    }
}
