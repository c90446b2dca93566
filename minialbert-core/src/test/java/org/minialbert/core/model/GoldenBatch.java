package org.minialbert.core.model;

import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.minialbert.core.io.TensorData;

/** The batch stored with every golden folder ({@code input_ids}, {@code attention_mask}, {@code token_type_ids}). */
final class GoldenBatch {
    private GoldenBatch() {
    }

    static EncoderInputs inputs(Map<String, TensorData> expected, NDManager manager) {
        return new EncoderInputs(expected.get("input_ids").toNDArray(manager),
                expected.get("attention_mask").toNDArray(manager),
                expected.get("token_type_ids").toNDArray(manager));
    }
}
