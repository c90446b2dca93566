package org.minialbert.core.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import org.minialbert.api.MiniAlbertException;
import org.minialbert.api.nn.ForwardContext;

/**
 * The PyTorch engine in DJL's offline mode ({@code ai.djl.offline=true}), so that DJL never tries
 * to download native code: it must find {@code pytorch-native-cpu} (or, in a {@code -Pgpu} build,
 * the CUDA) jar and {@code pytorch-jni} on the classpath. Root managers are placed on a device;
 * every array created through them, or their sub-managers, lives there.
 */
public final class OfflineEngine {
    public static final String ENGINE = "PyTorch";

    private OfflineEngine() {
    }

    /** The PyTorch engine, started offline on first use. */
    public static synchronized Engine pytorch() {
        System.setProperty("ai.djl.offline", "true");
        try {
            return Engine.getEngine(ENGINE);
        } catch (EngineException | IllegalArgumentException e) {
            throw new MiniAlbertException("cannot start the PyTorch engine offline: " + e.getMessage()
                    + ". The pytorch-native-cpu (or, with -Pgpu, the CUDA) and pytorch-jni jars must be on the "
                    + "classpath.", e);
        }
    }

    /**
     * Seeds every random draw of a training step: the engine's generator (initialisation, GPU dropout)
     * and this thread's dropout masks.
     */
    public static void seed(long seed) {
        pytorch().setRandomSeed((int) seed);
        ForwardContext.seedDropout(seed);
    }

    /** A new root manager on the engine's default device: {@link DeviceChoice#AUTO}. */
    public static NDManager newManager() {
        return newManager(DeviceChoice.AUTO);
    }

    /** A new root manager on the chosen device; {@code gpu} without a GPU is a configuration error. */
    public static NDManager newManager(DeviceChoice choice) {
        return newManager(choice.resolve(pytorch()));
    }

    /** A new root manager on {@code device} (resolved once for jobs that make many managers). */
    public static NDManager newManager(Device device) {
        return pytorch().newBaseManager(device);
    }
}
