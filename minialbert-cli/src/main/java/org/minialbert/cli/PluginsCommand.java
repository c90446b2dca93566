package org.minialbert.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.net.URL;
import java.security.CodeSource;
import java.util.Map;
import org.minialbert.api.Plugin;
import org.minialbert.core.model.ModelFactory;
import org.minialbert.core.plugin.PluginRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code minialbert plugins}: every installed plugin by kind, with its description and jar. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List the installed plugins of every kind, with descriptions and the jar each came from.")
final class PluginsCommand implements Runnable {
    private static final Map<String, String> JOB_KEYS = Map.of("sharing", "student.sharing", "adaptation",
            "student.adaptation", "embedding", "chosen from student.embedding-size: E = H full-rank, else factorised",
            "embedding-init", "student.init", "mapping", "loss.mapping", "loss", "loss.terms", "task", "glue --task");
    private final ModelFactory factory;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Inject
    PluginsCommand(ModelFactory factory) {
        this.factory = factory;
    }

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        for (PluginRegistry<?> registry : factory.catalog().all()) {
            list(out, registry, JOB_KEYS.get(registry.kind()));
        }
    }

    private static void list(PrintWriter out, PluginRegistry<?> registry, String where) {
        out.printf("%s (%s)%n", registry.kind(), where);
        for (Plugin plugin : registry.all()) {
            out.printf("  %-12s %s%n  %-12s from %s%n", plugin.name(), plugin.description(), "", jar(plugin));
        }
        out.println();
    }

    private static String jar(Plugin plugin) {
        CodeSource source = plugin.getClass().getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        return location == null ? "(unknown)" : location.getPath().replaceFirst(".*/", "");
    }
}
