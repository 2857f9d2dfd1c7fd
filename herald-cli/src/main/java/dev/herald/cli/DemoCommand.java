package dev.herald.cli;

import dev.herald.load.ImportMode;
import dev.herald.load.ImportRequest;
import dev.herald.load.ImportSummary;
import dev.herald.schema.Schema;
import dev.herald.campaign.Plan;
import dev.herald.store.Store;
import dev.herald.store.run.Campaigns;
import dev.herald.campaign.run.RunOptions;
import dev.herald.campaign.run.RunRecord;
import dev.herald.store.run.Runner;
import org.jooq.impl.DSL;
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
            out.println();
            Path campaign = ws.campaignsDir().resolve("winback_gold.yaml");
            out.println("Running " + dir.resolve("campaigns/winback_gold.yaml") + " (live; its emails go to the outbox):");
            Runner runner = new Runner(store, schema, ws.dir(), new ProgressPrinter(out));
            Campaigns campaigns = new Campaigns(store, schema, runner.checker());
            String text = Files.readString(campaign);
            Plan plan = campaigns.check(text, campaign.toString());
            RunRecord run = runner.start(plan, campaigns.publish(plan, text), RunOptions.live());
            RunCommand.report(out, plan, runner.runs(), run);
            out.println("(add -w " + dir + " to run those commands on the demo workspace)");
            store.dsl().select(DSL.field(DSL.name("address")), DSL.field(DSL.name("subject")), DSL.field(DSL.name("body")))
                    .from(DSL.table(DSL.name("herald_outbox"))).orderBy(DSL.field(DSL.name("message_id"))).limit(1).fetchOptional()
                    .ifPresent(m -> out.printf("%nThe first email in the outbox:%n  To: %s%n  Subject: %s%n  %s%n", m.get(0), m.get(1),
                            String.valueOf(m.get(2)).strip().replace("\n", "\n  ")));
        }
        out.printf("%nDone in %.1f s. Try: ./herald -w %s campaign run %s/campaigns/booking_reminder.yaml --test%n",
                (System.nanoTime() - started) / 1e9, dir, dir);
        return 0;
    }
}
