package org.minialbert.api.task;

import com.typesafe.config.Config;
import org.minialbert.api.Plugin;

/** Provides one token-level task, e.g. {@code ncbi-disease}; found with {@link java.util.ServiceLoader}. */
public interface TokenTaskProvider extends Plugin {

    TokenTask create(Config settings);
}
