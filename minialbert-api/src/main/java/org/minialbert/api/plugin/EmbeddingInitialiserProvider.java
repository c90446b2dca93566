package org.minialbert.api.plugin;

import com.typesafe.config.Config;
import org.minialbert.api.Plugin;

/**
 * Sets a new student's embedding weights before distillation, e.g. {@code from-teacher} (copy when
 * E = H) or {@code teacher-low-rank} (best rank-E approximation of the teacher's word embeddings).
 * A job selects one with {@code student.init}.
 */
public interface EmbeddingInitialiserProvider extends Plugin {

    /**
     * Assigns new values to (some of) the student's tables.
     *
     * @throws org.minialbert.api.ConfigurationException when the tables do not suit this initialiser
     */
    void initialise(Config settings, EmbeddingTables student, EmbeddingTables teacher);
}
