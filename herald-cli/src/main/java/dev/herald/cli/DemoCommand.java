package dev.herald.cli;

import dev.herald.app.Application;
import dev.herald.error.UserError;
import dev.herald.security.Role;
import dev.herald.app.demo.RetailGenerator;
import dev.herald.app.run.RunService;
import dev.herald.campaign.run.RunOptions;
import dev.herald.campaign.run.RunRecord;
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
 * campaign live (its emails go over SMTP to a server in the same process), print its graph with the count on each transition and
 * its delivery's report, then serve the workspace (the API, with a key made for it, and the links
 * of its messages) until Ctrl-C — or exit, with {@code --no-serve}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Generate the retail example, import it into a fresh workspace, "
        + "then run the win-back campaign (its emails over SMTP to a server in this process), print its graph and its delivery's report, and serve the workspace "
        + "(--no-serve exits instead).")
final class DemoCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;
    @Option(names = "--profiles", defaultValue = "100000", description = "How many profiles. Default: ${DEFAULT-VALUE}.")
    long profiles;
    @Option(names = "--dir", defaultValue = "work/demo", description = "The demo workspace, recreated on each run. Default: ${DEFAULT-VALUE}.")
    Path dir;
    @Option(names = "--no-serve", description = "Exit once the campaign ran, instead of serving the workspace (the API, the links of "
            + "its messages) until Ctrl-C.")
    boolean noServe;
    @Option(names = "--port", defaultValue = "8080", description = "The port to serve on (0 picks a free one; a busy 8080 does too). "
            + "Default: ${DEFAULT-VALUE}.")
    int port;

    private static String welcome(String key) {
        return "An API key (admin, for a day; shown this once): " + key + "\n"
                + "The emails of runs started now go to the same SMTP server, until Ctrl-C.\n"
                + "Try: curl -s -H 'Authorization: Bearer " + key + "' URL/api/v1/runs · the routes: URL/api/openapi.json";
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (System.getenv("HERALD_EMAIL_URL") != null) { // it overrides providers.email: the demo's emails would go to that relay
            throw new UserError(UserError.Kind.INVALID, new dev.herald.error.Problem("HERALD_EMAIL_URL", "herald demo sends its generated "
                    + "customers' emails to an SMTP server of its own; with HERALD_EMAIL_URL set they would go to that relay instead: "
                    + "unset it for the demo"));
        }
        long started = System.nanoTime();
        if (Files.exists(dir.resolve("schema.yaml"))) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        InitCommand.create(dir);
        Path config = dir.resolve(Workspace.CONFIG_FILE);
        String settings = Files.readString(config);
        // put back at the end, also when Ctrl-C ends the serving (the JVM then runs hooks, not this method's finally)
        Thread putBack = new Thread(() -> restore(config, settings));
        Runtime.getRuntime().addShutdownHook(putBack);
        try (DemoMailServer smtp = new DemoMailServer()) {
            Files.writeString(config, settings + "\n# While ./herald demo runs, its emails go to an SMTP server in its own process; this is put\n"
                    + "# back as it was when the demo ends (then nothing is sent: messages go to the outbox).\n"
                    + "providers:\n  email: " + smtp.url() + "\n");
            return run(out, started, smtp);
        } finally {
            restore(config, settings);
            try {
                Runtime.getRuntime().removeShutdownHook(putBack);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    private static void restore(Path config, String settings) {
        try {
            Files.writeString(config, settings);
        } catch (IOException e) {
            System.err.println("herald: could not put back " + config + " (" + e.getMessage() + "); remove its providers: section");
        }
    }

    private int run(PrintWriter out, long started, DemoMailServer smtp) throws IOException {
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
            out.println("Running " + dir.resolve("campaigns/winback_gold.yaml") + " (live; its emails go over SMTP to " + smtp.url()
                    .replaceAll("\\?.*", "") + ", a server in this process):");
            RunService runs = app.runs();
            RunRecord run = runs.start(Files.readString(campaign), campaign.toString(), RunOptions.live().withApproval(), new ProgressPrinter(out));
            RunCommand.report(out, runs, run);
            out.println("(add -w " + dir + " to run those commands on the demo workspace)");
            for (var delivery : runs.status(run.id()).activities().entrySet()) {
                if (app.deliveries().delivery(run.id(), delivery.getKey()).isPresent()) {
                    out.println();
                    DeliveryCommand.Report.print(out, run.id(), delivery.getKey(), app.deliveries().report(run.id(), delivery.getKey()));
                }
            }
            out.printf("%nThe SMTP server received %,d emails; the first:%n", smtp.received());
            smtp.first().ifPresent(m -> out.println("  " + m.replace("\n", "\n  ")));
            out.printf("%nDone in %.1f s. Try: ./herald -w %s campaign run %s/campaigns/booking_reminder.yaml --test%n",
                    (System.nanoTime() - started) / 1e9, dir, dir);
            if (noServe) {
                return 0;
            }
            String key = app.access().create("demo", Role.ADMIN, java.time.Duration.ofDays(1)).token();
            out.println();
            try {
                ServerCommand.serve(app, "127.0.0.1", port, out, welcome(key));
            } catch (IllegalArgumentException busy) {
                if (port == 0) {
                    throw busy;
                }
                out.println("port " + port + " is taken; serving on a free one instead");
                ServerCommand.serve(app, "127.0.0.1", 0, out, welcome(key));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
