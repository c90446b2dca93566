/**
 * An example of a third-party plugin for minialbert-java: one class implementing
 * {@link org.minialbert.api.plugin.ParameterSharingProvider}, one line in
 * {@code META-INF/services}, and its defaults in {@code reference.conf}. See docs/plugins.md.
 */
package org.example.minialbert;
