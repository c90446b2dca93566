package org.minialbert.core.plugin;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.net.URL;
import java.security.CodeSource;
import java.util.Collection;
import java.util.Collections;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.minialbert.api.ConfigurationException;
import org.minialbert.api.Plugin;
import org.minialbert.api.UnknownPluginException;

/**
 * The providers of one kind found on the classpath by {@link ServiceLoader}, by name. Names must be
 * short kebab-case and unique per kind: a malformed or duplicate name fails at start-up, naming the
 * classes and the jars they came from. Defaults for a provider's settings are read from
 * {@code reference.conf} at {@code minialbert.<kind>.<name>}.
 */
public final class PluginRegistry<P extends Plugin> {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private final String kind;
    private final Map<String, P> providers;

    private PluginRegistry(String kind, Map<String, P> providers) {
        this.kind = kind;
        this.providers = providers;
    }

    /** Loads every provider of {@code type} visible to this class's class loader. */
    public static <P extends Plugin> PluginRegistry<P> load(Class<P> type, String kind) {
        Map<String, P> providers = new TreeMap<>();
        for (P provider : ServiceLoader.load(type, PluginRegistry.class.getClassLoader())) {
            String name = provider.name();
            if (name == null || !NAME.matcher(name).matches()) {
                throw new ConfigurationException(kind + " plugin " + describe(provider) + " has the malformed name '"
                        + name + "'; names are short kebab-case, e.g. 'cycle-rev'");
            }
            P previous = providers.putIfAbsent(name, provider);
            if (previous != null) {
                throw new ConfigurationException("two " + kind + " plugins are named '" + name + "': "
                        + describe(previous) + " and " + describe(provider) + "; remove one of the jars");
            }
        }
        return new PluginRegistry<>(kind, providers);
    }

    private static String describe(Plugin provider) {
        CodeSource source = provider.getClass().getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        return provider.getClass().getName() + " (from " + (location == null ? "unknown location" : location) + ")";
    }

    public String kind() {
        return kind;
    }

    /** The provider called {@code name}; an unknown name lists the available ones. */
    public P get(String name) {
        P provider = providers.get(name);
        if (provider == null) {
            throw new UnknownPluginException(kind, name, providers.keySet());
        }
        return provider;
    }

    /** The settings for {@code name}: {@code overrides} over its documented defaults. */
    public Config settings(String name, Config overrides) {
        String path = "minialbert." + kind + "." + name;
        Config reference = ConfigFactory.defaultReference(PluginRegistry.class.getClassLoader());
        return reference.hasPath(path) ? overrides.withFallback(reference.getConfig(path)) : overrides;
    }

    /**
     * What is wrong with {@code choice}, if anything: an unknown type (listing the available ones),
     * or settings that are not among the plugin's documented keys or have another type than their
     * default. Range checks happen when the plugin creates its component.
     */
    public List<String> problems(PluginChoice choice) {
        if (!providers.containsKey(choice.type())) {
            return List.of("unknown " + kind + " '" + choice.type() + "'; available: "
                    + String.join(", ", providers.keySet()));
        }
        String path = "minialbert." + kind + "." + choice.type();
        Config reference = ConfigFactory.defaultReference(PluginRegistry.class.getClassLoader());
        Config defaults = reference.hasPath(path) ? reference.getConfig(path) : ConfigFactory.empty();
        List<String> problems = new ArrayList<>();
        Config given = choice.config();
        for (Map.Entry<String, ConfigValue> entry : given.entrySet()) {
            String key = entry.getKey();
            if (!defaults.hasPath(key)) {
                problems.add(kind + " '" + choice.type() + "' has no setting '" + key + "'; its settings: "
                        + (defaults.isEmpty() ? "none" : String.join(", ", new TreeSet<>(defaults.root().keySet()))));
            } else if (!compatible(defaults.getValue(key).valueType(), entry.getValue().valueType())) {
                problems.add(kind + " '" + choice.type() + "' setting '" + key + "' must be "
                        + defaults.getValue(key).valueType().name().toLowerCase(Locale.ROOT) + " like its default "
                        + defaults.getValue(key).render() + ", found " + entry.getValue().render());
            }
        }
        return problems;
    }

    /** Same type as the default; a string default also takes any unquoted scalar. */
    private static boolean compatible(ConfigValueType expected, ConfigValueType found) {
        return expected == found || expected == ConfigValueType.STRING && found != ConfigValueType.OBJECT
                && found != ConfigValueType.LIST;
    }

    public Collection<P> all() {
        return Collections.unmodifiableCollection(providers.values());
    }
}
