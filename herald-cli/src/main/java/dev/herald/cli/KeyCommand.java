package dev.herald.cli;

import dev.herald.app.Application;
import dev.herald.security.ApiKey;
import dev.herald.security.Role;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code herald key create --role R --name N [--expires 90d]}, {@code herald key list}, {@code herald key revoke ID}, {@code herald key rotate-links}. */
@Command(name = "key", mixinStandardHelpOptions = true, description = "The API's keys: make one (shown once), list them, revoke one; "
        + "rotate the key that signs the links of messages.",
        subcommands = {KeyCommand.Create.class, KeyCommand.List.class, KeyCommand.Revoke.class, KeyCommand.RotateLinks.class})
final class KeyCommand {

    @ParentCommand
    Herald herald;

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Make an API key and print it: it is shown this once, "
            + "Herald keeps only its hash.")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        KeyCommand parent;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--role", required = true, description = "admin, editor (campaigns, audiences, templates), operator (start, "
                + "stop, approve runs) or viewer (read only).")
        String role;
        @Option(names = "--name", required = true, description = "What the key is for, e.g. \"CRM sync\" or \"Ann (ops)\".")
        String name;
        @Option(names = "--expires", description = "How long it opens the API, e.g. 90d (default: until revoked).")
        String expires;

        @Override
        public Integer call() {
            try (Application app = parent.herald.app()) {
                ApiKey.Made made = app.access().create(name, Role.of(role), expires == null ? null : RunCommand.duration(expires));
                PrintWriter out = spec.commandLine().getOut();
                out.println(made.token());
                out.println("key " + made.key().id() + " (" + made.key().role().id() + ", " + made.key().name() + ")"
                        + (made.key().expiresAt() == null ? ", until revoked" : ", until " + made.key().expiresAt())
                        + ": send it as 'Authorization: Bearer KEY'; it is not shown again");
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The API's keys, the newest first (never their secret).")
    static final class List implements Callable<Integer> {
        @ParentCommand
        KeyCommand parent;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Application app = parent.herald.app()) {
                PrintWriter out = spec.commandLine().getOut();
                Instant now = Instant.now();
                out.printf("%-12s %-9s %-10s %-20s %-20s %s%n", "id", "role", "state", "created", "last used", "name");
                for (ApiKey k : app.access().list()) {
                    String state = k.revokedAt() != null ? "revoked" : k.activeAt(now) ? "active" : "expired";
                    out.printf("%-12s %-9s %-10s %-20s %-20s %s%n", k.id(), k.role().id(), state, minute(k.createdAt()), minute(k.lastUsedAt()),
                            k.name());
                }
            }
            return 0;
        }

        private static String minute(Instant t) {
            return t == null ? "-" : t.toString().substring(0, 16).replace('T', ' ');
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key for good: its next call is refused.")
    static final class Revoke implements Callable<Integer> {
        @ParentCommand
        KeyCommand parent;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "ID", description = "The key's id, as herald key list shows it.")
        String id;

        @Override
        public Integer call() {
            try (Application app = parent.herald.app()) {
                app.access().revoke(id);
                spec.commandLine().getOut().println("key " + id + " revoked");
            }
            return 0;
        }
    }

    @Command(name = "rotate-links", mixinStandardHelpOptions = true, description = "Make a new key for the signed links of messages "
            + "(unsubscribe, opens, clicks): it signs every link made from now on; links already sent still work.")
    static final class RotateLinks implements Callable<Integer> {
        @ParentCommand
        KeyCommand parent;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Application app = parent.herald.app()) {
                int id = app.access().rotateLinkKey();
                var keys = app.access().linkKeys();
                spec.commandLine().getOut().printf("link key %d signs from now on (servers on this store take it within 5 seconds); "
                        + "links signed with key%s %s still verify%n", id, keys.ids().size() > 2 ? "s" : "",
                        keys.ids().stream().filter(k -> k != id).map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")));
            }
            return 0;
        }
    }
}
