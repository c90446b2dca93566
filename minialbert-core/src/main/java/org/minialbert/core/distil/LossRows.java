package org.minialbert.core.distil;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.stream.IntStream;
import org.minialbert.api.DataFormatException;

/**
 * The rows a batch's loss terms are taken over (spec section 4), as flat indices into the B·T
 * positions: {@code sel_tok} (attention mask 1) for the alignment terms and {@code sel_mlm} (label
 * ≠ -100) with their labels for the MLM terms. Selecting rows before the vocabulary projection keeps
 * the (rows, V) logits small. {@code tokenMask} is the attention mask as (B, T) float32, for terms
 * that weight rows instead of selecting them.
 */
public record LossRows(NDArray tokenRows, NDArray tokenMask, NDArray labelledRows, NDArray labels) {
    /** The label of positions that carry no MLM target (PyTorch's {@code ignore_index}). */
    public static final long IGNORED = -100;

    /** Rows of a (B, T) attention mask and (B, T) MLM labels, as INT64 arrays in {@code manager}. */
    public static LossRows of(NDArray attentionMask, NDArray mlmLabels, NDManager manager) {
        if (!attentionMask.getShape().equals(mlmLabels.getShape())) {
            throw new DataFormatException("MLM labels " + mlmLabels.getShape() + " do not match the attention mask "
                    + attentionMask.getShape());
        }
        long[] mask = attentionMask.toLongArray();
        long[] labels = mlmLabels.toLongArray();
        long[] tokens = IntStream.range(0, mask.length).filter(p -> mask[p] != 0).asLongStream().toArray();
        long[] labelled = IntStream.range(0, labels.length).filter(p -> labels[p] != IGNORED).asLongStream().toArray();
        if (tokens.length == 0 || labelled.length == 0) {
            throw new DataFormatException("a distillation batch needs at least one real token and one labelled "
                    + "position; found " + tokens.length + " and " + labelled.length);
        }
        long[] targets = IntStream.range(0, labelled.length).mapToLong(i -> labels[(int) labelled[i]]).toArray();
        return new LossRows(manager.create(tokens), attentionMask.toType(DataType.FLOAT32, false), manager.create(labelled),
                manager.create(targets));
    }

    /** The {@code sel_tok} rows of a (B, T, ...) tensor: (rows, ...); without padding, all of them, uncopied. */
    public NDArray tokens(NDArray batchMajor) {
        return select(batchMajor, tokenRows);
    }

    /** The {@code sel_mlm} rows of a (B, T, ...) tensor: (rows, ...). */
    public NDArray labelled(NDArray batchMajor) {
        return select(batchMajor, labelledRows);
    }

    private static NDArray select(NDArray x, NDArray rows) {
        Shape shape = x.getShape();
        Shape flat = new Shape(shape.get(0) * shape.get(1)).addAll(shape.slice(2));
        // rows are ascending and distinct, so as many rows as positions means every position in order
        return rows.getShape().get(0) == flat.get(0) ? x.reshape(flat) : x.reshape(flat).get(rows);
    }
}
