package org.minialbert.api.task;

import com.typesafe.config.Config;
import org.minialbert.api.Plugin;

/** Provides one sentence-level task, e.g. {@code cola}; found with {@link java.util.ServiceLoader}. */
public interface SentenceTaskProvider extends Plugin {

    SentenceTask create(Config settings);
}
