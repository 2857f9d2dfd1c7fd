package dev.herald.cli;

import dev.herald.load.ImportMode;
import dev.herald.load.ImportRequest;
import dev.herald.load.ImportSummary;
import dev.herald.schema.Schema;
import dev.herald.store.Store;
import dev.herald.testkit.RetailGenerator;
import dev.herald.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code herald demo}: the whole ground floor end to end on the embedded store — create a workspace,
 * generate the retail data, apply the schema, import every file, and print the counts.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Generate the retail example, import it into a fresh workspace and print counts per entity.")
final class DemoCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;
    @Option(names = "--profiles", defaultValue = "100000", description = "How many profiles. Default: ${DEFAULT-VALUE}.")
    long profiles;
    @Option(names = "--dir", defaultValue = "work/demo", description = "The demo workspace, recreated on each run. Default: ${DEFAULT-VALUE}.")
    Path dir;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        if (Files.exists(dir.resolve("schema.yaml"))) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        InitCommand.create(dir);
        Workspace ws = Workspace.open(dir);
        out.println("Workspace " + ws.dir() + " (store " + ws.store() + ")");
        Path data = dir.resolve("data/generated");
        out.printf("Generating %,d profiles and their purchases, bookings, devices and web events…%n", profiles);
        new RetailGenerator(42, LocalDate.now(ZoneOffset.UTC)).generate(profiles, data);
        Schema schema = ws.schema();
        try (Store store = Store.open(ws.store())) {
            SchemaCommand.Apply.print(out, store.apply(schema, false), false, store);
            out.println("Importing:");
            for (String entity : GenerateCommand.ENTITIES) {
                Path file = data.resolve(entity + ".csv");
                ImportSummary s = store.importFile(schema, ImportRequest.of(entity, file, ImportMode.INSERT));
                out.println("  " + s.describe());
            }
            out.println("Counts per entity:");
            for (String entity : schema.entities().keySet()) {
                out.printf("  %-12s %,12d%n", entity, store.count(entity));
            }
        }
        out.printf("Done in %.1f s. Try: ./herald -w %s export profile %s/profiles.parquet%n",
                (System.nanoTime() - started) / 1e9, dir, dir);
        return 0;
    }
}
