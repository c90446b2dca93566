package org.minialbert.core;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import org.minialbert.core.io.TensorData;

/** Comparisons of computed tensors with expected ones, with an explicit relative tolerance. */
public final class TensorAssertions {
    private TensorAssertions() {
    }

    /**
     * Asserts equal shapes and {@code max|actual - expected| <= tolerance * max(max|expected|, 1e-6)}:
     * the largest error relative to the tensor's scale.
     */
    public static void assertClose(String what, NDArray actual, TensorData expected, double tolerance) {
        assertThat(actual.getShape()).as(what + " shape").isEqualTo(expected.shape());
        assertClose(what, actual.toFloatArray(), expected.toFloats(), tolerance);
    }

    public static void assertClose(String what, float[] actual, float[] expected, double tolerance) {
        assertClose(what, actual, expected, tolerance, 1e-6);
    }

    /**
     * {@code max|actual - expected| <= tolerance * max(max|expected|, minScale)}: for tensors that may
     * be all but zero, whose error is then measured against a scale the caller knows (e.g. the largest
     * of a set of gradients), not against rounding noise.
     */
    public static void assertClose(String what, float[] actual, float[] expected, double tolerance, double minScale) {
        assertThat(actual).as(what + " size").hasSameSizeAs(expected);
        double scale = minScale;
        double error = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            error = Math.max(error, Math.abs(actual[i] - expected[i]));
        }
        assertThat(error / scale).as(what + ": max abs error " + error + " relative to scale " + scale)
                .isLessThanOrEqualTo(tolerance);
    }
}
