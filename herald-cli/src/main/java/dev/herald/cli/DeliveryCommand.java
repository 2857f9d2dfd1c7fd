package dev.herald.cli;

import dev.herald.app.Application;
import dev.herald.app.delivery.DeliveryService;
import dev.herald.campaign.run.RunRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code herald delivery export RUN ACTIVITY FILE}, {@code herald delivery report RUN ACTIVITY}, {@code herald delivery returns}. */
@Command(name = "delivery", mixinStandardHelpOptions = true, description = "What the channel activities of runs produced.",
        subcommands = {DeliveryCommand.Export.class, DeliveryCommand.Report.class, DeliveryCommand.Returns.class})
final class DeliveryCommand {

    @ParentCommand
    Herald herald;

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write a delivery activity's messages (status, exclusion reason, address) or, for direct-mail, "
                    + "its file, to CSV (.csv, .csv.gz) or Parquet (.parquet).")
    static final class Export implements Callable<Integer> {
        @ParentCommand
        DeliveryCommand parent;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Parameters(index = "0", paramLabel = "RUN")
        long runId;
        @Parameters(index = "1", paramLabel = "ACTIVITY", description = "A channel activity of the run's campaign, e.g. email_a.")
        String activity;
        @Parameters(index = "2", paramLabel = "FILE")
        Path file;
        @Option(names = "--messages", description = "For a direct-mail activity: its messages instead of its lines.")
        boolean messages;

        @Override
        public Integer call() {
            long started = System.nanoTime();
            try (Application app = parent.herald.app()) {
                RunRecord run = app.runs().run(runId);
                var written = app.deliveries().export(runId, activity, messages, file);
                spec.commandLine().getOut().printf("%s of run %d: wrote %,d %s to %s in %.2f s%n", activity, runId, written.rows(),
                        written.what(), file, (System.nanoTime() - started) / 1e9);
                if (written.what().equals("lines") && run.mode().equals("test")) {
                    spec.commandLine().getOut().println("(a test run renders no line: --messages lists who would get one)");
                }
            }
            return 0;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "A delivery's messages by status and exclusion reason, and its opens, clicks (per link) and unsubscribes.")
    static final class Report implements Callable<Integer> {
        @ParentCommand
        DeliveryCommand parent;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Parameters(index = "0", paramLabel = "RUN")
        long runId;
        @Parameters(index = "1", paramLabel = "ACTIVITY", description = "A channel activity of the run's campaign, e.g. email_a.")
        String activity;

        @Override
        public Integer call() {
            try (Application app = parent.herald.app()) {
                print(spec.commandLine().getOut(), runId, activity, app.deliveries().report(runId, activity));
            }
            return 0;
        }

        /** A delivery's report as {@code herald delivery report} prints it. */
        static void print(PrintWriter out, long runId, String activity, DeliveryService.Report report) {
            print(out, activity + " of run " + runId + " (delivery " + report.deliveryId() + ")", report.figures());
        }

        /** A report's figures under {@code title}: messages by status and reason, what came back, what people did. */
        static void print(PrintWriter out, String title, DeliveryService.Figures figures) {
            out.println(title);
            figures.messages().messages().forEach((status, n) -> out.printf("  %-28s %,12d%n", status, n));
            var r = figures.returns();
            var e = figures.engagement();
            out.printf("  %-28s %,12d   (bounced after sending: %,d hard, %,d soft)%n", "undelivered", r.undelivered(), r.hardBounces(),
                    r.softBounces());
            out.printf("  %-28s %,12d   %s%n", "opens (human, unique)", e.opens().human(), percent(e.openRate()) + " of sent");
            out.printf("  %-28s %,12d   %s%n", "clicks (human, unique)", e.clicks().human(), percent(e.clickRate()) + " of sent, "
                    + percent(e.clickToOpenRate()) + " of opens");
            out.printf("  %-28s %,12d   (%,d opens and %,d clicks in all; machines %,d and %,d)%n", "unsubscribes", e.unsubscribes(),
                    e.opens().total(), e.clicks().total(), e.opens().machine(), e.clicks().machine());
            out.printf("  %-28s %,12d   %s%n", "complaints", r.complaints(), e.sent() == 0 ? "" : String.format("%.3f %%", 100.0 * r.complaints() / e.sent())
                    + " of sent");
            for (var link : e.links()) {
                out.printf("  link %-3d %,8d clicks, %,8d people   %s%n", link.link(), link.total(), link.human(), link.url());
            }
        }

        private static String percent(double rate) {
            return String.format("%.1f %%", rate * 100);
        }
    }

    @Command(name = "returns", mixinStandardHelpOptions = true,
            description = "Read the bounces and complaints that came back to the return mailbox (providers.bounces) since the last time: "
                    + "each onto its message and the suppression list.")
    static final class Returns implements Callable<Integer> {
        @ParentCommand
        DeliveryCommand parent;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Application app = parent.herald.app()) {
                var pass = app.deliveries().readReturns();
                spec.commandLine().getOut().printf("read %,d returned messages: %,d hard bounces, %,d soft bounces, %,d complaints, "
                                + "%,d other refusals; %,d name no sent message of the log, %,d are no bounce or complaint%n",
                        pass.read(), pass.hardBounces(), pass.softBounces(), pass.complaints(), pass.otherBounces(), pass.unknown(),
                        pass.notReports());
            }
            return 0;
        }
    }
}
