package dev.herald.cli;

import dev.herald.app.Application;
import dev.herald.app.campaign.CampaignService;
import dev.herald.app.run.RunService;
import dev.herald.campaign.Activity;
import dev.herald.campaign.plan.CampaignSchema;
import dev.herald.campaign.plan.Plan;
import dev.herald.campaign.Population;
import dev.herald.campaign.Schedule;
import dev.herald.campaign.run.CampaignVersion;
import dev.herald.campaign.run.RunOptions;
import dev.herald.campaign.run.RunRecord;
import dev.herald.campaign.run.RunStatus;
import dev.herald.error.UserError;
import dev.herald.text.Echo;
import dev.herald.yaml.YamlReader;
import dev.herald.workspace.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code herald campaign validate|publish|run|schedule|list|archive|restore|duplicate|report|json-schema}. */
@Command(name = "campaign", mixinStandardHelpOptions = true, description = "Validate, publish, run, schedule and archive campaigns.",
        subcommands = {CampaignCommand.Validate.class, CampaignCommand.Publish.class, CampaignCommand.Run.class,
                CampaignCommand.ScheduleCommand.class, CampaignCatalog.ListCampaigns.class, CampaignCatalog.Archive.class,
                CampaignCatalog.Restore.class, CampaignCatalog.Duplicate.class, CampaignCatalog.Report.class, CampaignCommand.JsonSchema.class})
final class CampaignCommand {

    @ParentCommand
    Herald herald;

    /** A campaign file (UTF-8, at most 1 MB): a relative path is looked for in the current folder, then in the workspace. */
    static String read(Path file, Workspace ws) throws IOException {
        Path found = Files.exists(file) || file.isAbsolute() ? file : ws.dir().resolve(file);
        if (!Files.isRegularFile(found) || !Files.isReadable(found)) {
            throw UserError.invalid("cannot read " + Echo.cut(file.toString(), Echo.LONGEST_WORD)
                    + (Files.isDirectory(found) ? ": it is a folder"
                    : Files.exists(found) ? "" : ": no such file"
                    + (file.isAbsolute() ? "" : " here or in the workspace " + ws.dir())));
        }
        return YamlReader.text(found, file.toString());
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check a campaign file (or, without FILE, every campaign in campaigns/): every error with its path, "
                    + "or the graph with what each transition carries.")
    static final class Validate implements Callable<Integer> {
        @ParentCommand
        CampaignCommand parent;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "FILE", arity = "0..1")
        Path file;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            try (Application app = parent.herald.app()) {
                if (file != null) {
                    print(app.campaigns().validate(read(file, app.workspace()), file.toString()), file.toString(), out);
                    return 0;
                }
                List<Path> files = campaignFiles(app.workspace());
                if (files.isEmpty()) {
                    app.schema();
                    out.println("No campaigns in " + app.workspace().campaignsDir() + " yet; the schema is valid. Write one: docs/campaigns.md");
                    return 0;
                }
                int invalid = 0;
                for (Path f : files) {
                    String shown = app.workspace().dir().relativize(f).toString();
                    try {
                        print(app.campaigns().validate(read(f, app.workspace()), shown), shown, out);
                    } catch (UserError e) {
                        spec.commandLine().getErr().println("herald: " + Echo.message(Hints.render(e)));
                        invalid++;
                    }
                }
                out.printf("%d of %d campaigns valid%n", files.size() - invalid, files.size());
                return invalid == 0 ? 0 : 1;
            }
        }

        private static List<Path> campaignFiles(Workspace ws) throws IOException {
            if (!Files.isDirectory(ws.campaignsDir())) {
                return List.of();
            }
            try (java.util.stream.Stream<Path> files = Files.list(ws.campaignsDir())) {
                return files.filter(f -> f.getFileName().toString().matches(".*\\.(yaml|yml|json)") && Files.isRegularFile(f))
                        .sorted().toList();
            }
        }

        private static void print(CampaignService.Validation v, String shown, PrintWriter out) {
            Plan plan = v.plan();
            out.printf("%s is valid: campaign %s, %d activities%n", shown, plan.campaign().id(), plan.order().size());
            for (Activity a : plan.order()) {
                List<String> outs = new ArrayList<>();
                for (String o : a.config().outputs()) {
                    Population p = plan.population(a.transition(o));
                    outs.add(a.transition(o) + ": " + p.describe());
                }
                out.printf("  %-24s %-17s %s%n", a.id(), a.type(), outs.isEmpty() ? "" : String.join("; ", outs));
            }
            if (!v.audiencesChecked()) {
                out.println("(saved audiences were not checked: the store does not exist yet)");
            }
        }
    }

    @Command(name = "publish", mixinStandardHelpOptions = true, description = "Publish a campaign file as a new immutable version.")
    static final class Publish implements Callable<Integer> {
        @ParentCommand
        CampaignCommand parent;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() throws IOException {
            try (Application app = parent.herald.app()) {
                CampaignService.Published p = app.campaigns().publish(read(file, app.workspace()), file.toString());
                CampaignVersion v = p.version();
                spec.commandLine().getOut().println(p.created() ? "Published " + v.campaign() + " v" + v.version()
                        : "Unchanged: " + v.campaign() + " v" + v.version() + " has this text already");
            }
            return 0;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Publish a campaign file (when changed) and run it; prints the graph with the count on each transition.")
    static final class Run implements Callable<Integer> {
        @ParentCommand
        CampaignCommand parent;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "FILE")
        Path file;
        @Option(names = "--test", description = "A test run: everything but sending messages and saving audiences.")
        boolean test;
        @Option(names = "--approve", description = "Approve the run's deliveries up front: they send without waiting for 'herald run approve'.")
        boolean approve;
        @Option(names = "--var", paramLabel = "NAME=VALUE", description = "A value for vars.NAME (numbers, true/false, else text).")
        List<String> vars = new ArrayList<>();
        @Option(names = "--now", description = "Judge every expression at this instant (RFC 3339) instead of the current time.")
        Instant now;
        @Option(names = "--break-before", paramLabel = "ACTIVITY", description = "Pause the run before this activity.")
        List<String> breakpoints = new ArrayList<>();
        @Option(names = "--max-sleep", defaultValue = "60s", description = "Wait for a timer at most this long (e.g. 60s, 5m); "
                + "past it the run is left waiting and 'herald run resume' continues it. Default: ${DEFAULT-VALUE}.")
        String maxSleep;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            try (Application app = parent.herald.app()) {
                String text = read(file, app.workspace());
                RunOptions options = new RunOptions(test, AudienceCommand.Target.parse(vars), now, breakpoints, RunCommand.duration(maxSleep),
                        approve);
                RunService runs = app.runs();
                RunRecord run = RunCommand.interruptible(runs, () -> runs.start(text, file.toString(), options, new ProgressPrinter(out)),
                        r -> RunCommand.report(out, runs, r));
                return run.status().isFinal() && run.status() != RunStatus.FINISHED ? 1 : 0;
            }
        }
    }

    @Command(name = "schedule", mixinStandardHelpOptions = true, description = "Show when a campaign's runs would start.")
    static final class ScheduleCommand implements Callable<Integer> {
        @ParentCommand
        CampaignCommand parent;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "FILE")
        Path file;
        @Option(names = "--preview", description = "List the next moments.")
        boolean preview;
        @Option(names = "--count", defaultValue = "10", description = "How many moments. Default: ${DEFAULT-VALUE}.")
        int count;
        @Option(names = "--from", description = "List moments after this instant (RFC 3339). Default: now.")
        Instant from;

        @Override
        public Integer call() throws IOException {
            Plan plan;
            try (Application app = parent.herald.app()) {
                plan = app.campaigns().checkAlone(read(file, app.workspace()), file.toString());
            }
            PrintWriter out = spec.commandLine().getOut();
            List<Schedule> schedules = new ArrayList<>();
            List<String> names = new ArrayList<>();
            if (plan.campaign().schedule() != null) {
                schedules.add(plan.campaign().schedule());
                names.add("campaign " + plan.campaign().id());
            }
            for (Activity a : plan.order()) {
                if (a.config() instanceof dev.herald.campaign.activity.Scheduler s) {
                    schedules.add(s.schedule());
                    names.add("scheduler " + a.id());
                }
            }
            if (schedules.isEmpty()) {
                out.println(plan.campaign().id() + " has no schedule: it runs when started (herald campaign run)");
                return 0;
            }
            Instant after = from == null ? Instant.now() : from;
            for (int i = 0; i < schedules.size(); i++) {
                Schedule s = schedules.get(i);
                out.println(names.get(i) + ": " + s.describe());
                if (preview) {
                    List<Instant> times = s.preview(after, count);
                    if (times.isEmpty()) {
                        out.println("  no moment after " + after);
                    }
                    for (Instant t : times) {
                        out.println("  " + t.atZone(s.zone()).toOffsetDateTime() + "  (" + t + ")");
                    }
                }
            }
            return 0;
        }
    }

    @Command(name = "json-schema", mixinStandardHelpOptions = true,
            description = "Print the JSON Schema of campaign documents (docs/campaign.schema.json), for editors.")
    static final class JsonSchema implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().print(CampaignSchema.json());
            return 0;
        }
    }
}
