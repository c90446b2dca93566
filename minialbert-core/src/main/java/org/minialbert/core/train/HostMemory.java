package org.minialbert.core.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.FloatBuffer;
import java.util.Optional;

/**
 * A writable float view of the memory of a dense, contiguous float32 tensor on the CPU, so that a
 * loop in Java can read and update it in place. Any other tensor has no view: on another device or
 * as a strided view PyTorch would hand over a copy (writes to it would be lost), and other types
 * would be read as the wrong numbers.
 * Contiguity is asked of the engine through DJL's native binding, which DJL does not make public;
 * where that is not possible (another DJL version), no tensor has a view and callers use engine
 * operations instead.
 */
final class HostMemory {
    private static final Contiguity CONTIGUITY = Contiguity.lookUp();

    private HostMemory() {
    }

    /** The tensor's memory as floats, or empty when it cannot be written through a view. */
    static Optional<FloatBuffer> view(NDArray array) {
        if (!(array instanceof PtNDArray tensor) || !array.getDevice().equals(Device.cpu())
                || array.getDataType() != DataType.FLOAT32 || array.isSparse() || !CONTIGUITY.test(tensor)) {
            return Optional.empty();
        }
        return Optional.of(JniUtils.getByteBuffer(tensor, true).asFloatBuffer());
    }

    /** Whether views are possible with this DJL build at all. */
    static boolean available() {
        return CONTIGUITY.known();
    }

    /** {@code torchIsContiguous} of DJL's package-private native library, when it can be reached. */
    private record Contiguity(Object library, Method isContiguous) {
        static Contiguity lookUp() {
            try {
                Class<?> type = Class.forName("ai.djl.pytorch.jni.PyTorchLibrary");
                Field instance = type.getDeclaredField("LIB");
                instance.setAccessible(true);
                Method method = type.getDeclaredMethod("torchIsContiguous", long.class);
                method.setAccessible(true);
                return new Contiguity(instance.get(null), method);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return new Contiguity(null, null);
            }
        }

        boolean known() {
            return isContiguous != null;
        }

        boolean test(PtNDArray tensor) {
            if (!known()) {
                return false;
            }
            try {
                return (Boolean) isContiguous.invoke(library, tensor.getHandle());
            } catch (ReflectiveOperationException e) {
                return false;
            }
        }
    }
}
