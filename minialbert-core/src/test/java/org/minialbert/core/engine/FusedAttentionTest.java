package org.minialbert.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.minialbert.core.TensorAssertions.assertClose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.minialbert.api.nn.Scalars;

/**
 * The fused operator against attention written out in float64 from its definition,
 * {@code softmax(q kᵀ / sqrt(d) + bias) v}, on head splits of projections (strided views, as the
 * encoder passes them): values, a padding mask with more keys than queries (a key/value prefix),
 * and gradients.
 */
class FusedAttentionTest {
    private static final double TOLERANCE = 1e-5;
    private static final int B = 3;
    private static final int A = 4;
    private static final int D = 8;

    /** (B, A, T, d) views of a random (B, T, A * d) projection, as {@code AttentionBlock} splits heads. */
    private static NDArray heads(NDManager manager, int length) {
        return split(manager.randomNormal(new Shape(B, length, A * D)));
    }

    /** Attention from its definition, in the inputs' type. */
    private static NDArray definition(NDArray q, NDArray k, NDArray v, NDArray bias) {
        NDArray scores = Scalars.div(q.matMul(k.transpose(0, 1, 3, 2)), (float) Math.sqrt(D));
        if (bias != null) {
            scores = scores.add(bias.toType(scores.getDataType(), false));
        }
        NDArray exp = scores.sub(scores.max(new int[] {-1}, true)).exp();
        return exp.div(exp.sum(new int[] {-1}, true)).matMul(v);
    }

    /** The definition in float64, rounded to float32. */
    private static float[] reference(NDArray q, NDArray k, NDArray v, NDArray bias) {
        return definition(q.toType(DataType.FLOAT64, false), k.toType(DataType.FLOAT64, false),
                v.toType(DataType.FLOAT64, false), bias).toType(DataType.FLOAT32, false).toFloatArray();
    }

    /**
     * Padding over keys as {@code EncoderInputs} makes it, 0 for tokens and the float minimum for
     * padding: row 0 unpadded, row 1 with its last key padded, row 2 its last three.
     */
    private static NDArray paddingBias(NDManager manager, int keys) {
        NDArray bias = manager.zeros(new Shape(B, 1, 1, keys));
        bias.set(new NDIndex("1, :, :, " + (keys - 1) + ":"), -Float.MAX_VALUE);
        bias.set(new NDIndex("2, :, :, " + (keys - 3) + ":"), -Float.MAX_VALUE);
        return bias;
    }

    /**
     * Without a mask (as many keys as queries) and with padding over more keys than queries (a
     * key/value prefix): a padded key's value must not reach the output, so changing it changes nothing.
     */
    @ParameterizedTest(name = "{0} queries, {1} keys, masked {2}")
    @CsvSource({"7, 7, false", "6, 9, true"})
    void equalsAttentionFromItsDefinition(int queries, int keys, boolean masked) {
        try (NDManager manager = OfflineEngine.newManager()) {
            manager.getEngine().setRandomSeed(11);
            NDArray q = heads(manager, queries);
            NDArray k = heads(manager, keys);
            NDArray v = heads(manager, keys);
            NDArray bias = masked ? paddingBias(manager, keys) : null;
            NDArray fused = FusedAttention.attend(q, k, v, bias);
            assertThat(fused.getShape()).isEqualTo(new Shape(B, A, queries, D));
            assertClose("fused", fused.toFloatArray(), reference(q, k, v, bias), TOLERANCE);
            if (masked) {
                NDArray changed = v.duplicate();
                changed.set(new NDIndex("1, :, " + (keys - 1) + ", :"), 1000f);
                assertClose("padded value changed", FusedAttention.attend(q, k, changed, bias).toFloatArray(),
                        fused.toFloatArray(), TOLERANCE);
            }
        }
    }

    /**
     * Gradients of {@code sum(out * w)} with respect to the (B, T, A * d) projections whose head splits
     * are q, k and v (6 queries, 8 keys with padding): fused in float32, and from the definition with
     * float64 inputs. The operator runs a few times without gradients first, at other shapes, as
     * evaluation before a training step would (TorchScript's executor specialises a method on the
     * inputs of its first calls).
     */
    @Test
    void gradientsEqualThoseOfTheDefinitionAfterCallsWithout() {
        try (NDManager manager = OfflineEngine.newManager()) {
            manager.getEngine().setRandomSeed(13);
            NDList projections = new NDList(manager.randomNormal(new Shape(B, 6, A * D)),
                    manager.randomNormal(new Shape(B, 8, A * D)), manager.randomNormal(new Shape(B, 8, A * D)));
            NDArray weights = manager.randomNormal(new Shape(B, A, 6, D));
            NDArray bias = paddingBias(manager, 8);
            for (int call = 0; call < 5; call++) {
                NDArray q = manager.randomNormal(new Shape(B, 6 + call, A * D));
                NDArray kv = manager.randomNormal(new Shape(B, 9 + call, A * D));
                FusedAttention.attend(split(q), split(kv), split(kv), paddingBias(manager, 9 + call)).close();
            }
            NDList fused = gradients(manager, projections,
                    (q, k, v) -> FusedAttention.attend(split(q), split(k), split(v), bias).mul(weights));
            NDList written = gradients(manager, asFloat64(projections),
                    (q, k, v) -> definition(split(q), split(k), split(v), bias)
                            .mul(weights.toType(DataType.FLOAT64, false)));
            String[] names = {"dq", "dk", "dv"};
            for (int i = 0; i < 3; i++) {
                assertClose(names[i], fused.get(i).toFloatArray(),
                        written.get(i).toType(DataType.FLOAT32, false).toFloatArray(), TOLERANCE);
            }
        }
    }

    /** The (B, A, T, d) head split of a (B, T, A * d) projection, a strided view. */
    private static NDArray split(NDArray projection) {
        Shape shape = projection.getShape();
        return projection.reshape(shape.get(0), shape.get(1), A, D).transpose(0, 2, 1, 3);
    }

    @Test
    void rejectsNamedInputs() {
        try (NDManager manager = OfflineEngine.newManager()) {
            NDArray q = manager.zeros(new Shape(1, A, 2, D));
            NDArray named = q.duplicate();
            named.setName("layer.q");
            assertThatThrownBy(() -> FusedAttention.attend(named, q, q, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'layer.q'");
        }
    }

    private static NDList asFloat64(NDList arrays) {
        NDList copies = new NDList();
        arrays.forEach(x -> copies.add(x.toType(DataType.FLOAT64, true)));
        return copies;
    }

    private interface Attention {
        NDArray apply(NDArray q, NDArray k, NDArray v);
    }

    /** The gradients of {@code attention(...).sum()} with respect to copies of {@code inputs}. */
    private static NDList gradients(NDManager manager, NDList inputs, Attention attention) {
        NDList leaves = new NDList();
        inputs.forEach(x -> leaves.add(x.duplicate()));
        leaves.forEach(x -> x.setRequiresGradient(true));
        try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
            collector.backward(attention.apply(leaves.get(0), leaves.get(1), leaves.get(2)).sum());
        }
        NDList result = new NDList();
        leaves.forEach(x -> result.add(x.getGradient()));
        return result;
    }
}
