package org.minialbert.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import org.minialbert.api.ConfigurationException;
import org.minialbert.core.plugin.PluginChoice;
import org.minialbert.core.plugin.PluginRegistry;

/**
 * Reads typed settings from a job, recording a problem (and returning a harmless fallback) instead
 * of failing at the first bad value, so that every problem is reported together.
 */
public final class SettingsReader {
    private final Config config;
    private final Problems problems;
    private final Locations locations = new Locations();

    public SettingsReader(Config config, Problems problems) {
        this.config = config;
        this.problems = problems;
    }

    private void remember(String path) {
        if (config.hasPath(path)) {
            locations.record(path, config.getValue(path).origin());
        }
    }

    /** Where the values read so far were set. */
    public Locations locations() {
        return locations;
    }

    public String string(String path) {
        remember(path);
        try {
            return config.getString(path);
        } catch (ConfigException e) {
            return fail(path, "must be a string", "");
        }
    }

    /** A string, or null when the key is null. */
    public String optionalString(String path) {
        return config.getIsNull(path) ? null : string(path);
    }

    public boolean bool(String path) {
        try {
            return config.getBoolean(path);
        } catch (ConfigException e) {
            return fail(path, "must be true or false", false);
        }
    }

    public int integer(String path, int min, int max) {
        remember(path);
        try {
            int value = config.getInt(path);
            if (value < min || value > max) {
                return fail(path, "must be between " + min + " and " + max + ", found " + value, min);
            }
            return value;
        } catch (ConfigException e) {
            return fail(path, "must be an integer", min);
        }
    }

    /** An integer, or {@code fallback} when the key is null. */
    public int optionalInteger(String path, int min, int max, int fallback) {
        return config.getIsNull(path) ? fallback : integer(path, min, max);
    }

    public double number(String path, double min, double max) {
        try {
            double value = config.getDouble(path);
            if (!(value >= min && value <= max)) {
                return fail(path, "must be between " + min + " and " + max + ", found " + value, min);
            }
            return value;
        } catch (ConfigException e) {
            return fail(path, "must be a number", min);
        }
    }

    public List<Integer> integers(String path, int min) {
        remember(path);
        try {
            List<Integer> values = config.getIntList(path);
            for (int value : values) {
                if (value < min) {
                    return fail(path, "values must be at least " + min + ", found " + value, List.of());
                }
            }
            return values;
        } catch (ConfigException e) {
            return fail(path, "must be a list of integers", List.of());
        }
    }

    public List<Double> numbers(String path, double min) {
        try {
            List<Double> values = config.getDoubleList(path);
            for (double value : values) {
                if (value < min) {
                    return fail(path, "values must be at least " + min + ", found " + value, List.of());
                }
            }
            return values;
        } catch (ConfigException e) {
            return fail(path, "must be a list of numbers", List.of());
        }
    }

    public List<String> strings(String path) {
        try {
            return new ArrayList<>(config.getStringList(path));
        } catch (ConfigException e) {
            return fail(path, "must be a list of strings", List.of());
        }
    }

    /** One of {@code allowed}. */
    public String choice(String path, List<String> allowed) {
        String value = string(path);
        if (!allowed.contains(value)) {
            return fail(path, "'" + value + "' is not allowed; use one of " + String.join(", ", allowed), allowed.get(0));
        }
        return value;
    }

    /** A plugin choice ({@code name} or {@code { type = name, ... }}), checked against {@code registry}. */
    public PluginChoice plugin(String path, PluginRegistry<?> registry) {
        ConfigValue value = config.getValue(path);
        return check(path, value, choice(path, value), registry);
    }

    /** A list of plugin choices, each checked against {@code registry}. */
    public List<PluginChoice> plugins(String path, PluginRegistry<?> registry) {
        ConfigValue value = config.getValue(path);
        if (value.valueType() != ConfigValueType.LIST) {
            return fail(path, "must be a list of plugins, e.g. [{ type = bottleneck, reduction-factor = 16 }] or []",
                    List.of());
        }
        List<PluginChoice> choices = new ArrayList<>();
        ConfigList list = (ConfigList) value;
        for (int i = 0; i < list.size(); i++) {
            PluginChoice choice = choice(path + "[" + i + "]", list.get(i));
            if (choice != null) {
                choices.add(check(path + "[" + i + "]", list.get(i), choice, registry));
            }
        }
        return choices;
    }

    private PluginChoice choice(String path, ConfigValue value) {
        try {
            Object raw = value.valueType() == ConfigValueType.OBJECT ? ((ConfigObject) value).toConfig() : value.unwrapped();
            return PluginChoice.fromConfig(raw, path);
        } catch (ConfigurationException e) {
            problems.add(value.origin(), path, e.getMessage().substring(path.length() + 2));
            return null;
        }
    }

    private PluginChoice check(String path, ConfigValue value, PluginChoice choice, PluginRegistry<?> registry) {
        locations.record(path, value.origin());
        if (choice != null) {
            for (String problem : registry.problems(choice)) {
                problems.add(value.origin(), path, problem);
            }
        }
        return choice;
    }

    /** Records a problem at {@code path} and returns {@code fallback}. */
    public <T> T fail(String path, String message, T fallback) {
        problems.add(config.hasPathOrNull(path) && !config.getIsNull(path) ? config.getValue(path).origin() : null,
                path, message);
        return fallback;
    }
}
