package org.minialbert.core.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.minialbert.api.ConfigurationException;

/**
 * A component chosen by name with its own settings: {@code { type = cycle-rev, unique-layers = 3 }}
 * in a job file, the same object in a checkpoint's config.json. A bare name means default settings.
 */
public record PluginChoice(String type, Map<String, Object> settings) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public PluginChoice {
        settings = Map.copyOf(settings);
    }

    public static PluginChoice of(String type) {
        return new PluginChoice(type, Map.of());
    }

    /** Reads a choice from a job file: a string, or an object with a {@code type} key. */
    public static PluginChoice fromConfig(Object value, String where) {
        if (value instanceof String name) {
            return of(name);
        }
        if (value instanceof Config config) {
            if (!config.hasPath("type")) {
                throw new ConfigurationException(where + ": needs a 'type' naming the plugin");
            }
            Map<String, Object> settings = new LinkedHashMap<>(config.root().unwrapped());
            settings.remove("type");
            return new PluginChoice(config.getString("type"), settings);
        }
        throw new ConfigurationException(where + ": must be a plugin name or { type = name, ... }");
    }

    /** Reads a choice from config.json: a string, or an object with a {@code type} field. */
    public static PluginChoice fromJson(JsonNode node, String where) {
        if (node.isTextual()) {
            return of(node.asText());
        }
        if (!node.isObject() || !node.path("type").isTextual()) {
            throw new ConfigurationException(where + ": must be a plugin name or an object with a \"type\"");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = JSON.convertValue(node, LinkedHashMap.class);
        settings.remove("type");
        return new PluginChoice(node.path("type").asText(), settings);
    }

    /** The settings as a Config, for the provider (defaults are merged in by the registry). */
    public Config config() {
        return ConfigFactory.parseMap(settings, "settings of '" + type + "'");
    }

    public ObjectNode toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", type);
        settings.forEach((key, value) -> node.set(key, JSON.valueToTree(value)));
        return node;
    }

    @Override
    public String toString() {
        return settings.isEmpty() ? type : type + " " + settings;
    }
}
