package io.jrec.cli;

import io.jrec.models.select.ModelCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.Iterator;
import java.util.concurrent.Callable;

/** {@code jrec models}: every model name with its settings and defaults, from {@link ModelCatalog}. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List the models with their settings and defaults (for --model and --set).")
final class ModelsCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (ModelCatalog.Entry e : ModelCatalog.entries()) {
            out.printf("%s  %s%n", e.name(), e.description());
            int width = 0;
            for (ModelCatalog.Setting s : e.settings()) {
                width = Math.max(width, s.name().length() + 1 + s.defaultValue().length());
            }
            for (ModelCatalog.Setting s : e.settings()) {
                String kv = s.name() + "=" + s.defaultValue();
                out.printf("    %-" + width + "s  %s%n", kv, s.description());
            }
            out.println();
        }
        out.println("Set any of them with --set KEY=VALUE, e.g. jrec fit ... --model itemknn --set k=40.");
        return Jrec.OK;
    }

    /** The model names, for {@code --model}'s help and shell completion. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return ModelCatalog.names().iterator();
        }
    }
}
