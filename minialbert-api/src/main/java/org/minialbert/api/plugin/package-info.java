/**
 * Service-provider interfaces for the parts of a recursive student a plugin may replace: how
 * iterations share transformer blocks ({@link org.minialbert.api.plugin.ParameterSharingProvider}),
 * the per-iteration modules wrapped around the shared blocks
 * ({@link org.minialbert.api.plugin.LayerAdaptationProvider}) and how token embeddings reach the
 * hidden width ({@link org.minialbert.api.plugin.EmbeddingFactorisationProvider}). Providers are
 * found with {@link java.util.ServiceLoader}; each receives its settings (the job file's block
 * merged over the defaults in {@code reference.conf}) and creates a per-model component.
 */
package org.minialbert.api.plugin;
