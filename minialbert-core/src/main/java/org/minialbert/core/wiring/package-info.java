/**
 * Guice wiring of core's services. Plugins are never bound here: they are found with
 * {@link java.util.ServiceLoader} by {@link org.minialbert.core.plugin.PluginRegistry}; Guice only
 * assembles the application objects built from them.
 */
package org.minialbert.core.wiring;
