package org.minialbert.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.minialbert.api.CheckpointException;
import org.minialbert.api.nn.Weight;
import org.minialbert.core.io.TensorData;

/**
 * AdamW (Loshchilov and Hutter 2019) with PyTorch's {@code torch.optim.AdamW} update: for each
 * trainable weight p with gradient g at step t,
 * {@code p <- p (1 - lr wd)} (only for weights of two or more dimensions, so never biases or
 * LayerNorm weights), {@code m <- b1 m + (1 - b1) g}, {@code v <- b2 v + (1 - b2) g²},
 * {@code p <- p - lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)}. The moments are part of a
 * training checkpoint ({@link #state()}, {@link #restore}).
 */
public final class AdamW {
    private final List<Weight> weights;
    private final AdamWSettings settings;
    private final Map<String, NDArray> first = new LinkedHashMap<>();
    private final Map<String, NDArray> second = new LinkedHashMap<>();
    private long steps;

    public AdamW(List<Weight> weights, AdamWSettings settings) {
        this.weights = new ArrayList<>(weights);
        this.settings = settings;
        for (Weight weight : this.weights) {
            NDArray value = weight.value();
            value.setRequiresGradient(true);
            first.put(weight.name(), value.getManager().zeros(value.getShape()));
            second.put(weight.name(), value.getManager().zeros(value.getShape()));
        }
    }

    public List<Weight> weights() {
        return weights;
    }

    public long steps() {
        return steps;
    }

    /** Applies one update with learning rate {@code lr}, then zeroes the gradients. */
    public void step(float lr) {
        steps++;
        float correction1 = (float) (1 - Math.pow(settings.beta1(), steps));
        float correction2 = (float) Math.sqrt(1 - Math.pow(settings.beta2(), steps));
        Gradients.forEach(weights, (weight, gradient, scope) -> {
            NDArray value = weight.value();
            NDArray m = first.get(weight.name());
            NDArray v = second.get(weight.name());
            scope.tempAttachAll(m, v);
            if (value.getShape().dimension() >= 2 && settings.weightDecay() > 0) {
                value.muli(1 - lr * settings.weightDecay());
            }
            // in place, without temporaries where an operation allows: m <- b1 (m - g) + g,
            // then g <- (1 - b2) g² (the gradient is zeroed below) and v <- b2 v + g
            m.subi(gradient).muli(settings.beta1()).addi(gradient);
            gradient.muli(gradient).muli(1 - settings.beta2());
            v.muli(settings.beta2()).addi(gradient);
            // lr m̂ / (sqrt(v̂) + eps) = (lr c2 / c1) m / (sqrt(v) + eps c2), with c2 = sqrt(1 - b2^t)
            NDArray update = v.sqrt().addi(settings.epsilon() * correction2).powi(-1).muli(m);
            value.subi(update.muli(lr * correction2 / correction1));
            gradient.muli(0);
        });
    }

    /**
     * Sets every gradient to zero, also one holding NaN or infinity (which multiplying by zero would
     * keep), so that an update can be computed afresh.
     */
    public void zeroGradients() {
        for (Weight weight : weights) {
            JniUtils.zeroGrad((PtNDArray) weight.value());
        }
    }

    /** The moments and step count as named tensors, for a training checkpoint. */
    public Map<String, TensorData> state() {
        Map<String, TensorData> state = new LinkedHashMap<>();
        first.forEach((name, array) -> state.put("exp_avg." + name, TensorData.of(array)));
        second.forEach((name, array) -> state.put("exp_avg_sq." + name, TensorData.of(array)));
        return state;
    }

    /** Restores {@link #state()} saved after {@code savedSteps} updates. */
    public void restore(Map<String, TensorData> state, long savedSteps, String source) {
        restore(first, "exp_avg.", state, source);
        restore(second, "exp_avg_sq.", state, source);
        steps = savedSteps;
    }

    private static void restore(Map<String, NDArray> moments, String prefix, Map<String, TensorData> state,
            String source) {
        for (Map.Entry<String, NDArray> entry : moments.entrySet()) {
            TensorData saved = state.get(prefix + entry.getKey());
            if (saved == null || !saved.shape().equals(entry.getValue().getShape())) {
                throw new CheckpointException(source + ": optimizer state for '" + entry.getKey() + "' is missing or "
                        + "has the wrong shape; the checkpoint does not belong to this job");
            }
            NDArray moment = entry.getValue();
            try (NDArray restored = saved.toNDArray(moment.getManager())) {
                moment.muli(0).addi(restored);
            }
        }
    }
}
