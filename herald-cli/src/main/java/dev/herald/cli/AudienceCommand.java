package dev.herald.cli;

import dev.herald.app.Application;
import dev.herald.app.audience.AudienceService;
import dev.herald.audience.Audience;
import dev.herald.error.UserError;
import dev.herald.text.Echo;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code herald audience count|preview|explain|test|save|list}. */
@Command(name = "audience", mixinStandardHelpOptions = true, description = "Count, preview, explain and save audiences written as CEL expressions.",
        subcommands = {AudienceCommand.Count.class, AudienceCommand.Preview.class, AudienceCommand.Explain.class,
                AudienceCommand.Test.class, AudienceCommand.Save.class, AudienceCommand.ListAudiences.class})
final class AudienceCommand {

    @ParentCommand
    Herald herald;

    /** The options every audience command takes. */
    static final class Target {
        @Option(names = "--dimension", description = "The entity to target (default: the schema's dimension).")
        String dimension;
        @Option(names = "--var", paramLabel = "NAME=VALUE", description = "A value for vars.NAME (numbers, true/false, else text).")
        List<String> vars = new ArrayList<>();
        @Option(names = "--now", description = "Judge times as of this instant (RFC 3339) instead of the current time.")
        Instant now;

        Map<String, Object> variables() {
            return parse(vars);
        }

        /** {@code NAME=VALUE} options as typed values. */
        static Map<String, Object> parse(List<String> vars) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (String v : vars) {
                int eq = v.indexOf('=');
                if (eq <= 0) {
                    throw UserError.invalid("--var takes NAME=VALUE, got " + Echo.quoted(v));
                }
                values.put(v.substring(0, eq), value(v.substring(eq + 1)));
            }
            return values;
        }

        static Object value(String text) {
            if (text.matches("[+-]?\\d+")) {
                return Long.parseLong(text);
            }
            if (text.matches("[+-]?\\d*\\.\\d+([eE][+-]?\\d+)?")) {
                return Double.parseDouble(text);
            }
            if (text.equals("true") || text.equals("false")) {
                return Boolean.parseBoolean(text);
            }
            return text;
        }
    }

    /** Opens the workspace and runs {@code work} on the query. */
    abstract static class ExpressionCommand implements Callable<Integer> {
        @ParentCommand
        AudienceCommand parent;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        Target target;

        Integer run(String text, Work work) {
            try (Application app = parent.herald.app()) {
                work.run(app.audiences(), new AudienceService.Query(text, target.dimension, target.variables(), target.now),
                        spec.commandLine().getOut());
            }
            return 0;
        }

        interface Work {
            void run(AudienceService audiences, AudienceService.Query query, PrintWriter out);
        }
    }

    @Command(name = "count", mixinStandardHelpOptions = true, description = "How many records match.")
    static final class Count extends ExpressionCommand {
        @Parameters(paramLabel = "EXPR")
        String text;

        @Override
        public Integer call() {
            return run(text, (a, q, out) -> {
                long started = System.nanoTime();
                String dimension = a.check(q).dimension().name();
                long n = a.count(q);
                out.printf("%,d %s records match (%.3f s)%n", n, dimension, (System.nanoTime() - started) / 1e9);
            });
        }
    }

    @Command(name = "preview", mixinStandardHelpOptions = true, description = "The first matching records.")
    static final class Preview extends ExpressionCommand {
        @Parameters(paramLabel = "EXPR")
        String text;
        @Option(names = "--fields", split = ",", description = "Fields to show (default: all).")
        List<String> fields = new ArrayList<>();
        @Option(names = "--limit", defaultValue = "20")
        int limit;

        @Override
        public Integer call() {
            return run(text, (a, q, out) -> out.print(TablePrinter.format(a.preview(q, fields, limit))));
        }
    }

    @Command(name = "explain", mixinStandardHelpOptions = true, description = "The SQL Herald runs for the expression, and its bound parameters.")
    static final class Explain extends ExpressionCommand {
        @Parameters(paramLabel = "EXPR")
        String text;

        @Override
        public Integer call() {
            return run(text, (a, q, out) -> out.println(a.explain(q)));
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Whether one record matches, evaluated in memory on it and its linked records, as a journey would.")
    static final class Test extends ExpressionCommand {
        @Parameters(index = "0", paramLabel = "KEY", description = "The record's key, e.g. a profile id.")
        String key;
        @Parameters(index = "1", paramLabel = "EXPR")
        String text;

        @Override
        public Integer call() {
            int[] code = {0};
            run(text, (a, q, out) -> {
                boolean matches = a.matches(q, key);
                out.printf("%s %s %s%n", a.check(q).dimension().name(), key, matches ? "matches" : "does not match");
                code[0] = matches ? 0 : 3;
            });
            return code[0];
        }
    }

    @Command(name = "save", mixinStandardHelpOptions = true, description = "Save a named audience (a new version each time). --static keeps today's population.")
    static final class Save extends ExpressionCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Parameters(index = "1", paramLabel = "EXPR")
        String text;
        @Option(names = "--static", description = "Save the population as it is now, instead of the condition.")
        boolean frozen;

        @Override
        public Integer call() {
            return run(text, (a, q, out) -> {
                Audience saved = a.save(name, q, frozen);
                out.printf("Saved %s audience '%s' version %d on %s: %,d records now%s%n", saved.kind().name().toLowerCase(),
                        saved.name(), saved.version(), saved.dimension(), saved.size(),
                        saved.populationTable() == null ? "" : " (in table " + saved.populationTable() + ")");
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Saved audiences, latest version of each.")
    static final class ListAudiences implements Callable<Integer> {
        @ParentCommand
        AudienceCommand parent;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Application app = parent.herald.app()) {
                List<Audience> all = app.audiences().list();
                if (all.isEmpty()) {
                    out.println("No saved audiences yet: herald audience save NAME 'EXPR'");
                }
                for (Audience a : all) {
                    out.printf("%-24s v%-3d %-10s %-11s %,12d  %s%n", a.name(), a.version(), a.dimension(), a.kind().name().toLowerCase(),
                            a.size(), a.expression());
                }
            }
            return 0;
        }
    }
}
