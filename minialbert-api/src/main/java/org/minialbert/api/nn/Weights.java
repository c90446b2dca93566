package org.minialbert.api.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The table of a model's weights by checkpoint name, in creation order, and the factory that
 * creates them with the reference initialisation (normal with standard deviation
 * {@code initializer_range}, LayerNorm weight 1 and bias 0, biases 0). A {@linkplain #scoped(String)
 * scoped} view prefixes every name, so a component names its weights relative to where it sits.
 */
public final class Weights {
    private final NDManager manager;
    private final float initStd;
    private final Map<String, Weight> table;
    private final String prefix;

    public Weights(NDManager manager, float initStd) {
        this(manager, initStd, new LinkedHashMap<>(), "");
    }

    private Weights(NDManager manager, float initStd, Map<String, Weight> table, String prefix) {
        this.manager = manager;
        this.initStd = initStd;
        this.table = table;
        this.prefix = prefix;
    }

    /** A view that adds {@code childPrefix} (e.g. {@code "albert."}) in front of every new name. */
    public Weights scoped(String childPrefix) {
        return new Weights(manager, initStd, table, prefix + childPrefix);
    }

    public NDManager manager() {
        return manager;
    }

    /** A weight drawn from N(0, initStd²). */
    public Weight normal(String name, WeightGroup group, Shape shape) {
        return add(name, group, manager.randomNormal(0f, initStd, shape, DataType.FLOAT32));
    }

    public Weight zeros(String name, WeightGroup group, Shape shape) {
        return add(name, group, manager.zeros(shape, DataType.FLOAT32));
    }

    public Weight ones(String name, WeightGroup group, Shape shape) {
        return add(name, group, manager.ones(shape, DataType.FLOAT32));
    }

    /** A linear map {@code in -> out}: {@code name.weight} (out, in) normal, {@code name.bias} zero. */
    public LinearLayer linear(String name, WeightGroup group, int in, int out) {
        return new LinearLayer(normal(name + ".weight", group, new Shape(out, in)),
                zeros(name + ".bias", group, new Shape(out)));
    }

    /** A LayerNorm over {@code width} features: {@code name.weight} = 1, {@code name.bias} = 0. */
    public LayerNormLayer layerNorm(String name, WeightGroup group, int width, float eps) {
        return new LayerNormLayer(ones(name + ".weight", group, new Shape(width)),
                zeros(name + ".bias", group, new Shape(width)), eps);
    }

    private Weight add(String name, WeightGroup group, NDArray value) {
        String fullName = prefix + name;
        if (table.containsKey(fullName)) {
            value.close();
            throw new IllegalStateException("weight '" + fullName + "' is defined twice");
        }
        Weight weight = new Weight(fullName, group, value);
        table.put(fullName, weight);
        return weight;
    }

    /** The weight with this full name, or null. */
    public Weight get(String fullName) {
        return table.get(fullName);
    }

    /** Every weight of the model (not only this view's), in creation order. */
    public Collection<Weight> all() {
        return Collections.unmodifiableCollection(table.values());
    }
}
