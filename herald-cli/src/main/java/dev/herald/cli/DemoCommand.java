package dev.herald.cli;

import dev.herald.app.Application;
import dev.herald.app.demo.RetailGenerator;
import dev.herald.app.run.RunService;
import dev.herald.campaign.run.RunOptions;
import dev.herald.campaign.run.RunRecord;
import dev.herald.delivery.run.Outbox;
import dev.herald.load.ImportMode;
import dev.herald.load.ImportRequest;
import dev.herald.load.ImportSummary;
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
 * {@code herald demo}: Herald end to end on the embedded store — create a workspace, generate the
 * retail data, apply the schema, import every file, print the counts, then run the win-back
 * campaign live (its emails go to the outbox) and print its graph with the count on each transition.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Generate the retail example, import it into a fresh workspace, "
        + "then run the win-back campaign (emails to the outbox) and print its graph.")
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
        try (Application app = Application.open(Workspace.open(dir))) {
            out.println("Workspace " + app.workspace().dir() + " (store " + app.storeLocation() + ")");
            Path data = dir.resolve("data/generated");
            out.printf("Generating %,d profiles and their purchases, bookings, devices and web events…%n", profiles);
            new RetailGenerator(42, LocalDate.now(ZoneOffset.UTC)).generate(profiles, data);
            SchemaCommand.Apply.print(out, app.schemas().apply(false), false, app.storeLocation());
            out.println("Importing:");
            for (String entity : GenerateCommand.ENTITIES) {
                ImportSummary s = app.imports().importFile(ImportRequest.of(entity, data.resolve(entity + ".csv"), ImportMode.INSERT));
                out.println("  " + s.describe());
            }
            out.println("Counts per entity:");
            for (String entity : app.schema().entities().keySet()) {
                out.printf("  %-12s %,12d%n", entity, app.imports().count(entity));
            }
            out.println();
            Path campaign = app.workspace().campaignsDir().resolve("winback_gold.yaml");
            out.println("Running " + dir.resolve("campaigns/winback_gold.yaml") + " (live; its emails go to the outbox):");
            RunService runs = app.runs();
            RunRecord run = runs.start(Files.readString(campaign), campaign.toString(), RunOptions.live().withApproval(), new ProgressPrinter(out));
            RunCommand.report(out, runs, run);
            out.println("(add -w " + dir + " to run those commands on the demo workspace)");
            for (Outbox.Kept m : app.deliveries().outbox(1)) {
                out.printf("%nThe first email in the outbox:%n  To: %s%n  Subject: %s%n  %s%n", m.address(), m.subject(),
                        String.valueOf(m.body()).strip().replace("\n", "\n  "));
            }
        }
        out.printf("%nDone in %.1f s. Try: ./herald -w %s campaign run %s/campaigns/booking_reminder.yaml --test%n",
                (System.nanoTime() - started) / 1e9, dir, dir);
        return 0;
    }
}
