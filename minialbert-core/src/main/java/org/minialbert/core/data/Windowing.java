package org.minialbert.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.minialbert.api.ConfigurationException;

/**
 * Cuts a tokenised document into training windows (spec section 5): each window holds
 * {@code maxLength} tokens including [CLS] and [SEP], consecutive windows overlap by {@code stride}
 * tokens, and a document with more than {@code maxWindows} windows keeps a random subset of that
 * size (in document order), drawn with a generator seeded by the job seed and the document's index,
 * so the choice does not depend on how documents are scheduled.
 */
public record Windowing(int maxLength, int stride, int maxWindows, long seed) {

    public Windowing {
        if (maxLength < 3) {
            throw new ConfigurationException("data.max-length must be at least 3, found " + maxLength);
        }
        if (stride < 0 || stride >= maxLength - 2) {
            throw new ConfigurationException("data.stride must be between 0 and max-length - 3 = " + (maxLength - 3)
                    + " (the overlap between consecutive windows), found " + stride);
        }
        if (maxWindows < 1) {
            throw new ConfigurationException("data.max-windows-per-document must be at least 1, found " + maxWindows);
        }
    }

    /** The windows of one document: {@code content} holds its token ids without special tokens. */
    public List<int[]> windows(long[] content, int documentIndex, int cls, int sep) {
        int width = maxLength - 2;
        int step = width - stride;
        List<int[]> windows = new ArrayList<>();
        for (int start = 0; start < content.length; start += step) {
            int end = Math.min(content.length, start + width);
            int[] window = new int[end - start + 2];
            window[0] = cls;
            for (int i = start; i < end; i++) {
                window[i - start + 1] = Math.toIntExact(content[i]);
            }
            window[window.length - 1] = sep;
            windows.add(window);
            if (end == content.length) {
                break;
            }
        }
        return windows.size() <= maxWindows ? windows : sample(windows, documentIndex);
    }

    private List<int[]> sample(List<int[]> windows, int documentIndex) {
        Random random = new Random(seed * 1_000_003L + documentIndex);
        int[] order = new int[windows.size()];
        Arrays.setAll(order, i -> i);
        for (int i = 0; i < maxWindows; i++) {
            int j = i + random.nextInt(order.length - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int[] chosen = Arrays.copyOf(order, maxWindows);
        Arrays.sort(chosen);
        List<int[]> sampled = new ArrayList<>();
        for (int index : chosen) {
            sampled.add(windows.get(index));
        }
        return sampled;
    }
}
