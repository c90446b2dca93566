/**
 * Discovery of plugins with {@link java.util.ServiceLoader}
 * ({@link org.minialbert.core.plugin.PluginRegistry}) and the reference implementations of the
 * sharing and embedding-factorisation extension points that core ships itself: {@code all-shared}
 * (ALBERT / MiniALBERT), {@code none} (BERT), {@code full-rank} and {@code factorised}.
 */
package org.minialbert.core.plugin;
