package org.minialbert.core.config;

import com.typesafe.config.ConfigOrigin;
import java.util.ArrayList;
import java.util.List;
import org.minialbert.api.ConfigurationException;

/**
 * Problems found while reading a job, each with where it was set (file:line, {@code --set}, or the
 * defaults), the config path and what to do; {@link #throwIfAny()} reports them all at once.
 */
public final class Problems {
    private final List<String> messages = new ArrayList<>();

    public void add(ConfigOrigin origin, String path, String message) {
        messages.add(where(origin) + path + ": " + message);
    }

    static String where(ConfigOrigin origin) {
        if (origin == null) {
            return "";
        }
        if (origin.filename() != null && origin.lineNumber() > 0) {
            return origin.filename() + ":" + origin.lineNumber() + ": ";
        }
        String description = origin.description().replaceFirst(": \\d+$", "");
        return description.startsWith("--set") ? description + ": " : "";
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    public void throwIfAny() {
        if (!messages.isEmpty()) {
            throw new ConfigurationException(messages.size() == 1 ? messages.get(0)
                    : messages.size() + " problems in the job configuration:\n  " + String.join("\n  ", messages));
        }
    }
}
