package org.minialbert.api;

/**
 * Common face of every service provider (sharing scheme, layer adaptation, embedding factorisation,
 * ...). Providers are stateless, have a public no-argument constructor and are listed in
 * {@code META-INF/services/<provider interface>}; a job file selects one with {@code type = <name>}.
 */
public interface Plugin {
    /** Short kebab-case name, unique per kind, e.g. {@code all-shared}. */
    String name();

    /** One line saying what the component does, shown by {@code minialbert plugins}. */
    String description();
}
