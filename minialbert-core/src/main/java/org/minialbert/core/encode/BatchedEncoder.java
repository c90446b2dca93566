package org.minialbert.core.encode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.minialbert.api.nn.ForwardContext;
import org.minialbert.core.io.TensorData;
import org.minialbert.core.model.AttentionMaps;
import org.minialbert.core.model.EncoderModel;
import org.minialbert.core.model.EncoderOutputs;
import org.minialbert.core.text.TokenBatch;

/**
 * Runs an encoder in evaluation mode over every row of a {@link TokenBatch}, {@code batchSize} rows
 * at a time (each mini-batch in its own NDArray scope), and returns the inputs plus
 * {@code hidden_states.i}, {@code attentions.i} (unless {@link AttentionMaps#SKIP}) and
 * {@code last_hidden_state} for all rows.
 */
public final class BatchedEncoder {
    private final EncoderModel model;
    private final int batchSize;
    private final AttentionMaps maps;

    public BatchedEncoder(EncoderModel model, int batchSize, AttentionMaps maps) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive: " + batchSize);
        }
        this.model = model;
        this.batchSize = batchSize;
        this.maps = maps;
    }

    /**
     * @param progress told the number of rows done after each mini-batch
     */
    public Map<String, TensorData> encode(TokenBatch batch, NDManager manager, IntConsumer progress) {
        Map<String, Collected> outputs = new LinkedHashMap<>();
        for (int from = 0; from < batch.rows(); from += batchSize) {
            int to = Math.min(batch.rows(), from + batchSize);
            try (NDManager step = manager.newSubManager()) {
                EncoderOutputs result = model.encode(batch.slice(from, to, step), ForwardContext.EVAL, maps);
                collect(outputs, "hidden_states", result.hiddenStates());
                collect(outputs, "attentions", result.attentions());
                outputs.computeIfAbsent("last_hidden_state", k -> new Collected()).add(result.lastHiddenState());
            }
            progress.accept(to);
        }
        Map<String, TensorData> tensors = new LinkedHashMap<>(batch.toTensors());
        outputs.forEach((name, collected) -> tensors.put(name, collected.toTensor(batch.rows())));
        return tensors;
    }

    private static void collect(Map<String, Collected> outputs, String prefix, List<NDArray> arrays) {
        for (int i = 0; i < arrays.size(); i++) {
            outputs.computeIfAbsent(prefix + "." + i, k -> new Collected()).add(arrays.get(i));
        }
    }

    /** Float32 rows of one output, appended mini-batch after mini-batch. */
    private static final class Collected {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Shape rowShape;

        void add(NDArray array) {
            rowShape = array.getShape().slice(1);
            ByteBuffer buffer = array.toType(DataType.FLOAT32, false).toByteBuffer();
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            bytes.writeBytes(chunk);
        }

        TensorData toTensor(int rows) {
            return new TensorData(DataType.FLOAT32, new Shape(rows).addAll(rowShape), ByteBuffer.wrap(bytes.toByteArray()));
        }
    }
}
