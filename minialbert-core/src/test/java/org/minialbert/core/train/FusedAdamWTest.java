package org.minialbert.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one-pass update, done a chunk at a time in Java arrays, against the per-element formula
 * computed here: the same float bits for every element, over two weights whose elements the two
 * threads split in the middle of a chunk.
 */
class FusedAdamWTest {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.98f;
    private static final float SCALE = 0.7f;
    private static final float STEP = 1e-3f;
    private static final float EPSILON = 1e-6f;

    private static float[] random(Random random, int size, boolean positive) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            float value = (float) random.nextGaussian();
            values[i] = positive ? value * value : value;
        }
        return values;
    }

    @Test
    void chunkedUpdateIsThePerElementFormulaBitForBit() {
        Random random = new Random(3);
        int[] sizes = {150_001, 70_000};
        float[] decays = {0.99999f, 1f};
        FusedAdamW adam = new FusedAdamW(new FusedAdamW.Coefficients(BETA1, BETA2, SCALE, STEP, EPSILON));
        float[][][] before = new float[sizes.length][][];
        FloatBuffer[][] buffers = new FloatBuffer[sizes.length][];
        for (int w = 0; w < sizes.length; w++) {
            before[w] = new float[][] {random(random, sizes[w], false), random(random, sizes[w], false),
                random(random, sizes[w], false), random(random, sizes[w], true)};
            buffers[w] = new FloatBuffer[4];
            for (int k = 0; k < 4; k++) {
                buffers[w][k] = FloatBuffer.wrap(before[w][k].clone());
            }
            adam.add(buffers[w][0], buffers[w][1], buffers[w][2], buffers[w][3], decays[w]);
        }
        adam.run();
        for (int w = 0; w < sizes.length; w++) {
            float[] value = before[w][0];
            float[] gradient = before[w][1];
            float[] first = before[w][2];
            float[] second = before[w][3];
            for (int i = 0; i < sizes[w]; i++) {
                float g = gradient[i] * SCALE;
                float m = BETA1 * first[i] + (1 - BETA1) * g;
                float v = BETA2 * second[i] + (1 - BETA2) * g * g;
                float p = value[i] * decays[w] - STEP * m / ((float) Math.sqrt(v) + EPSILON);
                assertThat(new float[] {buffers[w][0].get(i), buffers[w][2].get(i), buffers[w][3].get(i)})
                        .as("weight %d element %d: value, first and second moment", w, i)
                        .containsExactly(p, m, v);
            }
        }
    }
}
