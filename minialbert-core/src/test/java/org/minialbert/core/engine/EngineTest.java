package org.minialbert.core.engine;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.minialbert.core.model.ModelFactory;

/**
 * Base of the test classes that build models: an engine manager and the classpath's model factory,
 * opened before the class's first test (and before its own {@code @BeforeAll} methods) and closed
 * after its last (after its own {@code @AfterAll} methods). The fields are static, as JUnit's
 * class-level set-up requires, so test classes must not run in parallel in one JVM (they do not:
 * the build runs them one after another).
 */
public abstract class EngineTest {
    protected static NDManager manager;
    protected static ModelFactory factory;

    @BeforeAll
    static void openEngine() {
        manager = OfflineEngine.newManager();
        factory = ModelFactory.fromClasspath();
    }

    @AfterAll
    static void closeEngine() {
        manager.close();
    }
}
