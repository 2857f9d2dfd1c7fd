package dev.herald.cli;

import dev.herald.app.Application;
import dev.herald.app.compliance.ComplianceService;
import dev.herald.app.compliance.SuppressionFile;
import dev.herald.compliance.Suppression;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code herald suppression add|remove|list|import}: the addresses that get no message of a channel. */
@Command(name = "suppression", mixinStandardHelpOptions = true,
        description = "The suppression list: addresses that get no message of a channel, marketing or transactional "
                + "(hard bounces and complaints go on it by themselves).",
        subcommands = {SuppressionCommand.Add.class, SuppressionCommand.Remove.class, SuppressionCommand.ListCommand.class,
                SuppressionCommand.Import.class})
final class SuppressionCommand {

    @ParentCommand
    Herald herald;

    abstract static class Sub {
        @ParentCommand
        SuppressionCommand parent;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--channel", defaultValue = "email", description = "email (default), sms, push or direct-mail.")
        String channel;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Suppress addresses until someone removes them.")
    static final class Add extends Sub implements Callable<Integer> {
        @Parameters(paramLabel = "ADDRESS", arity = "1..*")
        List<String> addresses;
        @Option(names = "--note", description = "Why, for whoever reads the list later.")
        String note;

        @Override
        public Integer call() {
            try (Application app = parent.herald.app()) {
                int n = app.compliance().suppress(channel, addresses, note);
                out().printf("%,d address%s suppressed on %s until removed%s%n", addresses.size(), addresses.size() == 1 ? "" : "es", channel,
                        n < addresses.size() ? " (" + (addresses.size() - n) + " already on the list)" : "");
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Take addresses off the list: they get messages again.")
    static final class Remove extends Sub implements Callable<Integer> {
        @Parameters(paramLabel = "ADDRESS", arity = "1..*")
        List<String> addresses;

        @Override
        public Integer call() {
            int missing = 0;
            try (Application app = parent.herald.app()) {
                for (String a : addresses) {
                    if (app.compliance().release(channel, a)) {
                        out().println(a + ": removed from the " + channel + " list");
                    } else {
                        out().println(a + ": was not on the " + channel + " list");
                        missing++;
                    }
                }
            }
            return missing == 0 ? 0 : 1;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The entries that hold now, newest first.")
    static final class ListCommand implements Callable<Integer> {
        @ParentCommand
        SuppressionCommand parent;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--channel", description = "Only this channel's list (default: every channel).")
        String channel;
        @Option(names = "--limit", defaultValue = "50", description = "At most this many entries (default 50).")
        int limit;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Application app = parent.herald.app()) {
                ComplianceService.Listing listing = app.compliance().suppressions(channel, Math.max(limit, 0));
                for (Suppression s : listing.entries()) {
                    out.printf("%-11s %-40s %-12s %s  %s%s%n", s.channel(), s.address(), s.reason(), s.createdAt(),
                            s.expiresAt() == null ? "until removed" : "until " + s.expiresAt(), s.detail() == null ? "" : "  " + s.detail());
                }
                out.printf("%,d entr%s%s%n", listing.total(), listing.total() == 1 ? "y" : "ies",
                        listing.total() > listing.entries().size() ? " (" + listing.entries().size() + " shown; --limit N for more)" : "");
            }
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Load addresses from a CSV file whose header names an address column (and optionally channel and note); "
                    + "a bad row is reported with its line and column, and the rest loads.")
    static final class Import extends Sub implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() throws IOException {
            try (Application app = parent.herald.app()) {
                SuppressionFile.Loaded loaded = app.compliance().importFile(file, channel);
                out().printf("%s: %,d rows, %,d suppressed, %,d rejected%n", file, loaded.rows(), loaded.stored(), loaded.rejected());
                loaded.rejects().stream().limit(20).forEach(r -> out().printf("  line %d, column %s: %s%n", r.line(), r.column(), r.reason()));
                if (loaded.rejected() > 20) {
                    out().printf("  … and %,d more%n", loaded.rejected() - 20);
                }
                return loaded.rejected() == 0 ? 0 : 1;
            }
        }
    }
}
