package org.minialbert.tasks.glue;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The GLUE metrics, as the HuggingFace {@code glue} metric computes them (it calls scikit-learn and
 * SciPy), in double precision. Every function needs two non-empty arrays of the same length, class
 * indices >= 0 and finite scores ({@link IllegalArgumentException} otherwise).
 *
 * <p>Degenerate inputs never give NaN: Matthews with a zero denominator is 0 (as scikit-learn), F1
 * with neither a positive prediction nor a positive gold label is 0 (scikit-learn's
 * {@code zero_division} default), and Pearson or Spearman with a constant input is 0, where SciPy
 * returns NaN with a {@code ConstantInputWarning}.
 */
public final class GlueMetrics {
    private GlueMetrics() {
    }

    /** Fraction of positions where the predicted class equals the gold class. */
    public static double accuracy(int[] predicted, int[] gold) {
        checkLengths(predicted.length, gold.length);
        int correct = 0;
        for (int i = 0; i < gold.length; i++) {
            correct += predicted[i] == gold[i] ? 1 : 0;
        }
        return (double) correct / gold.length;
    }

    /**
     * F1 of the positive class (label 1), scikit-learn's {@code f1_score(gold, predicted)}:
     * {@code 2 TP / (2 TP + FP + FN)}; 0 when that denominator is 0.
     */
    public static double f1(int[] predicted, int[] gold) {
        checkLengths(predicted.length, gold.length);
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int i = 0; i < gold.length; i++) {
            boolean p = predicted[i] == 1;
            boolean g = gold[i] == 1;
            tp += p && g ? 1 : 0;
            fp += p && !g ? 1 : 0;
            fn += !p && g ? 1 : 0;
        }
        long denominator = 2 * tp + fp + fn;
        return denominator == 0 ? 0.0 : 2.0 * tp / denominator;
    }

    /**
     * Matthews correlation coefficient, scikit-learn's multiclass form (equal to the binary
     * {@code (TP TN - FP FN) / sqrt((TP+FP)(TP+FN)(TN+FP)(TN+FN))} for two classes): with {@code s}
     * examples, {@code c} correct, {@code t_k} gold and {@code p_k} predicted counts of class k,
     * {@code (c s - sum p_k t_k) / sqrt((s^2 - sum p_k^2)(s^2 - sum t_k^2))}; 0 when the denominator is 0.
     */
    public static double matthews(int[] predicted, int[] gold) {
        checkLengths(predicted.length, gold.length);
        int classes = 1 + Math.max(Arrays.stream(predicted).max().orElse(0), Arrays.stream(gold).max().orElse(0));
        long[] p = new long[classes];
        long[] t = new long[classes];
        long correct = 0;
        for (int i = 0; i < gold.length; i++) {
            if (predicted[i] < 0 || gold[i] < 0) {
                throw new IllegalArgumentException("class index " + Math.min(predicted[i], gold[i])
                        + " at position " + i + "; expected indices >= 0");
            }
            p[predicted[i]]++;
            t[gold[i]]++;
            correct += predicted[i] == gold[i] ? 1 : 0;
        }
        long s = gold.length;
        double covTruePred = (double) correct * s - dot(p, t);
        double covPredPred = (double) s * s - dot(p, p);
        double covTrueTrue = (double) s * s - dot(t, t);
        double denominator = covPredPred * covTrueTrue;
        return denominator == 0 ? 0.0 : covTruePred / Math.sqrt(denominator);
    }

    /**
     * Pearson correlation, SciPy's {@code pearsonr}: {@code sum (x-mx)(y-my) / sqrt(sum (x-mx)^2 sum (y-my)^2)},
     * clipped to [-1, 1]; 0 (not NaN) when either input is constant. Needs at least two values.
     */
    public static double pearson(double[] x, double[] y) {
        checkLengths(x.length, y.length);
        checkFinite(x);
        checkFinite(y);
        if (x.length < 2) {
            throw new IllegalArgumentException("Pearson correlation of " + x.length + " value; expected at least 2");
        }
        if (isConstant(x) || isConstant(y)) {
            return 0.0;
        }
        double mx = Arrays.stream(x).sum() / x.length;
        double my = Arrays.stream(y).sum() / y.length;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        double r = sxy / Math.sqrt(sxx * syy);
        return Math.max(-1.0, Math.min(1.0, r));
    }

    /**
     * Spearman rank correlation, SciPy's {@code spearmanr}: the Pearson correlation of the ranks, tied
     * values getting the average of the ranks they span; 0 (not NaN) when either input is constant.
     */
    public static double spearman(double[] x, double[] y) {
        checkLengths(x.length, y.length);
        checkFinite(x);
        checkFinite(y);
        return pearson(averageRanks(x), averageRanks(y));
    }

    /** 1-based ranks; a run of equal values gets the mean of its ranks (SciPy's {@code rankdata}, "average"). */
    static double[] averageRanks(double[] values) {
        Integer[] order = new Integer[values.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[values.length];
        int start = 0;
        while (start < order.length) {
            int end = start;
            while (end + 1 < order.length && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            double rank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                ranks[order[k]] = rank;
            }
            start = end + 1;
        }
        return ranks;
    }

    private static boolean isConstant(double[] values) {
        return Arrays.stream(values).allMatch(v -> v == values[0]);
    }

    private static double dot(long[] a, long[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += (double) a[k] * b[k];
        }
        return sum;
    }

    private static void checkFinite(double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("value " + values[i] + " at position " + i
                        + "; expected a finite number");
            }
        }
    }

    private static void checkLengths(int predicted, int gold) {
        if (predicted != gold || gold == 0) {
            throw new IllegalArgumentException(predicted + " predictions for " + gold
                    + " gold labels; expected the same number, at least one");
        }
    }
}
