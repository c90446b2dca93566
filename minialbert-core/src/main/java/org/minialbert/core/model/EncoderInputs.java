package org.minialbert.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * A padded batch for an encoder: token ids, attention mask (1 = real token, 0 = padding) and token
 * type ids, each an INT64 array of shape (B, T).
 */
public record EncoderInputs(NDArray inputIds, NDArray attentionMask, NDArray tokenTypeIds) {

    /** Builds a batch from row-major arrays of {@code batch} rows of {@code length} tokens. */
    public static EncoderInputs of(NDManager manager, long[] ids, long[] mask, long[] types, int batch, int length) {
        Shape shape = new Shape(batch, length);
        return new EncoderInputs(manager.create(ids, shape), manager.create(mask, shape), manager.create(types, shape));
    }

    public int batchSize() {
        return (int) inputIds.getShape().get(0);
    }

    public int sequenceLength() {
        return (int) inputIds.getShape().get(1);
    }

    /**
     * The mask as an additive bias over keys, (B, 1, 1, T): 0 for tokens, the float minimum for
     * padding; null when nothing is padded, so that attention skips adding zeros to every score.
     */
    NDArray attentionBias() {
        if (attentionMask.min().getLong() == 1) {
            return null;
        }
        NDArray padding = attentionMask.toType(DataType.FLOAT32, false).neg().add(1f);
        return padding.mul(-Float.MAX_VALUE).expandDims(1).expandDims(1);
    }
}
