package org.minialbert.core.distil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minialbert.api.CheckpointException;
import org.minialbert.api.ConfigurationException;
import org.minialbert.core.config.Locations;
import org.minialbert.core.config.Problems;
import org.minialbert.core.config.SettingsReader;
import org.minialbert.core.engine.EngineTest;
import org.minialbert.core.model.EncoderConfig;
import org.minialbert.core.model.EncoderModel;
import org.minialbert.core.model.HeadKind;
import org.minialbert.core.model.ModelCheckpoint;
import org.minialbert.core.plugin.PluginChoice;

class StudentFactoryTest extends EngineTest {
    private static final Locations NOWHERE = new SettingsReader(ConfigFactory.empty(), new Problems()).locations();
    private static EncoderModel teacher;

    @BeforeAll
    static void start() {
        EncoderConfig config = EncoderConfig.parse(new ObjectMapper().valueToTree(Map.of("model_type", "bert",
                "vocab_size", 200, "hidden_size", 16, "num_hidden_layers", 4, "num_attention_heads", 2,
                "intermediate_size", 32, "max_position_embeddings", 20)), "tiny teacher");
        teacher = factory.create(config, HeadKind.NONE, 0, manager);
    }

    @AfterAll
    static void stop() {
        teacher.close();
    }

    private static DistillationSettings.Student student(int embedding, String init) {
        return new DistillationSettings.Student(null, embedding, 2, null, null, null, PluginChoice.of("all-shared"),
                List.of(new PluginChoice("bottleneck", Map.of("reduction-factor", 4))), 0.1f, PluginChoice.of(init));
    }

    @Test
    void fromTeacherCopiesTheEmbeddings() {
        try (EncoderModel student = StudentFactory.create(student(16, "from-teacher"), teacher, factory, manager,
                NOWHERE)) {
            for (String table : new String[] {"word_embeddings.weight", "position_embeddings.weight",
                "token_type_embeddings.weight", "LayerNorm.weight"}) {
                assertThat(student.weights().get("albert.albert.embeddings." + table).value().toFloatArray()).as(table)
                        .containsExactly(teacher.weights().get("bert.embeddings." + table).value().toFloatArray());
            }
            assertThat(student.config().hiddenSize()).isEqualTo(16);
            assertThat(student.config().attentionHeads()).isEqualTo(2);
        }
        assertThatThrownBy(() -> StudentFactory.create(student(8, "from-teacher"), teacher, factory, manager, NOWHERE))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("use teacher-low-rank for E < H");
    }

    @Test
    void fromCheckpointCopiesTheTablesOfAModelOfWidthE(@TempDir Path dir) {
        ModelCheckpoint.save(teacher, dir);
        DistillationSettings.Student settings = new DistillationSettings.Student(null, 16, 2, null, null, null,
                PluginChoice.of("all-shared"), List.of(), 0.1f,
                new PluginChoice("from-checkpoint", Map.of("path", dir.toString())));
        try (EncoderModel student = StudentFactory.create(settings, teacher, factory, manager, NOWHERE)) {
            assertThat(student.embeddingTables().word().value().toFloatArray())
                    .containsExactly(teacher.embeddingTables().word().value().toFloatArray());
        }
        DistillationSettings.Student narrow = new DistillationSettings.Student(null, 8, 2, null, null, null,
                PluginChoice.of("all-shared"), List.of(), 0.1f,
                new PluginChoice("from-checkpoint", Map.of("path", dir.toString())));
        assertThatThrownBy(() -> StudentFactory.create(narrow, teacher, factory, manager, NOWHERE))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("word_embeddings.weight")
                .hasMessageContaining("(200, 16)").hasMessageContaining("(200, 8)");
    }

    @Test
    void teacherLowRankIsAnOrthogonalProjectionBetterThanAnyOtherTried() {
        try (EncoderModel student = StudentFactory.create(student(6, "teacher-low-rank"), teacher, factory, manager,
                NOWHERE);
                NDManager scope = manager.newSubManager()) {
            NDArray w = teacher.weights().get("bert.embeddings.word_embeddings.weight").value();
            NDArray table = student.weights().get("albert.albert.embeddings.word_embeddings.weight").value();
            NDArray projector = student.weights().get("albert.projector.weight").value();
            assertThat(table.getShape().getShape()).containsExactly(200, 6);
            NDArray b = projector.transpose();
            NDArray gram = b.matMul(b.transpose());
            NDArray identity = scope.eye(6);
            assertThat(gram.sub(identity).abs().max().getFloat()).as("orthonormal basis").isLessThan(1e-4f);
            NDArray residual = w.sub(table.matMul(b));
            assertThat(residual.matMul(b.transpose()).abs().max().getFloat()).as("residual orthogonal to the basis")
                    .isLessThan(1e-4f);
            float error = residual.square().sum().getFloat();
            for (int trial = 0; trial < 5; trial++) {
                NDArray random = scope.randomNormal(new ai.djl.ndarray.types.Shape(16, 6));
                NDArray q = orthonormalColumns(random);
                float other = w.sub(w.matMul(q).matMul(q.transpose())).square().sum().getFloat();
                assertThat(error).isLessThanOrEqualTo(other * (1 + 1e-5f));
            }
        }
    }

    /** Gram-Schmidt on the columns of a (n, k) array. */
    private static NDArray orthonormalColumns(NDArray a) {
        int n = (int) a.getShape().get(0);
        int k = (int) a.getShape().get(1);
        float[] values = a.toFloatArray();
        double[][] columns = new double[k][n];
        for (int c = 0; c < k; c++) {
            for (int r = 0; r < n; r++) {
                columns[c][r] = values[r * k + c];
            }
            for (int p = 0; p < c; p++) {
                double dot = 0;
                for (int r = 0; r < n; r++) {
                    dot += columns[c][r] * columns[p][r];
                }
                for (int r = 0; r < n; r++) {
                    columns[c][r] -= dot * columns[p][r];
                }
            }
            double norm = 0;
            for (int r = 0; r < n; r++) {
                norm += columns[c][r] * columns[c][r];
            }
            for (int r = 0; r < n; r++) {
                columns[c][r] /= Math.sqrt(norm);
            }
        }
        float[] out = new float[n * k];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < k; c++) {
                out[r * k + c] = (float) columns[c][r];
            }
        }
        return a.getManager().create(out, a.getShape());
    }

    @Test
    void jacobiFindsKnownEigenvalues() {
        double[][] m = {{2, 1, 0}, {1, 2, 0}, {0, 0, 5}};
        SymmetricEigen eigen = SymmetricEigen.of(m);
        double[] values = eigen.values();
        java.util.Arrays.sort(values);
        assertThat(values[0]).isCloseTo(1, within(1e-12));
        assertThat(values[1]).isCloseTo(3, within(1e-12));
        assertThat(values[2]).isCloseTo(5, within(1e-12));
        double[][] top = eigen.leading(2);
        assertThat(Math.abs(top[0][2])).isCloseTo(1, within(1e-12));
        assertThat(Math.abs(top[1][0])).isCloseTo(Math.sqrt(0.5), within(1e-12));
    }
}
