package org.minialbert.core.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;

/** Small random configurations for tests that need no reference weights. */
final class TinyModels {
    private TinyModels() {
    }

    /** A student: V=100, H=32, E=16 (factorised), 3 iterations, 4 heads, I=64, 40 positions, adapters r=4. */
    static EncoderConfig student(Map<String, Object> overrides) {
        Map<String, Object> json = new HashMap<>(Map.of("model_type", "albert", "vocab_size", 100, "hidden_size", 32,
                "embedding_size", 16, "num_hidden_layers", 3, "num_attention_heads", 4, "intermediate_size", 64,
                "max_position_embeddings", 40, "use_adapter", true, "reduction_factor", 4));
        json.putAll(overrides);
        return EncoderConfig.parse(new ObjectMapper().valueToTree(json), "test config");
    }
}
