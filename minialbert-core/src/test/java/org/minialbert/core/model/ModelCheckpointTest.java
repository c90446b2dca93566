package org.minialbert.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minialbert.api.CheckpointException;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.nn.ForwardContext;
import org.minialbert.core.engine.EngineTest;
import org.minialbert.core.io.Safetensors;
import org.minialbert.core.io.TensorData;

class ModelCheckpointTest extends EngineTest {



    private static EncoderInputs batch(NDManager step) {
        long[] ids = {2, 17, 45, 99, 3, 0, 2, 8, 9, 3, 0, 0};
        long[] mask = {1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 0};
        long[] types = {0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0};
        return EncoderInputs.of(step, ids, mask, types, 2, 6);
    }

    @Test
    void savedStudentLoadsWithIdenticalOutputs(@TempDir Path dir) {
        try (NDManager step = manager.newSubManager();
                EncoderModel original = factory.create(TinyModels.student(Map.of()), HeadKind.MASKED_LM, 0, manager)) {
            ModelCheckpoint.save(original, dir);
            try (EncoderModel loaded = ModelCheckpoint.load(dir, null, factory, manager)) {
                assertThat(loaded.head()).isEqualTo(HeadKind.MASKED_LM);
                assertThat(loaded.config()).isEqualTo(original.config());
                ModelOutputs before = original.forward(batch(step), ForwardContext.EVAL);
                ModelOutputs after = loaded.forward(batch(step), ForwardContext.EVAL);
                assertThat(after.logits().toFloatArray()).containsExactly(before.logits().toFloatArray());
                for (int i = 0; i <= 3; i++) {
                    assertThat(after.encoder().hiddenStates().get(i).toFloatArray())
                            .containsExactly(before.encoder().hiddenStates().get(i).toFloatArray());
                }
            }
        }
        Map<String, TensorData> file = Safetensors.read(dir.resolve(ModelCheckpoint.WEIGHTS));
        assertThat(file).as("reference parameter names").containsKeys(
                "albert.albert.embeddings.word_embeddings.weight", "albert.projector.weight",
                "albert.albert.encoder.albert_layer_groups.0.albert_layers.0.attention.query.weight",
                "albert.albert.encoder.albert_layer_groups.0.albert_layers.0.ffn_output.weight",
                "albert.att_adapters.2.block.0.weight", "albert.mlp_adapters.0.norm.bias",
                "vocab_transform.weight", "vocab_layer_norm.bias", "vocab_projector.weight");
        assertThat(file.get("albert.att_adapters.0.block.0.weight").shape()).isEqualTo(new Shape(8, 32));
        assertThat(file).doesNotContainKey("albert.albert.encoder.albert_layer_groups.1.albert_layers.0.ffn.weight");
    }

    @Test
    void classificationHeadRoundTrips(@TempDir Path dir) {
        try (EncoderModel original = factory.create(TinyModels.student(Map.of("use_adapter", false, "embedding_size", 32)),
                HeadKind.TOKEN_CLASSIFICATION, 5, manager)) {
            ModelCheckpoint.save(original, dir);
        }
        try (EncoderModel loaded = ModelCheckpoint.load(dir, null, factory, manager);
                NDManager step = manager.newSubManager()) {
            assertThat(loaded.head()).isEqualTo(HeadKind.TOKEN_CLASSIFICATION);
            assertThat(loaded.forward(batch(step), ForwardContext.EVAL).logits().getShape()).isEqualTo(new Shape(2, 6, 5));
        }
    }

    @Test
    void shapeMismatchNamesTheTensorAndBothShapes(@TempDir Path dir) {
        Map<String, TensorData> tensors = savedTensors(dir);
        String name = "albert.albert.encoder.albert_layer_groups.0.albert_layers.0.ffn.weight";
        tensors.put(name, zeros(new Shape(65, 32)));
        Safetensors.write(dir.resolve(ModelCheckpoint.WEIGHTS), tensors, Map.of());
        assertThatThrownBy(() -> ModelCheckpoint.load(dir, null, factory, manager))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining(name).hasMessageContaining("(65, 32)").hasMessageContaining("(64, 32)");
    }

    @Test
    void missingAndUnexpectedTensorsAreListedButUnusedEntriesAreIgnored(@TempDir Path dir) {
        Map<String, TensorData> tensors = savedTensors(dir);
        tensors.remove("albert.mlp_adapters.1.block.2.bias");
        tensors.put("albert.att_adapters.7.block.0.weight", zeros(new Shape(8, 32)));
        tensors.put("albert.albert.pooler.weight", zeros(new Shape(32, 32)));
        tensors.put("albert.albert.embeddings.position_ids", zeros(new Shape(1, 40)));
        Safetensors.write(dir.resolve(ModelCheckpoint.WEIGHTS), tensors, Map.of());
        assertThatThrownBy(() -> ModelCheckpoint.load(dir, null, factory, manager))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("1 weights missing from the file: albert.mlp_adapters.1.block.2.bias")
                .hasMessageContaining("1 tensors in the file that this model does not use: "
                        + "albert.att_adapters.7.block.0.weight")
                .hasMessageNotContaining("pooler").hasMessageNotContaining("position_ids");
    }

    @Test
    void configMissingAFieldIsReportedWithEveryProblem(@TempDir Path dir) throws Exception {
        savedTensors(dir);
        Path config = dir.resolve(ModelCheckpoint.CONFIG);
        Files.writeString(config, Files.readString(config).replaceAll("\"hidden_size\" : 32,", "")
                .replace("\"num_attention_heads\" : 4", "\"num_attention_heads\" : \"four\""));
        assertThatThrownBy(() -> ModelCheckpoint.load(dir, null, factory, manager))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(config.toString())
                .hasMessageContaining("missing field 'hidden_size'")
                .hasMessageContaining("'num_attention_heads' must be a positive integer");
    }

    @Test
    void missingDirectoryFilesAreNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> ModelCheckpoint.load(dir, null, factory, manager))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("config.json: file not found");
    }

    private Map<String, TensorData> savedTensors(Path dir) {
        try (EncoderModel model = factory.create(TinyModels.student(Map.of()), HeadKind.MASKED_LM, 0, manager)) {
            ModelCheckpoint.save(model, dir);
        }
        return new LinkedHashMap<>(Safetensors.read(dir.resolve(ModelCheckpoint.WEIGHTS)));
    }

    private static TensorData zeros(Shape shape) {
        return new TensorData(DataType.FLOAT32, shape, ByteBuffer.allocate((int) shape.size() * 4));
    }
}
