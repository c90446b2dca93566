/**
 * The contracts of minialbert-java that plugin modules compile against: the error hierarchy every
 * module throws, and the {@link org.minialbert.api.Plugin} base of all service-provider kinds.
 * Implementations live in {@code minialbert-core} and in plugin jars found by
 * {@link java.util.ServiceLoader}.
 */
package org.minialbert.api;
