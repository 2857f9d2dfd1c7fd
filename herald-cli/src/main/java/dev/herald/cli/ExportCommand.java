package dev.herald.cli;

import dev.herald.load.ImportException;
import dev.herald.schema.DidYouMean;
import dev.herald.schema.Entity;
import dev.herald.schema.Schema;
import dev.herald.store.Store;
import dev.herald.text.Echo;
import dev.herald.workspace.Workspace;
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
        Workspace ws = Workspace.open(herald.workspaceDir());
        Schema schema = ws.schema();
        if (entity.startsWith("herald_")) {
            throw new ImportException(Echo.quoted(entity) + " is one of Herald's system tables, not an entity of schema.yaml; "
                    + "export a delivery's messages or direct-mail file with 'herald delivery export RUN ACTIVITY FILE', "
                    + "see a transition's rows with 'herald run preview RUN TRANSITION'");
        }
        Entity e = schema.entity(entity).orElseThrow(() -> new ImportException("unknown entity " + Echo.quoted(entity)
                + DidYouMean.hint(entity, schema.entities().keySet()) + " (entities: " + String.join(", ", schema.entities().keySet()) + ")"));
        long started = System.nanoTime();
        try (Store store = Store.open(ws.store())) {
            long rows = store.export(e, file);
            spec.commandLine().getOut().printf("%s: wrote %,d rows to %s in %.2f s%n", entity, rows, file,
                    (System.nanoTime() - started) / 1e9);
        }
        return 0;
    }
}
