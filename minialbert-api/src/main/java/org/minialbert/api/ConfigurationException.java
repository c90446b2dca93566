package org.minialbert.api;

/** A model or job configuration is missing a field, has a wrong type or an out-of-range value. */
public class ConfigurationException extends MiniAlbertException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
