package org.minialbert.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minialbert.api.MiniAlbertException;
import org.minialbert.api.nn.Weight;
import org.minialbert.api.nn.WeightGroup;
import org.minialbert.api.nn.Weights;
import org.minialbert.core.engine.OfflineEngine;

/** The divergence guard: silent while finite, and naming the weights whose gradients are not. */
class DivergenceTest {

    @Test
    void namesTheWeightsWithNonFiniteGradients() {
        Engine engine = OfflineEngine.pytorch();
        try (NDManager manager = OfflineEngine.newManager()) {
            Weights weights = new Weights(manager, 0.02f);
            Weight finite = weights.ones("layer.1.weight", WeightGroup.LAYERS, new Shape(2));
            Weight broken = weights.ones("layer.0.weight", WeightGroup.LAYERS, new Shape(2));
            finite.value().setRequiresGradient(true);
            broken.value().setRequiresGradient(true);
            try (GradientCollector collector = engine.newGradientCollector()) {
                // d/dp sqrt(p - 1) at p = 1 is infinite; times 0 it stays 0 in the loss but NaN in the gradient
                collector.backward(finite.value().sum().add(broken.value().sub(1f).sqrt().mul(0f).sum()));
            }
            List<Weight> all = List.of(broken, finite);
            assertThat(Divergence.nonFinite(all)).containsExactly("layer.0.weight");
            float norm = GradientClipping.norm(all);
            assertThatThrownBy(() -> Divergence.check("rte", 41, 0.5f, norm, all))
                    .isInstanceOf(MiniAlbertException.class)
                    .hasMessageContaining("rte: training diverged at update 42")
                    .hasMessageContaining("non-finite gradients in 1 of 2 weights: layer.0.weight")
                    .satisfies(e -> assertThat(((MiniAlbertException) e).isUserError()).isFalse());
            assertThatCode(() -> Divergence.check("rte", 41, 0.5f, 1f, all)).doesNotThrowAnyException();
            assertThatThrownBy(() -> Divergence.check("rte", 0, Float.POSITIVE_INFINITY, 1f, List.of()))
                    .hasMessageContaining("loss Infinity");
        }
    }
}
