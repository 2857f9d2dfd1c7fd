package dev.herald.cli;

import dev.herald.app.Application;
import dev.herald.app.message.MessagePreview;
import dev.herald.campaign.plan.Plan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code herald message preview|proof}. */
@Command(name = "message", mixinStandardHelpOptions = true, description = "Look at messages before they are sent.",
        subcommands = {MessageCommand.Preview.class, MessageCommand.Proof.class})
final class MessageCommand {

    @ParentCommand
    Herald herald;

    @Command(name = "preview", mixinStandardHelpOptions = true,
            description = "Render every part of a delivery activity's message for one recipient, as a run would.")
    static final class Preview implements Callable<Integer> {
        @ParentCommand
        MessageCommand parent;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Parameters(index = "0", paramLabel = "CAMPAIGN", description = "A campaign file, or the id of a published campaign (its latest version).")
        String campaign;
        @Parameters(index = "1", paramLabel = "ACTIVITY", description = "The id of a delivery activity (email, sms, push, webhook, direct-mail).")
        String activity;
        @Option(names = {"--profile", "--key"}, required = true, paramLabel = "KEY",
                description = "The key of the recipient (a record of the activity's audience, a profile by default).")
        String key;

        @Override
        public Integer call() throws IOException {
            try (Application app = parent.herald.app()) {
                Path file = Path.of(campaign);
                boolean isFile = Files.exists(file) || Files.exists(app.workspace().dir().resolve(file)) || campaign.matches(".*\\.(yaml|yml|json)");
                Plan plan = isFile ? app.messages().plan(CampaignCommand.read(file, app.workspace()), campaign)
                        : app.messages().plan(null, campaign);
                MessagePreview p = app.messages().preview(plan, activity, key);
                PrintWriter out = spec.commandLine().getOut();
                out.printf("%s %s of campaign %s to %s %s (dates in %s)%n", p.channel(), p.activity(), p.campaign(), p.entity(), p.key(), p.zone());
                p.notes().forEach(n -> out.println("note: " + n));
                p.parts().forEach((part, text) -> {
                    out.println("--- " + part);
                    out.println(text);
                });
                p.errors().forEach((part, reason) -> {
                    out.println("--- " + part);
                    out.println("cannot render: " + reason);
                });
                return p.errors().isEmpty() ? 0 : 1;
            }
        }
    }

    @Command(name = "proof", mixinStandardHelpOptions = true,
            description = "Send a published campaign's delivery message, as one recipient would get it, to seed addresses — the team's "
                    + "own — through the delivery's channel, its subject or title marked [Proof]. No report counts proofs.")
    static final class Proof implements Callable<Integer> {
        @ParentCommand
        MessageCommand parent;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Parameters(index = "0", paramLabel = "CAMPAIGN", description = "The id of a published campaign (its latest version).")
        String campaign;
        @Parameters(index = "1", paramLabel = "ACTIVITY", description = "The id of a delivery activity.")
        String activity;
        @Option(names = {"--profile", "--key"}, required = true, paramLabel = "KEY", description = "The recipient whose message the proof shows.")
        String key;
        @Option(names = "--to", required = true, split = ",", paramLabel = "ADDRESS", description = "The seed addresses, comma-separated.")
        java.util.List<String> to;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            int failed = 0;
            try (Application app = parent.herald.app()) {
                for (var o : app.proofs().send(campaign, activity, key, to, java.util.Map.of())) {
                    out.println("proof to " + o.address() + ": " + o.status() + (o.error() == null ? "" : " (" + o.error() + ")"));
                    failed += o.status().equals("sent") ? 0 : 1;
                }
            }
            return failed == 0 ? 0 : 1;
        }
    }
}
