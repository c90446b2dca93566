package org.minialbert.core.engine;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * A parameterless TorchScript module written from source ({@link TorchScriptArchive}), compiled and
 * loaded by the engine on first use, then kept for the life of the process and shared by every
 * thread (it holds no weights).
 */
final class ScriptedModule {
    private final String className;
    private final String methods;
    private PtSymbolBlock module;

    /** See {@link TorchScriptArchive#of} for {@code className} and {@code methods}. */
    ScriptedModule(String className, String methods) {
        this.className = className;
        this.methods = methods;
    }

    /**
     * The loaded module.
     *
     * @throws EngineException if the engine cannot compile or load it (an operator its build lacks);
     *     the next call tries again
     */
    synchronized PtSymbolBlock get() {
        if (module == null) {
            byte[] archive = TorchScriptArchive.of(className, methods);
            PtNDManager holder = (PtNDManager) OfflineEngine.newManager(Device.cpu());
            try {
                module = JniUtils.loadModule(holder, new ByteArrayInputStream(archive), false, false);
            } catch (IOException | EngineException e) {
                holder.close();
                throw new EngineException(e.getMessage(), e);
            }
        }
        return module;
    }
}
