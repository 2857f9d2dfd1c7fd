package dev.herald.cli;

import dev.herald.app.Application;
import dev.herald.campaign.run.CampaignVersion;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code herald campaign list|archive|restore}: the published campaigns, and the archive. */
final class CampaignCatalog {

    private CampaignCatalog() {
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The published campaigns: each one's latest version, and when its schedule starts its next run.")
    static final class ListCampaigns implements Callable<Integer> {
        @ParentCommand
        CampaignCommand parent;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--archived", description = "List the archived campaigns instead.")
        boolean archived;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Application app = parent.herald.app()) {
                List<CampaignVersion> versions = app.campaigns().latestVersions(archived);
                if (versions.isEmpty()) {
                    out.println(archived ? "no archived campaign" : "no campaign published yet (herald campaign publish FILE)");
                }
                for (CampaignVersion v : versions) {
                    String next = app.schedules().next(v).map(t -> "next run " + t)
                            .orElse(app.schedules().schedule(v).isPresent() ? "schedule over" : "no schedule");
                    out.println(v.campaign() + " v" + v.version() + "  published " + v.publishedAt() + "  " + next + "  " + v.name());
                }
            }
            return 0;
        }
    }

    @Command(name = "archive", mixinStandardHelpOptions = true,
            description = "Archive a campaign: its versions, runs and reports stay, but it is not listed, its schedule starts no run "
                    + "and no run of it starts until it is restored. Runs under way go on.")
    static final class Archive implements Callable<Integer> {
        @ParentCommand
        CampaignCommand parent;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "CAMPAIGN", description = "The campaign's id.")
        String campaign;

        @Override
        public Integer call() {
            try (Application app = parent.herald.app()) {
                app.campaigns().archive(campaign);
            }
            spec.commandLine().getOut().println("archived " + campaign + " (herald campaign restore " + campaign + " undoes it)");
            return 0;
        }
    }

    @Command(name = "duplicate", mixinStandardHelpOptions = true,
            description = "Publish a copy of a campaign's latest version as a new campaign: its id and name changed, nothing else. "
                    + "A copy with a schedule is archived until restored, so that it starts nothing by itself.")
    static final class Duplicate implements Callable<Integer> {
        @ParentCommand
        CampaignCommand parent;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Parameters(index = "0", paramLabel = "CAMPAIGN", description = "The campaign to copy.")
        String campaign;
        @Parameters(index = "1", paramLabel = "ID", description = "The copy's id.")
        String id;
        @Option(names = "--name", description = "The copy's name. Default: the original's.")
        String name;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Application app = parent.herald.app()) {
                var copy = app.campaigns().duplicate(campaign, id, name);
                out.println("published " + copy.version().campaign() + " v" + copy.version().version() + ", a copy of " + campaign
                        + (app.campaigns().archived().contains(id) ? "; archived, as it has a schedule (herald campaign restore " + id
                        + " lets it run)" : ""));
            }
            return 0;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Every live delivery of a campaign together, of every run and version: messages by status and reason, what "
                    + "came back, opens, clicks per link, unsubscribes, complaints; each delivery's share; --hourly the series by hour (UTC).")
    static final class Report implements Callable<Integer> {
        @ParentCommand
        CampaignCommand parent;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "CAMPAIGN", description = "The campaign's id.")
        String campaign;
        @Option(names = "--hourly", description = "Print the hours instead, as CSV: sent, and opens, clicks and unsubscribes by people.")
        boolean hourly;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Application app = parent.herald.app()) {
                if (hourly) {
                    out.println(dev.herald.app.delivery.DeliveryService.Hour.CSV_HEADER);
                    app.deliveries().campaignHours(campaign).forEach(h -> out.println(h.csv()));
                    return 0;
                }
                var report = app.deliveries().campaignReport(campaign);
                DeliveryCommand.Report.print(out, "campaign " + campaign + " (" + report.deliveries().size() + " live deliver"
                        + (report.deliveries().size() == 1 ? "y" : "ies") + ")", report.figures());
                for (var d : report.deliveries()) {
                    out.printf("  delivery %-6d run %-6d v%-3d %-20s %-8s %,10d sent%n", d.deliveryId(), d.runId(), d.version(), d.activity(),
                            d.channel(), d.sent());
                }
            }
            return 0;
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true, description = "Take a campaign out of the archive: its schedule runs it again.")
    static final class Restore implements Callable<Integer> {
        @ParentCommand
        CampaignCommand parent;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "CAMPAIGN", description = "The campaign's id.")
        String campaign;

        @Override
        public Integer call() {
            try (Application app = parent.herald.app()) {
                app.campaigns().restore(campaign);
            }
            spec.commandLine().getOut().println("restored " + campaign);
            return 0;
        }
    }
}
