package org.minialbert.core.distil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minialbert.core.TensorAssertions.assertClose;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.minialbert.api.nn.ForwardContext;
import org.minialbert.api.nn.Weight;
import org.minialbert.core.SharedFiles;
import org.minialbert.core.engine.EngineTest;
import org.minialbert.core.engine.OfflineEngine;
import org.minialbert.core.io.Safetensors;
import org.minialbert.core.io.TensorData;
import org.minialbert.core.model.EncoderInputs;
import org.minialbert.core.model.EncoderModel;
import org.minialbert.core.model.EncoderOutputs;
import org.minialbert.core.model.HeadKind;
import org.minialbert.core.model.ModelCheckpoint;

/**
 * Loss and gradient parity with the PyTorch reference: each golden student folder stores the
 * distillation losses against {@code golden/teacher} on its batch (mapping g(i) = 2i + 1, eval-mode
 * teacher) and the gradient of {@code loss.total} for a few parameters.
 */
class DistillationLossesGoldenTest extends EngineTest {
    private static final double LOSS_TOLERANCE = 1e-5;
    private static final double KL_TOLERANCE = 1e-4;
    private static final double GRADIENT_TOLERANCE = 1e-4;
    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = OfflineEngine.pytorch();
    }


    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"student-adapters", "student-plain"})
    void matchesTheReference(String folder) {
        Path studentDir = SharedFiles.require("golden/" + folder);
        Path teacherDir = SharedFiles.require("golden/teacher");
        Map<String, TensorData> expected = Safetensors.read(studentDir.resolve("expected.safetensors"));
        try (NDManager step = manager.newSubManager();
                EncoderModel student = ModelCheckpoint.load(studentDir, HeadKind.MASKED_LM, factory, manager);
                EncoderModel teacher = ModelCheckpoint.load(teacherDir, HeadKind.MASKED_LM, factory, manager)) {
            DistillationLoss objective = DistillationLoss.reference(student, teacher);
            assertThat(objective.mapping().teacherLayers().stream().mapToLong(Integer::longValue).toArray())
                    .as("layer_mapping").containsExactly(expected.get("layer_mapping").toLongs());
            student.weights().all().forEach(w -> w.value().setRequiresGradient(true));
            EncoderInputs inputs = inputs(expected, step);
            LossRows rows = LossRows.of(inputs.attentionMask(), expected.get("mlm_labels").toNDArray(step), step);
            TeacherSignals signals = TeacherSignals.of(teacher, inputs, rows);
            DistillationLosses losses;
            try (GradientCollector gc = engine.newGradientCollector()) {
                EncoderOutputs outputs = student.encode(inputs, ForwardContext.EVAL);
                losses = objective.compute(student, outputs, signals, rows);
                gc.backward(losses.total());
                checkLosses(folder, losses, expected);
                checkGradients(folder, student, expected);
            }
        }
    }

    private static void checkLosses(String folder, DistillationLosses losses, Map<String, TensorData> expected) {
        int checked = 0;
        for (Map.Entry<String, TensorData> entry : expected.entrySet()) {
            String name = entry.getKey();
            if (!name.startsWith("loss.") && !name.equals("mlm_loss")) {
                continue;
            }
            String ours = name.equals("mlm_loss") ? DistillationLosses.MLM : name;
            NDArray actual = losses.terms().get(ours);
            assertThat(actual).as(folder + " " + ours + " computed").isNotNull();
            boolean kl = ours.startsWith(DistillationLosses.ATTENTION) || ours.equals(DistillationLosses.OUTPUT);
            report(folder, ours, new float[] {actual.getFloat()}, entry.getValue().toFloats());
            assertClose(folder + " " + ours, new float[] {actual.getFloat()}, entry.getValue().toFloats(),
                    kl ? KL_TOLERANCE : LOSS_TOLERANCE);
            checked++;
        }
        assertThat(checked).as("loss terms compared").isEqualTo(losses.terms().size());
    }

    private static void checkGradients(String folder, EncoderModel student, Map<String, TensorData> expected) {
        int checked = 0;
        for (Map.Entry<String, TensorData> entry : expected.entrySet()) {
            if (!entry.getKey().startsWith("grad.")) {
                continue;
            }
            String name = entry.getKey().substring("grad.".length());
            Weight weight = student.weights().get(name);
            assertThat(weight).as(folder + " parameter " + name).isNotNull();
            try (NDArray gradient = weight.value().getGradient()) {
                report(folder, entry.getKey(), gradient.toFloatArray(), entry.getValue().toFloats());
                assertClose(folder + " " + entry.getKey(), gradient, entry.getValue(), GRADIENT_TOLERANCE);
            }
            checked++;
        }
        assertThat(checked).as("gradients compared").isGreaterThanOrEqualTo(5);
    }

    /** Prints the max error relative to the tensor's scale, the measure {@code assertClose} bounds. */
    private static void report(String folder, String what, float[] actual, float[] expected) {
        double scale = 1e-6;
        double error = 0;
        for (int i = 0; i < expected.length && i < actual.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            error = Math.max(error, Math.abs(actual[i] - expected[i]));
        }
        System.out.printf("%s %s: max relative error %.3g%n", folder, what, error / scale);
    }

    private static EncoderInputs inputs(Map<String, TensorData> expected, NDManager manager) {
        return new EncoderInputs(expected.get("input_ids").toNDArray(manager),
                expected.get("attention_mask").toNDArray(manager),
                expected.get("token_type_ids").toNDArray(manager));
    }
}
