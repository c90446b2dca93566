package org.minialbert.core.engine;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import org.minialbert.api.MiniAlbertException;

/**
 * The PyTorch engine in DJL's offline mode ({@code ai.djl.offline=true}), so that DJL never tries
 * to download native code: it must find {@code pytorch-native-cpu} and {@code pytorch-jni} jars on
 * the classpath.
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
                    + ". The pytorch-native-cpu and pytorch-jni jars must be on the classpath.", e);
        }
    }

    /** A new root manager on the engine's default device. */
    public static NDManager newManager() {
        return pytorch().newBaseManager();
    }
}
