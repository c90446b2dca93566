package org.minialbert.core.bench;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.minialbert.core.distil.DistillationRun;
import org.minialbert.core.engine.OfflineEngine;
import org.minialbert.core.model.ModelFactory;
import org.minialbert.core.model.ModelLocator;

/** The test-only {@code test-tiny} bench preset (src/test/resources/application.conf), prepared. */
record TinyPresetRun(NDManager manager, ModelFactory factory, DistillationRun run) implements AutoCloseable {

    static TinyPresetRun open() {
        NDManager manager = OfflineEngine.newManager();
        ModelFactory factory = ModelFactory.fromClasspath();
        return new TinyPresetRun(manager, factory,
                BenchPreset.named("test-tiny").prepare(null, List.of(), new ModelLocator(factory), factory, manager));
    }

    @Override
    public void close() {
        run.close();
        manager.close();
    }
}
