package org.minialbert.core.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minialbert.api.nn.Weight;
import org.minialbert.api.nn.WeightGroup;
import org.minialbert.core.distil.DistillationRun;
import org.minialbert.core.model.EncoderModel;

/**
 * The closed-form FLOP count against a count taken from the models' actual weights: every matrix
 * of a layer block does one multiply-add per parameter per token, once per iteration that uses the
 * block, plus the attention products (4·T·H per token and layer).
 */
class FlopCountTest {
    private static final int LENGTH = 24;
    private static TinyPresetRun tiny;
    private static DistillationRun run;

    @BeforeAll
    static void prepare() {
        tiny = TinyPresetRun.open();
        run = tiny.run();
    }

    @AfterAll
    static void close() {
        tiny.close();
    }

    @Test
    void teacherCountMatchesItsWeights() {
        EncoderModel teacher = run.teacher();
        double fromWeights = 2.0 * matrixParameters(teacher, WeightGroup.LAYERS)
                + attentionProducts(teacher);
        assertThat(FlopCount.encoderPerToken(teacher, LENGTH)).isCloseTo(fromWeights, within(1e-6));
    }

    @Test
    void sharedStudentCountsItsLayerOncePerIterationPlusProjectionAndAdapters() {
        EncoderModel student = run.student();
        int iterations = student.config().layers();
        double fromWeights = 2.0 * iterations * matrixParameters(student, WeightGroup.LAYERS)
                + 2.0 * matrixParameters(student, WeightGroup.PROJECTION)
                + 2.0 * matrixParameters(student, WeightGroup.ADAPTATION)
                + attentionProducts(student);
        assertThat(matrixParameters(student, WeightGroup.ADAPTATION)).isPositive();
        assertThat(FlopCount.encoderPerToken(student, LENGTH)).isCloseTo(fromWeights, within(1e-6));
        assertThat(FlopCount.encoder(student, 3, LENGTH)).isCloseTo(3 * LENGTH * fromWeights, within(1e-3));
    }

    @Test
    void headsCountTheirMatrices() {
        EncoderModel student = run.student();
        double mlmMatrices = student.weights().all().stream()
                .filter(w -> w.group() == WeightGroup.HEAD && w.shape().dimension() == 2).mapToLong(Weight::size).sum();
        assertThat(FlopCount.maskedLmHead(student, 5)).isCloseTo(2 * 5 * mlmMatrices, within(1e-6));
        assertThat(FlopCount.sequenceHead(student, 4, 3)).isEqualTo(2.0 * 4 * 3 * student.config().hiddenSize());
    }

    private static long matrixParameters(EncoderModel model, WeightGroup group) {
        return model.weights().all().stream().filter(w -> w.group() == group && w.shape().dimension() == 2)
                .mapToLong(Weight::size).sum();
    }

    /** Scores q·kᵀ and weighted values p·v: 2·T·H each per token, in every layer. */
    private static double attentionProducts(EncoderModel model) {
        return model.config().layers() * 4.0 * LENGTH * model.config().hiddenSize();
    }
}
