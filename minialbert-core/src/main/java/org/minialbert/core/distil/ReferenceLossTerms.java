package org.minialbert.core.distil;

import com.typesafe.config.Config;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.nn.Weights;
import org.minialbert.api.plugin.LossRole;
import org.minialbert.api.plugin.LossShapes;
import org.minialbert.api.plugin.LossTerm;
import org.minialbert.api.plugin.LossTermProvider;
import org.minialbert.api.plugin.TeacherMaps;

/**
 * The reference MiniALBERT loss terms as plugins (spec section 4), each a thin face over the
 * formula class it names: {@code mlm} ({@link MaskedLmLoss}), {@code attention-kl}
 * ({@link AttentionKlLoss}), {@code hidden-cosine} and {@code embedding-cosine}
 * ({@link HiddenCosineLoss}), {@code output-kl} ({@link OutputKlLoss}).
 */
final class ReferenceLossTerms {
    private ReferenceLossTerms() {
    }

    private static void requireEqualWidths(String name, LossShapes shapes) {
        if (shapes.studentHidden() != shapes.teacherHidden()) {
            throw new ConfigurationException(name + " compares hidden states of equal width, but the student has H = "
                    + shapes.studentHidden() + " and the teacher H = " + shapes.teacherHidden()
                    + "; use hidden-mse, which learns a projection between the widths");
        }
    }

    /** {@code mlm}: cross-entropy of the student's MLM logits on the masked positions. */
    public static final class Mlm implements LossTermProvider {
        @Override
        public String name() {
            return "mlm";
        }

        @Override
        public String description() {
            return "masked-LM cross-entropy of the student on the masked positions (weight alpha)";
        }

        @Override
        public LossTerm create(Config settings, LossShapes shapes, Weights objective) {
            return new NamedLossTerm("mlm", LossRole.MLM, false, TeacherMaps.NONE,
                    (b, i) -> MaskedLmLoss.compute(b.studentLogits(), b.labels()));
        }
    }

    /** {@code attention-kl}: KL between the attention maps of each mapped pair. */
    public static final class AttentionKl implements LossTermProvider {
        @Override
        public String name() {
            return "attention-kl";
        }

        @Override
        public String description() {
            return "KL between student and teacher attention maps of each mapped pair (weight beta * lambda_i)";
        }

        @Override
        public LossTerm create(Config settings, LossShapes shapes, Weights objective) {
            if (shapes.studentHeads() != shapes.teacherHeads()) {
                throw new ConfigurationException("attention-kl compares attention maps head by head, but the student "
                        + "has " + shapes.studentHeads() + " heads and the teacher " + shapes.teacherHeads()
                        + "; use attention-mse (head-averaged maps) or set student.attention-heads");
            }
            return new NamedLossTerm("attention", LossRole.ALIGNMENT, false, TeacherMaps.MAPPED,
                    (b, i) -> AttentionKlLoss.compute(
                            b.studentAttention(i), b.teacherAttention(b.teacherLayer(i)), b.tokenMask()));
        }
    }

    /** {@code hidden-cosine}: 1 - cosine between the hidden states of each mapped pair. */
    public static final class HiddenCosine implements LossTermProvider {
        @Override
        public String name() {
            return "hidden-cosine";
        }

        @Override
        public String description() {
            return "1 - cosine between student and teacher hidden states of each mapped pair (weight beta * lambda_i)";
        }

        @Override
        public LossTerm create(Config settings, LossShapes shapes, Weights objective) {
            requireEqualWidths(name(), shapes);
            return new NamedLossTerm("hidden", LossRole.ALIGNMENT, false, TeacherMaps.NONE,
                    (b, i) -> HiddenCosineLoss.compute(
                            b.studentHidden(1 + i), b.teacherHidden(1 + b.teacherLayer(i)), b::tokenRows));
        }
    }

    /** {@code embedding-cosine}: 1 - cosine between the two embedding outputs (the paper's ablation). */
    public static final class EmbeddingCosine implements LossTermProvider {
        @Override
        public String name() {
            return "embedding-cosine";
        }

        @Override
        public String description() {
            return "1 - cosine between student and teacher embedding outputs (ablation, weight beta)";
        }

        @Override
        public LossTerm create(Config settings, LossShapes shapes, Weights objective) {
            requireEqualWidths(name(), shapes);
            return new NamedLossTerm("embedding", LossRole.EMBEDDING, false, TeacherMaps.NONE,
                    (b, i) -> HiddenCosineLoss.compute(
                            b.studentHidden(0), b.teacherHidden(0), b::tokenRows));
        }
    }

    /** {@code output-kl}: KL on the teacher's MLM outputs with temperature τ. */
    public static final class OutputKl implements LossTermProvider {
        @Override
        public String name() {
            return "output-kl";
        }

        @Override
        public String description() {
            return "KL between teacher and student MLM distributions at temperature tau (weight gamma; needs the "
                    + "teacher's MLM head)";
        }

        @Override
        public LossTerm create(Config settings, LossShapes shapes, Weights objective) {
            float temperature = (float) settings.getDouble("temperature");
            if (!(temperature > 0)) {
                throw new ConfigurationException("output-kl.temperature must be positive, found " + temperature);
            }
            return new NamedLossTerm("output", LossRole.OUTPUT, true, TeacherMaps.NONE,
                    (b, i) -> OutputKlLoss.compute(b.studentLogits(), b.teacherLogits(), temperature));
        }
    }
}
