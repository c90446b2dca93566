/**
 * HOCON job files (Typesafe Config): loading a job over the documented defaults of
 * {@code reference.conf}, {@code --set path=value} overrides, and reading settings eagerly while
 * collecting every problem (unknown key, wrong type, out-of-range value) with its file:line, so
 * that a job reports all of them at once.
 */
package org.minialbert.core.config;
