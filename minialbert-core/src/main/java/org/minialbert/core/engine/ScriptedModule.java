package org.minialbert.core.engine;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
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
    private volatile PtSymbolBlock module;

    /** See {@link TorchScriptArchive#of} for {@code className} and {@code methods}. */
    ScriptedModule(String className, String methods) {
        this.className = className;
        this.methods = methods;
    }

    /**
     * Runs the module's {@code forward} on {@code inputs}, which must have no names (DJL reads names as
     * instructions to group inputs into tuples, lists or maps), and returns its one result. It runs in
     * the caller's gradient mode, so a graph is recorded when an input asks for one (DJL's other entry
     * point runs modules in inference mode, whose results later operators may not keep for a backward
     * pass).
     *
     * @throws IllegalArgumentException if an input has a name
     * @throws EngineException if the engine cannot load the module or run it on these inputs
     */
    NDArray forward(NDList inputs) {
        for (NDArray input : inputs) {
            if (input.getName() != null) {
                throw new IllegalArgumentException(className + " takes unnamed arrays, found one named '"
                        + input.getName() + "'");
            }
        }
        return IValueUtils.forward(get(), inputs, true).singletonOrThrow();
    }

    /**
     * The loaded module.
     *
     * @throws EngineException if the engine cannot compile or load it (an operator its build lacks);
     *     the next call tries again
     */
    PtSymbolBlock get() {
        PtSymbolBlock loaded = module;
        if (loaded != null) {
            return loaded;
        }
        synchronized (this) {
            if (module == null) {
                module = load();
            }
            return module;
        }
    }

    private PtSymbolBlock load() {
        byte[] archive = TorchScriptArchive.of(className, methods);
        PtNDManager holder = (PtNDManager) OfflineEngine.newManager(Device.cpu());
        boolean loaded = false;
        try {
            PtSymbolBlock block = JniUtils.loadModule(holder, new ByteArrayInputStream(archive), false, false);
            loaded = true;
            return block;
        } catch (IOException e) {
            throw new EngineException("could not read the TorchScript archive of " + className, e);
        } finally {
            if (!loaded) {
                holder.close();
            }
        }
    }
}
