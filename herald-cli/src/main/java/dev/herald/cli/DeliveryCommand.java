package dev.herald.cli;

import dev.herald.app.Application;
import dev.herald.campaign.run.RunRecord;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code herald delivery export RUN ACTIVITY FILE}. */
@Command(name = "delivery", mixinStandardHelpOptions = true, description = "What the channel activities of runs produced.",
        subcommands = {DeliveryCommand.Export.class})
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
}
