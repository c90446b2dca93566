package org.minialbert.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.minialbert.api.ConfigurationException;

/**
 * A job: the user's HOCON file (optional) with {@code --set} overrides on top, over the defaults
 * found in {@code reference.conf} at {@code defaultsPath}. Keys the defaults do not know are
 * reported as problems, with the closest known key as a hint.
 */
public final class JobFile {
    private JobFile() {
    }

    /**
     * @param file the job file, or null for the defaults alone
     * @param overrides {@code path=value} strings (HOCON values)
     * @param defaultsPath where the job's defaults live in reference.conf, e.g. {@code minialbert.distil}
     */
    public static Config load(Path file, List<String> overrides, String defaultsPath, Problems problems) {
        Config defaults = ConfigFactory.defaultReference(JobFile.class.getClassLoader()).getConfig(defaultsPath);
        Config job = ConfigFactory.empty();
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigurationException(file + ": job file not found");
            }
            try {
                job = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
            } catch (ConfigException e) {
                throw new ConfigurationException(file + ": not a valid HOCON file: " + e.getMessage(), e);
            }
        }
        for (String override : overrides) {
            job = parseOverride(override).withFallback(job);
        }
        checkKeys(job, defaults, problems);
        try {
            return job.withFallback(defaults).resolve();
        } catch (ConfigException e) {
            throw new ConfigurationException("cannot resolve the job configuration: " + e.getMessage(), e);
        }
    }

    private static Config parseOverride(String override) {
        int equals = override.indexOf('=');
        if (equals <= 0) {
            throw new ConfigurationException("--set '" + override + "' must look like path=value, e.g. "
                    + "--set train.steps=100");
        }
        String path = override.substring(0, equals).strip();
        String value = override.substring(equals + 1).strip();
        try {
            return ConfigFactory.parseString(path + " = " + (value.isEmpty() ? "\"\"" : value),
                    ConfigParseOptions.defaults().setOriginDescription("--set " + override));
        } catch (ConfigException e) {
            return ConfigFactory.parseMap(Map.of(path, value), "--set " + override);
        }
    }

    private static void checkKeys(Config job, Config defaults, Problems problems) {
        for (Map.Entry<String, ConfigValue> entry : job.entrySet()) {
            String path = entry.getKey();
            if (!defaults.hasPathOrNull(path) && !isUnderFreeFormBlock(path, defaults)) {
                problems.add(entry.getValue().origin(), path, "unknown key" + suggestion(path, defaults)
                        + "; see reference.conf for the keys a job may set");
            }
        }
    }

    /**
     * Keys below a value whose default is not an object (a plugin named by a string that the job
     * replaced by {@code { type = ..., settings }}) or is an empty object are checked by the plugin
     * that reads them, not here.
     */
    private static boolean isUnderFreeFormBlock(String path, Config defaults) {
        for (int dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.', dot - 1)) {
            String parent = path.substring(0, dot);
            if (defaults.hasPath(parent)) {
                ConfigValue value = defaults.getValue(parent);
                return value.valueType() != ConfigValueType.OBJECT || defaults.getConfig(parent).isEmpty();
            }
        }
        return false;
    }

    private static String suggestion(String path, Config defaults) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Map.Entry<String, ConfigValue> entry : defaults.entrySet()) {
            int distance = editDistance(path, entry.getKey());
            if (distance < bestDistance) {
                bestDistance = distance;
                best = entry.getKey();
            }
        }
        return best != null && bestDistance <= Math.max(2, path.length() / 4) ? " (did you mean '" + best + "'?)" : "";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** The resolved configuration as HOCON text, for the run folder (provenance). */
    public static String render(Config config) {
        return config.root().render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false));
    }
}
