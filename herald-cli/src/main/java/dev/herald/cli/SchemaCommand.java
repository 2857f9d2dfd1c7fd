package dev.herald.cli;

import dev.herald.app.Application;
import dev.herald.schema.OrphanReport;
import dev.herald.schema.Schema;
import dev.herald.schema.SchemaChange;
import dev.herald.schema.SchemaPlan;
import dev.herald.workspace.StoreLocation;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code herald schema check|apply}. */
@Command(name = "schema", mixinStandardHelpOptions = true, description = "Check the workspace schema or apply it to the store.",
        subcommands = {SchemaCommand.Check.class, SchemaCommand.Apply.class})
final class SchemaCommand {

    @ParentCommand
    Herald herald;

    @Command(name = "check", mixinStandardHelpOptions = true, description = "Validate schema.yaml and report every error with its path.")
    static final class Check implements Callable<Integer> {
        @ParentCommand
        SchemaCommand parent;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--data", description = "Also check the store's data: per many-to-one link, the rows that point to no record.")
        boolean data;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Application app = parent.herald.app()) {
                Schema schema = app.schemas().check();
                out.printf("schema.yaml is valid: %d entities, dimension '%s'%n", schema.entities().size(), schema.dimension());
                if (data) {
                    for (String entity : schema.entities().keySet()) {
                        if (!app.schemas().hasTable(entity)) {
                            out.println("  " + entity + ": no table yet (herald schema apply)");
                            continue;
                        }
                        for (OrphanReport orphans : app.schemas().orphans(entity, 5)) {
                            out.println("  " + orphans.describe(true));
                        }
                    }
                }
            }
            return 0;
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true, description = "Create or alter the entity tables. Additive changes apply; "
            + "changes that lose data are refused unless --allow-destructive.")
    static final class Apply implements Callable<Integer> {
        @ParentCommand
        SchemaCommand parent;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--allow-destructive", description = "Also drop entities and fields and change types.")
        boolean allowDestructive;
        @Option(names = "--dry-run", description = "Print the changes without making them.")
        boolean dryRun;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Application app = parent.herald.app()) {
                app.schemas().check();
                SchemaPlan plan = dryRun ? app.schemas().plan() : app.schemas().apply(allowDestructive);
                print(out, plan, dryRun, app.storeLocation());
            }
            return 0;
        }

        static void print(PrintWriter out, SchemaPlan plan, boolean dryRun, StoreLocation store) {
            if (plan.isEmpty()) {
                out.println("The store " + store + " is up to date with the schema.");
                return;
            }
            out.println((dryRun ? "Would apply" : "Applied") + " to " + store + ":");
            for (SchemaChange c : plan.changes()) {
                out.println("  " + (c.destructive() ? "! " : "+ ") + c.describe());
            }
        }
    }
}
