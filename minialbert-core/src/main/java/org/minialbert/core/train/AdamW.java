package org.minialbert.core.train;

import ai.djl.ndarray.NDArray;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.minialbert.api.CheckpointException;
import org.minialbert.api.nn.Weight;
import org.minialbert.core.io.TensorData;

/**
 * AdamW (Loshchilov and Hutter 2019) with PyTorch's {@code torch.optim.AdamW} update: for each
 * trainable weight p with gradient g at step t,
 * {@code p <- p (1 - lr wd)} (only for weights of two or more dimensions, so never biases or
 * LayerNorm weights), {@code m <- b1 m + (1 - b1) g}, {@code v <- b2 v + (1 - b2) g²},
 * {@code p <- p - lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)}. The moments are part of a
 * training checkpoint ({@link #state()}, {@link #restore}); they live for the optimizer's lifetime, in
 * place, so the one-pass update ({@link FusedAdamW}) keeps views of their memory.
 */
public final class AdamW {
    private static final String FIRST = "exp_avg.";
    private static final String SECOND = "exp_avg_sq.";

    private final List<Weight> weights;
    private final AdamWSettings settings;
    private final Map<String, Moments> moments = new LinkedHashMap<>();
    private long steps;
    private long updatedInJava;

    public AdamW(List<Weight> weights, AdamWSettings settings) {
        this(weights, settings, true);
    }

    /** With {@code inJava} false, every weight is updated with engine operations (for tests). */
    AdamW(List<Weight> weights, AdamWSettings settings, boolean inJava) {
        this.weights = new ArrayList<>(weights);
        this.settings = settings;
        for (Weight weight : this.weights) {
            weight.value().setRequiresGradient(true);
            moments.put(weight.name(), Moments.zerosLike(weight.value(), inJava));
        }
    }

    /**
     * A weight's first and second moments, and views of their memory for the one-pass update (null
     * where there are none, or where the update is to use engine operations).
     */
    private record Moments(NDArray first, NDArray second, FloatBuffer firstMemory, FloatBuffer secondMemory) {
        static Moments zerosLike(NDArray value, boolean inJava) {
            NDArray first = value.getManager().zeros(value.getShape());
            NDArray second = value.getManager().zeros(value.getShape());
            return new Moments(first, second, inJava ? HostMemory.view(first).orElse(null) : null,
                    inJava ? HostMemory.view(second).orElse(null) : null);
        }

        boolean viewed() {
            return firstMemory != null && secondMemory != null;
        }
    }

    public List<Weight> weights() {
        return weights;
    }

    public long steps() {
        return steps;
    }

    /**
     * Applies one update with learning rate {@code lr} to the gradients multiplied by
     * {@code gradientScale} (the clipping factor, {@link GradientClipping#scale}), then drops the
     * gradients ({@link Weight#dropGradient}: the next backward pass hands its gradients over instead
     * of adding them to zeroed ones). Dense float32 weights on the CPU are updated in one pass in Java
     * ({@link FusedAdamW}); any other weight with engine operations. A weight that the update's
     * backward passes did not reach has no gradient and is left as it is, as PyTorch leaves a weight
     * whose {@code grad} is {@code None} (its {@code zero_grad} sets gradients to {@code None} too).
     */
    public void step(float lr, float gradientScale) {
        steps++;
        float correction1 = (float) (1 - Math.pow(settings.beta1(), steps));
        float correction2 = (float) Math.sqrt(1 - Math.pow(settings.beta2(), steps));
        // lr m̂ / (sqrt(v̂) + eps) = (lr c2 / c1) m / (sqrt(v) + eps c2), with c2 = sqrt(1 - b2^t)
        float stepSize = lr * correction2 / correction1;
        float epsilon = settings.epsilon() * correction2;
        FusedAdamW fused = new FusedAdamW(new FusedAdamW.Coefficients(settings.beta1(), settings.beta2(),
                gradientScale, stepSize, epsilon));
        Gradients.forEach(weights, (weight, gradient, scope) -> {
            Moments m = moments.get(weight.name());
            float decay = weight.value().getShape().dimension() >= 2 ? 1 - lr * settings.weightDecay() : 1;
            if (!addTo(fused, weight.value(), gradient, m, decay)) {
                scope.tempAttachAll(m.first(), m.second());
                updateWithEngine(weight.value(), gradient, m, decay, gradientScale, stepSize, epsilon);
            }
        });
        // the views of the gradients outlive their handles (closed with each weight's scope): safe
        // because each weight keeps its gradient tensor alive until it is dropped
        fused.run();
        updatedInJava = fused.size();
        dropGradients();
    }

    /** How many elements the last step updated in one pass in Java (the others took engine operations). */
    long updatedInJava() {
        return updatedInJava;
    }

    /** Adds the weight to the one-pass update if it, its gradient and its moments can be viewed in memory. */
    private static boolean addTo(FusedAdamW fused, NDArray value, NDArray gradient, Moments m, float decay) {
        if (!m.viewed()) {
            return false;
        }
        Optional<FloatBuffer> valueMemory = HostMemory.view(value);
        Optional<FloatBuffer> gradientMemory = HostMemory.view(gradient);
        if (valueMemory.isEmpty() || gradientMemory.isEmpty()) {
            return false;
        }
        fused.add(valueMemory.get(), gradientMemory.get(), m.firstMemory(), m.secondMemory(), decay);
        return true;
    }

    private void updateWithEngine(NDArray value, NDArray gradient, Moments moment, float decay, float gradientScale,
            float stepSize, float epsilon) {
        NDArray m = moment.first();
        NDArray v = moment.second();
        if (gradientScale != 1) {
            gradient.muli(gradientScale);
        }
        if (decay != 1) {
            value.muli(decay);
        }
        // in place, without temporaries where an operation allows: m <- b1 (m - g) + g,
        // then g <- (1 - b2) g² (the gradient is dropped after the update) and v <- b2 v + g
        m.subi(gradient).muli(settings.beta1()).addi(gradient);
        gradient.muli(gradient).muli(1 - settings.beta2());
        v.muli(settings.beta2()).addi(gradient);
        NDArray update = v.sqrt().addi(epsilon).powi(-1).muli(m);
        value.subi(update.muli(stepSize));
    }

    /**
     * Drops every gradient ({@link Weight#dropGradient}), also one holding NaN or infinity, so that an
     * update can be computed afresh.
     */
    public void dropGradients() {
        weights.forEach(Weight::dropGradient);
    }

    /** The moments and step count as named tensors, for a training checkpoint. */
    public Map<String, TensorData> state() {
        Map<String, TensorData> state = new LinkedHashMap<>();
        moments.forEach((name, m) -> state.put(FIRST + name, TensorData.of(m.first())));
        moments.forEach((name, m) -> state.put(SECOND + name, TensorData.of(m.second())));
        return state;
    }

    /** Restores {@link #state()} saved after {@code savedSteps} updates. */
    public void restore(Map<String, TensorData> state, long savedSteps, String source) {
        moments.forEach((name, m) -> restore(m.first(), FIRST, name, state, source));
        moments.forEach((name, m) -> restore(m.second(), SECOND, name, state, source));
        steps = savedSteps;
    }

    /** Overwrites {@code moment} in place (the one-pass update keeps a view of its memory). */
    private static void restore(NDArray moment, String prefix, String name, Map<String, TensorData> state,
            String source) {
        TensorData saved = state.get(prefix + name);
        if (saved == null || !saved.shape().equals(moment.getShape())) {
            throw new CheckpointException(source + ": optimizer state for '" + name + "' is missing or has the wrong "
                    + "shape; the checkpoint does not belong to this job");
        }
        try (NDArray restored = saved.toNDArray(moment.getManager())) {
            moment.muli(0).addi(restored);
        }
    }
}
