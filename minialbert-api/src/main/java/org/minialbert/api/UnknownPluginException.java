package org.minialbert.api;

import java.util.Collection;

/** A component was requested by a name that no installed plugin of that kind provides. */
public class UnknownPluginException extends ConfigurationException {
    private static final long serialVersionUID = 1L;

    public UnknownPluginException(String kind, String name, Collection<String> available) {
        super("unknown " + kind + " '" + name + "'; available: " + String.join(", ", available)
                + ". Use one of these names, or put the jar that provides '" + name + "' on the classpath.");
    }
}
