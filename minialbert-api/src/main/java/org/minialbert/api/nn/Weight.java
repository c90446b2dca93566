package org.minialbert.api.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * One named trainable tensor of a model. The name is the tensor's name in a checkpoint
 * ({@code model.safetensors}), so loading and saving are lookups by name. Layers keep a reference
 * to the {@code Weight}, not to its array: a checkpoint can replace the values after the model is
 * built ({@link #assign}), and after every optimizer update the weight gets a new array on the same
 * memory ({@link #dropGradient}) and the previous one is closed.
 */
public final class Weight {
    private final String name;
    private final WeightGroup group;
    private final Shape shape;
    private NDArray value;

    Weight(String name, WeightGroup group, NDArray value) {
        this.name = name;
        this.group = group;
        this.shape = value.getShape();
        this.value = value;
    }

    public String name() {
        return name;
    }

    public WeightGroup group() {
        return group;
    }

    public Shape shape() {
        return shape;
    }

    /** The current array; valid until the next {@link #assign} or {@link #dropGradient}, so never kept. */
    public NDArray value() {
        return value;
    }

    /** Number of scalar parameters. */
    public long size() {
        return shape.size();
    }

    /**
     * Replaces the values, keeping the gradient flag. The caller has checked the shape; a different
     * shape here is a programming error.
     */
    public void assign(NDArray newValue) {
        if (!newValue.getShape().equals(shape)) {
            throw new IllegalArgumentException(name + ": shape " + newValue.getShape() + " != " + shape);
        }
        boolean trainable = value.hasGradient();
        NDArray previous = value;
        value = newValue;
        if (trainable) {
            value.setRequiresGradient(true);
        }
        if (previous != newValue) {
            previous.close();
        }
    }

    /**
     * Drops the gradient, as PyTorch's {@code zero_grad(set_to_none=True)}: the weight gets a new handle
     * on the same memory, trainable and without a gradient. The next backward pass then hands its
     * gradient over to the weight instead of adding it to a zeroed one (a pass over memory less, and
     * no zeroing), and a weight that pass does not reach has no gradient. Only for a trainable weight.
     */
    public void dropGradient() {
        if (!value.hasGradient()) {
            throw new IllegalStateException(name + " is not trainable: it has no gradient to drop");
        }
        NDArray previous = value;
        value = previous.stopGradient();
        value.setRequiresGradient(true);
        previous.close();
    }

    @Override
    public String toString() {
        return name + " " + shape;
    }
}
