package org.minialbert.core.distil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.nn.ForwardContext;
import org.minialbert.api.plugin.DistillationBatch;
import org.minialbert.api.plugin.LossRole;
import org.minialbert.api.plugin.LossShapes;
import org.minialbert.api.plugin.LossTerm;
import org.minialbert.api.plugin.TeacherMaps;
import org.minialbert.core.engine.OfflineEngine;
import org.minialbert.core.model.EncoderConfig;
import org.minialbert.core.model.EncoderInputs;
import org.minialbert.core.model.EncoderModel;
import org.minialbert.core.model.EncoderOutputs;
import org.minialbert.core.model.HeadKind;
import org.minialbert.core.model.ModelFactory;

/** The checks that a student and a teacher fit the objective, on tiny random models. */
class DistillationLossCheckTest {
    private NDManager manager;
    private final ModelFactory factory = ModelFactory.fromClasspath();

    @BeforeEach
    void start() {
        manager = OfflineEngine.newManager();
    }

    @AfterEach
    void stop() {
        manager.close();
    }

    private EncoderModel model(String type, int hidden, int layers, HeadKind head) throws IOException {
        String json = "{\"model_type\":\"" + type + "\",\"vocab_size\":20,\"hidden_size\":" + hidden
                + ",\"embedding_size\":8,\"num_hidden_layers\":" + layers + ",\"num_attention_heads\":2,"
                + "\"intermediate_size\":16,\"max_position_embeddings\":16}";
        EncoderConfig config = EncoderConfig.parse(new ObjectMapper().readTree(json), "test");
        return factory.create(config, head, 0, manager);
    }

    @Test
    void acceptsTheReferencePair() throws IOException {
        try (EncoderModel student = model("albert", 8, 2, HeadKind.MASKED_LM);
                EncoderModel teacher = model("bert", 8, 4, HeadKind.MASKED_LM)) {
            assertThatCode(() -> DistillationLoss.reference(student, teacher)).doesNotThrowAnyException();
        }
    }

    @Test
    void theTeacherKeepsTheMapsItsTermsRead() throws IOException {
        try (EncoderModel student = model("albert", 8, 2, HeadKind.MASKED_LM);
                EncoderModel teacher = model("bert", 8, 4, HeadKind.MASKED_LM)) {
            DistillationLoss reference = DistillationLoss.reference(student, teacher);
            assertThat(IntStream.range(0, 4).filter(reference.teacherMapsKept())).as("attention-kl reads g(i) = 2i + 1")
                    .containsExactly(1, 3);

            LossShapes shapes = DistillationLoss.shapes(student, teacher);
            LossTerm mlm = new ReferenceLossTerms.Mlm().create(ConfigFactory.empty(), shapes, null);
            LossTerm hidden = new ReferenceLossTerms.HiddenCosine().create(ConfigFactory.empty(), shapes, null);
            DistillationLoss noMaps = new DistillationLoss(LayerMapping.reference(2), LossWeights.REFERENCE,
                    List.of(mlm, hidden), null);
            assertThat(IntStream.range(0, 4).filter(noMaps.teacherMapsKept())).isEmpty();

            LossTerm undeclared = new PluginTerm("plugin");
            DistillationLoss withPlugin = new DistillationLoss(LayerMapping.reference(2), LossWeights.REFERENCE,
                    List.of(mlm, undeclared), null);
            assertThat(IntStream.range(0, 4).filter(withPlugin.teacherMapsKept()))
                    .as("a term that says nothing may read any layer").containsExactly(0, 1, 2, 3);
        }
    }

    @Test
    void aTermReadsOnlyTheTeacherOutputsItDeclared() throws IOException {
        try (EncoderModel student = model("albert", 8, 2, HeadKind.MASKED_LM);
                EncoderModel teacher = model("bert", 8, 4, HeadKind.MASKED_LM);
                NDManager step = manager.newSubManager()) {
            LossTerm mlm = new ReferenceLossTerms.Mlm().create(ConfigFactory.empty(),
                    DistillationLoss.shapes(student, teacher), null);
            LossTerm everyMap = new NamedLossTerm("every-map", LossRole.MLM, false, TeacherMaps.ALL,
                    (b, i) -> b.teacherAttention(0).sum());
            EncoderInputs inputs = EncoderInputs.of(step, new long[] {2, 5, 7, 9, 3, 4, 8, 1}, new long[] {1, 1, 1, 1,
                    1, 1, 1, 1}, new long[8], 2, 4);
            LossRows rows = LossRows.of(inputs.attentionMask(), step.create(new long[] {LossRows.IGNORED, 5,
                    LossRows.IGNORED, LossRows.IGNORED, 6, LossRows.IGNORED, LossRows.IGNORED, LossRows.IGNORED},
                    new Shape(2, 4)), step);
            EncoderOutputs studentOutputs = student.encode(inputs, ForwardContext.EVAL);
            DistillationLoss allowed = new DistillationLoss(LayerMapping.reference(2), LossWeights.REFERENCE,
                    List.of(mlm, everyMap), null);
            assertThat(allowed.compute(student, studentOutputs, TeacherSignals.of(teacher, inputs, rows,
                    ForwardContext.EVAL, false, allowed.teacherMapsKept()), rows).terms()).containsKey("loss.every-map");

            List<LossTerm> misdeclared = List.of(
                    new NamedLossTerm("mapped-only", LossRole.MLM, false, TeacherMaps.MAPPED,
                            (b, i) -> b.teacherAttention(0).sum()),
                    new NamedLossTerm("no-maps", LossRole.MLM, false, TeacherMaps.NONE,
                            (b, i) -> b.teacherAttention(1).sum()),
                    new NamedLossTerm("no-logits", LossRole.MLM, false, TeacherMaps.NONE,
                            (b, i) -> b.teacherLogits().sum()));
            LossTerm logits = new NamedLossTerm("logits", LossRole.MLM, true, TeacherMaps.NONE,
                    (b, i) -> b.teacherLogits().sum());
            for (LossTerm term : misdeclared) {
                // next to a term that reads every map and one that reads the logits, so the teacher keeps
                // what the misdeclared term reads: it must fail on its own declaration
                DistillationLoss loss = new DistillationLoss(LayerMapping.reference(2), LossWeights.REFERENCE,
                        List.of(mlm, everyMap, logits, term), null);
                TeacherSignals signals = TeacherSignals.of(teacher, inputs, rows, ForwardContext.EVAL, true,
                        loss.teacherMapsKept());
                assertThatThrownBy(() -> loss.compute(student, studentOutputs, signals, rows)).as(term.key())
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("'" + term.key() + "'")
                        .hasMessageContaining("without declaring it");
            }

            LossTerm silent = new PluginTerm("silent") {
                @Override
                public TeacherMaps teacherMaps() {
                    return null;
                }
            };
            assertThatThrownBy(() -> new DistillationLoss(LayerMapping.reference(2), LossWeights.REFERENCE,
                    List.of(mlm, silent), null)).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("'silent'").hasMessageContaining("NONE, MAPPED or ALL");
        }
    }

    @Test
    void rejectsATeacherTooShallowForTheMapping() throws IOException {
        try (EncoderModel student = model("albert", 8, 2, HeadKind.MASKED_LM);
                EncoderModel teacher = model("bert", 8, 2, HeadKind.MASKED_LM)) {
            assertThatThrownBy(() -> DistillationLoss.reference(student, teacher))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("teacher layer 3");
        }
    }

    @Test
    void rejectsDifferentHiddenWidths() throws IOException {
        try (EncoderModel student = model("albert", 8, 2, HeadKind.MASKED_LM);
                EncoderModel teacher = model("bert", 12, 4, HeadKind.MASKED_LM)) {
            assertThatThrownBy(() -> DistillationLoss.reference(student, teacher))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("hidden states of equal width").hasMessageContaining("use hidden-mse");
        }
    }

    @Test
    void saysWhenTheTeacherCannotProvideTheOutputLoss() throws IOException {
        try (EncoderModel student = model("albert", 8, 2, HeadKind.MASKED_LM);
                EncoderModel teacher = model("bert", 8, 4, HeadKind.NONE)) {
            assertThatThrownBy(() -> DistillationLoss.reference(student, teacher))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("no masked-LM head");
            List<LossTerm> withoutOutput = List.of(
                    new ReferenceLossTerms.Mlm().create(ConfigFactory.empty(), DistillationLoss.shapes(student, teacher),
                            null),
                    new ReferenceLossTerms.HiddenCosine().create(ConfigFactory.empty(),
                            DistillationLoss.shapes(student, teacher), null));
            assertThatCode(() -> new DistillationLoss(LayerMapping.reference(2), LossWeights.REFERENCE, withoutOutput,
                    null).check(student, teacher)).doesNotThrowAnyException();
        }
    }

    /** A term as a plugin might write it, reading the teacher's map of layer 0 and not saying so. */
    private static class PluginTerm implements LossTerm {
        private final String key;

        PluginTerm(String key) {
            this.key = key;
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public LossRole role() {
            return LossRole.ALIGNMENT;
        }

        @Override
        public NDArray compute(DistillationBatch batch, int pair) {
            return batch.teacherAttention(0).sum();
        }
    }
}
