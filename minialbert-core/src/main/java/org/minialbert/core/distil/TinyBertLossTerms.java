package org.minialbert.core.distil;

import ai.djl.ndarray.NDArray;
import com.typesafe.config.Config;
import java.util.function.UnaryOperator;
import org.minialbert.api.nn.LinearLayer;
import org.minialbert.api.nn.WeightGroup;
import org.minialbert.api.nn.Weights;
import org.minialbert.api.plugin.LossRole;
import org.minialbert.api.plugin.LossShapes;
import org.minialbert.api.plugin.LossTerm;
import org.minialbert.api.plugin.LossTermProvider;
import org.minialbert.api.plugin.TeacherMaps;

/**
 * TinyBERT-style alignment terms (Jiao et al. 2020), mean squared errors over the real-token rows:
 * {@code hidden-mse} between the student's hidden states, mapped by a learned linear projection
 * {@code W_h} when the widths differ, and the teacher's; {@code attention-mse} between attention
 * maps (averaged over heads when the head counts differ).
 */
final class TinyBertLossTerms {
    private TinyBertLossTerms() {
    }

    private static NDArray meanSquaredError(NDArray student, NDArray teacher) {
        return student.sub(teacher).square().mean();
    }

    /** {@code hidden-mse}: MSE of hidden states, with a learned projection {@code hidden_mse.projection} when H_s ≠ H_t. */
    public static final class HiddenMse implements LossTermProvider {
        @Override
        public String name() {
            return "hidden-mse";
        }

        @Override
        public String description() {
            return "MSE between hidden states of each mapped pair, learned projection when widths differ (TinyBERT)";
        }

        @Override
        public LossTerm create(Config settings, LossShapes shapes, Weights objective) {
            UnaryOperator<NDArray> project = UnaryOperator.identity();
            if (shapes.studentHidden() != shapes.teacherHidden()) {
                LinearLayer projection = objective.linear("hidden_mse.projection", WeightGroup.HEAD,
                        shapes.studentHidden(), shapes.teacherHidden());
                project = projection::apply;
            }
            UnaryOperator<NDArray> toTeacherWidth = project;
            return new NamedLossTerm("hidden-mse", LossRole.ALIGNMENT, false, TeacherMaps.NONE,
                    (b, i) -> meanSquaredError(
                            toTeacherWidth.apply(b.tokenRows(b.studentHidden(1 + i))),
                            b.tokenRows(b.teacherHidden(1 + b.teacherLayer(i)))));
        }
    }

    /** {@code attention-mse}: MSE of attention maps over the real query rows, head-averaged if head counts differ. */
    public static final class AttentionMse implements LossTermProvider {
        @Override
        public String name() {
            return "attention-mse";
        }

        @Override
        public String description() {
            return "MSE between attention maps of each mapped pair, head-averaged when head counts differ (TinyBERT)";
        }

        @Override
        public LossTerm create(Config settings, LossShapes shapes, Weights objective) {
            boolean average = shapes.studentHeads() != shapes.teacherHeads();
            UnaryOperator<NDArray> heads = average ? p -> p.mean(new int[] {1}, true) : UnaryOperator.identity();
            return new NamedLossTerm("attention-mse", LossRole.ALIGNMENT, false, TeacherMaps.MAPPED,
                    (b, i) -> meanSquaredError(
                            b.tokenRows(heads.apply(b.studentAttention(i)).transpose(0, 2, 1, 3)),
                            b.tokenRows(heads.apply(b.teacherAttention(b.teacherLayer(i))).transpose(0, 2, 1, 3))));
        }
    }
}
