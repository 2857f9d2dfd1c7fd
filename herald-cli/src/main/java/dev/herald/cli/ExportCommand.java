package dev.herald.cli;

import dev.herald.app.Application;
import dev.herald.error.UserError;
import dev.herald.text.Echo;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code herald export ENTITY FILE}. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Write an entity's rows, ordered by key, to CSV (.csv, .csv.gz) or Parquet (.parquet).")
final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    Herald herald;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", paramLabel = "ENTITY")
    String entity;
    @Parameters(index = "1", paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() {
        if (entity.startsWith("herald_")) {
            throw UserError.invalid(Echo.quoted(entity) + " is one of Herald's system tables, not an entity of schema.yaml; "
                    + "export a delivery's messages or direct-mail file with 'herald delivery export RUN ACTIVITY FILE', "
                    + "see a transition's rows with 'herald run preview RUN TRANSITION'");
        }
        long started = System.nanoTime();
        try (Application app = herald.app()) {
            long rows = app.imports().export(entity, file);
            spec.commandLine().getOut().printf("%s: wrote %,d rows to %s in %.2f s%n", entity, rows, file,
                    (System.nanoTime() - started) / 1e9);
        }
        return 0;
    }
}
