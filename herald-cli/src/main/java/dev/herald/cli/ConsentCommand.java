package dev.herald.cli;

import dev.herald.app.Application;
import dev.herald.app.compliance.ComplianceService;
import dev.herald.compliance.Category;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code herald consent show|subscribe|unsubscribe|check KEY}: one recipient's subscriptions, and whether they would get a message. */
@Command(name = "consent", mixinStandardHelpOptions = true,
        description = "One recipient's subscriptions to channels and topics, and whether they would get a message now.",
        subcommands = {ConsentCommand.Show.class, ConsentCommand.Subscribe.class, ConsentCommand.Unsubscribe.class, ConsentCommand.Check.class})
final class ConsentCommand {

    @ParentCommand
    Herald herald;

    abstract static class Sub {
        @ParentCommand
        ConsentCommand parent;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Parameters(index = "0", paramLabel = "KEY", description = "The recipient's key in the schema's dimension, e.g. a profile id.")
        String key;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    abstract static class Change extends Sub implements Callable<Integer> {
        @Option(names = "--channel", required = true, description = "email, sms, push or direct-mail.")
        String channel;
        @Option(names = "--topic", description = "One of herald.yaml's compliance.topics (default: the whole channel).")
        String topic;

        abstract boolean subscribed();

        @Override
        public Integer call() {
            try (Application app = parent.herald.app()) {
                app.compliance().subscribe(key, channel, topic, subscribed());
                out().printf("%s %s %s%s%n", key, subscribed() ? "subscribed to" : "unsubscribed from", channel,
                        topic == null ? "" : " topic " + topic);
            }
            return 0;
        }
    }

    @Command(name = "subscribe", mixinStandardHelpOptions = true, description = "Record that the recipient subscribed to a channel or topic.")
    static final class Subscribe extends Change {
        @Override
        boolean subscribed() {
            return true;
        }
    }

    @Command(name = "unsubscribe", mixinStandardHelpOptions = true,
            description = "Record that the recipient left a channel (no marketing message on it) or a topic.")
    static final class Unsubscribe extends Change {
        @Override
        boolean subscribed() {
            return false;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "What the recipient said, per channel and topic.")
    static final class Show extends Sub implements Callable<Integer> {
        @Override
        public Integer call() {
            try (Application app = parent.herald.app()) {
                List<ComplianceService.Said> said = app.compliance().subscriptions(key);
                if (said.isEmpty()) {
                    out().println(key + " said nothing: the schema's consent fields and the topics' defaults decide");
                }
                for (ComplianceService.Said s : said) {
                    out().printf("%-11s %-16s %-12s %s  (%s)%n", s.channel(), s.topic().isEmpty() ? "(channel)" : s.topic(),
                            s.subscribed() ? "subscribed" : "unsubscribed", s.at(), s.source());
                }
            }
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Would the recipient get a message on a channel now, and if not, why (every rule of a delivery but duplicates).")
    static final class Check extends Sub implements Callable<Integer> {
        @Option(names = "--channel", required = true, description = "email, sms, push or direct-mail.")
        String channel;
        @Option(names = "--topic", description = "The delivery's topic.")
        String topic;
        @Option(names = "--transactional", description = "A transactional message (exempt from consent, unsubscribes, topics and caps).")
        boolean transactional;

        @Override
        public Integer call() {
            boolean any = false;
            try (Application app = parent.herald.app()) {
                for (ComplianceService.Answer a : app.compliance().check(key, channel, transactional ? Category.TRANSACTIONAL : Category.MARKETING, topic)) {
                    out().printf("%s%s%n", a.address() == null ? "(no address)" : a.address(), a.exclusion() != null ? ": excluded, " + a.exclusion()
                            : a.waitsUntil() != null ? ": would get it at " + a.waitsUntil() + ", when its quiet hours end (" + a.zone() + ")"
                            : ": would get it");
                    any |= a.exclusion() == null;
                }
            }
            return any ? 0 : 1;
        }
    }
}
