package org.minialbert.core.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A tensor as stored in a file: element type, shape and little-endian bytes. Only the element types
 * the project exchanges are supported: F32, F64, I64, I32, F16 and BF16 on reading, F32 and I64 on
 * writing.
 */
public record TensorData(DataType dataType, Shape shape, ByteBuffer bytes) {

    public TensorData {
        bytes = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long expected = shape.size() * dataType.getNumOfBytes();
        if (bytes.remaining() != expected) {
            throw new IllegalArgumentException("tensor " + shape + " of " + dataType + " needs "
                    + expected + " bytes, got " + bytes.remaining());
        }
    }

    /** Copies the array's values (any device) into a new little-endian buffer. */
    public static TensorData of(NDArray array) {
        ByteBuffer buffer = array.toByteBuffer();
        ByteBuffer copy = ByteBuffer.allocate(buffer.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        copy.put(buffer.order(ByteOrder.LITTLE_ENDIAN)).flip();
        return new TensorData(array.getDataType(), array.getShape(), copy);
    }

    /**
     * A new array in {@code manager} that owns a copy of these values in engine memory (the bytes may
     * be a read-only mapping of a file); F16/BF16/F64 are widened or narrowed to F32.
     */
    public NDArray toNDArray(NDManager manager) {
        switch (dataType) {
            case FLOAT16:
            case BFLOAT16:
            case FLOAT64:
                try (NDArray borrowed = manager.create(toFloats(), shape)) {
                    return owned(borrowed);
                }
            default:
                ByteBuffer copy = ByteBuffer.allocateDirect(bytes.remaining()).order(ByteOrder.LITTLE_ENDIAN);
                copy.put(bytes.duplicate()).flip();
                try (NDArray borrowed = manager.create(copy, shape, dataType)) {
                    return owned(borrowed);
                }
        }
    }

    /**
     * A copy in memory the engine owns. An array made from a Java buffer is a view of that buffer;
     * weights are updated in place for the whole run, so they must not depend on a buffer's lifetime.
     */
    private static NDArray owned(NDArray borrowed) {
        return borrowed.duplicate();
    }

    /** The values as floats, whatever the stored real type. */
    public float[] toFloats() {
        int n = Math.toIntExact(shape.size());
        float[] out = new float[n];
        ByteBuffer b = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            switch (dataType) {
                case FLOAT32: out[i] = b.getFloat(); break;
                case FLOAT64: out[i] = (float) b.getDouble(); break;
                case FLOAT16: out[i] = halfToFloat(b.getShort()); break;
                case BFLOAT16: out[i] = Float.intBitsToFloat((b.getShort() & 0xffff) << 16); break;
                case INT64: out[i] = b.getLong(); break;
                case INT32: out[i] = b.getInt(); break;
                default: throw new IllegalStateException("not a numeric tensor: " + dataType);
            }
        }
        return out;
    }

    /** The values as longs, for integer tensors (token ids, masks, labels). */
    public long[] toLongs() {
        int n = Math.toIntExact(shape.size());
        long[] out = new long[n];
        ByteBuffer b = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            switch (dataType) {
                case INT64: out[i] = b.getLong(); break;
                case INT32: out[i] = b.getInt(); break;
                default: throw new IllegalStateException("not an integer tensor: " + dataType);
            }
        }
        return out;
    }

    /** IEEE 754 binary16 to binary32 (Java 17 has no built-in conversion). */
    static float halfToFloat(short half) {
        int bits = half & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    @Override
    public String toString() {
        return dataType + Arrays.toString(shape.getShape());
    }
}
