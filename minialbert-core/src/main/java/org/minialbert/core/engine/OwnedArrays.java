package org.minialbert.core.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Arrays made from Java data that live in memory the engine owns. An array that DJL makes from Java
 * data is a view of a direct buffer, freed by the garbage collector once the array's Java object is
 * gone, even if the engine still holds a tensor over it; copying into engine memory right away makes
 * its lifetime the engine's.
 */
public final class OwnedArrays {
    private OwnedArrays() {
    }

    public static NDArray of(NDManager manager, long[] data, Shape shape) {
        try (NDArray view = manager.create(data, shape)) {
            return view.duplicate();
        }
    }

    public static NDArray of(NDManager manager, long[] data) {
        return of(manager, data, new Shape(data.length));
    }

    public static NDArray of(NDManager manager, float[] data) {
        try (NDArray view = manager.create(data)) {
            return view.duplicate();
        }
    }
}
