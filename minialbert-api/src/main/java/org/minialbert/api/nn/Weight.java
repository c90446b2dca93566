package org.minialbert.api.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * One named trainable tensor of a model. The name is the tensor's name in a checkpoint
 * ({@code model.safetensors}), so loading and saving are lookups by name. Layers keep a reference
 * to the {@code Weight}, not to its array, so a checkpoint can replace the values after the model
 * is built.
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

    @Override
    public String toString() {
        return name + " " + shape;
    }
}
