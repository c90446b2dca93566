package org.minialbert.core.text;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.minialbert.api.DataFormatException;
import org.minialbert.core.io.TensorData;
import org.minialbert.core.model.EncoderInputs;

/**
 * A whole input of B rows of T tokens held as plain arrays (row-major): {@code input_ids},
 * {@code attention_mask}, {@code token_type_ids}. Rows are cut into mini-batches by
 * {@link #slice(int, int, NDManager)}.
 */
public record TokenBatch(long[] inputIds, long[] attentionMask, long[] tokenTypeIds, int rows, int length) {

    /** Pads rows of token ids (and their type ids) with 0 to the longest row; the mask marks real tokens. */
    public static TokenBatch padded(List<long[]> ids, List<long[]> types) {
        int rows = ids.size();
        int length = ids.stream().mapToInt(row -> row.length).max().orElse(0);
        long[] flatIds = new long[rows * length];
        long[] mask = new long[rows * length];
        long[] flatTypes = new long[rows * length];
        for (int r = 0; r < rows; r++) {
            long[] row = ids.get(r);
            System.arraycopy(row, 0, flatIds, r * length, row.length);
            System.arraycopy(types.get(r), 0, flatTypes, r * length, row.length);
            Arrays.fill(mask, r * length, r * length + row.length, 1L);
        }
        return new TokenBatch(flatIds, mask, flatTypes, rows, length);
    }

    /**
     * Reads the three tensors from a safetensors map; {@code attention_mask} defaults to all ones and
     * {@code token_type_ids} to zeros. Every tensor must be an integer (B, T) tensor of the same shape.
     */
    public static TokenBatch fromTensors(Map<String, TensorData> tensors, String source) {
        TensorData ids = tensors.get("input_ids");
        if (ids == null) {
            throw new DataFormatException(source + ": no 'input_ids' tensor (expected I64 input_ids, attention_mask, "
                    + "token_type_ids of shape (batch, length))");
        }
        Shape shape = ids.shape();
        if (shape.dimension() != 2 || shape.get(0) < 1 || shape.get(1) < 1) {
            throw new DataFormatException(source + ": 'input_ids' must have shape (batch, length), found " + shape);
        }
        int rows = (int) shape.get(0);
        int length = (int) shape.get(1);
        long[] mask = new long[rows * length];
        Arrays.fill(mask, 1L);
        return new TokenBatch(integers(ids, "input_ids", shape, source),
                tensors.containsKey("attention_mask")
                        ? integers(tensors.get("attention_mask"), "attention_mask", shape, source) : mask,
                tensors.containsKey("token_type_ids")
                        ? integers(tensors.get("token_type_ids"), "token_type_ids", shape, source) : new long[rows * length],
                rows, length);
    }

    private static long[] integers(TensorData tensor, String name, Shape shape, String source) {
        if (tensor.dataType() != DataType.INT64 && tensor.dataType() != DataType.INT32) {
            throw new DataFormatException(source + ": '" + name + "' must be I64 (or I32), found " + tensor.dataType());
        }
        if (!tensor.shape().equals(shape)) {
            throw new DataFormatException(source + ": '" + name + "' has shape " + tensor.shape() + " but input_ids has "
                    + shape);
        }
        return tensor.toLongs();
    }

    /** Rows {@code [from, to)} as an encoder batch. */
    public EncoderInputs slice(int from, int to, NDManager manager) {
        int a = from * length;
        int b = to * length;
        return EncoderInputs.of(manager, Arrays.copyOfRange(inputIds, a, b), Arrays.copyOfRange(attentionMask, a, b),
                Arrays.copyOfRange(tokenTypeIds, a, b), to - from, length);
    }

    /** The three inputs as I64 tensors, named as the encode command writes them. */
    public Map<String, TensorData> toTensors() {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("input_ids", int64(inputIds));
        tensors.put("attention_mask", int64(attentionMask));
        tensors.put("token_type_ids", int64(tokenTypeIds));
        return tensors;
    }

    private TensorData int64(long[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asLongBuffer().put(values);
        return new TensorData(DataType.INT64, new Shape(rows, length), buffer);
    }
}
