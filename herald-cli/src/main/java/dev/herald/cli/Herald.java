package dev.herald.cli;

import dev.herald.app.Application;
import dev.herald.error.UserError;
import dev.herald.text.Echo;
import dev.herald.workspace.Passwords;
import dev.herald.workspace.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code herald} command: one binary, one subcommand per job. */
@Command(name = "herald", mixinStandardHelpOptions = true, versionProvider = Herald.Version.class,
        description = "Campaign and customer-journey orchestration on your own relational data.")
public final class Herald {

    /**
     * The subcommands, by name, in the order help lists them. Only the one a command line names is
     * built (picocli reads every option of every command it is given: a quarter of a second).
     */
    private static final Map<String, Class<?>> COMMANDS = commands(DemoCommand.class, InitCommand.class, SchemaCommand.class,
            ImportCommand.class, AudienceCommand.class, CampaignCommand.class, MessageCommand.class, RunCommand.class, DeliveryCommand.class,
            SuppressionCommand.class, ConsentCommand.class, ServerCommand.class, KeyCommand.class,
            ExportCommand.class, GenerateCommand.class, CommandLine.HelpCommand.class);

    @Option(names = {"-w", "--workspace"}, scope = CommandLine.ScopeType.INHERIT, paramLabel = "DIR",
            description = "The workspace folder (herald.yaml, schema.yaml). Default: $HERALD_WORKSPACE or the current folder.")
    Path workspace;

    /** Herald on the workspace: open it in a try-with-resources, so that its store is closed. */
    Application app() {
        return Application.open(Workspace.open(workspaceDir()));
    }

    Path workspaceDir() {
        if (workspace != null) {
            return workspace;
        }
        String env = System.getenv("HERALD_WORKSPACE");
        return Path.of(env != null && !env.isBlank() ? env : ".");
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(args, out, err);
        out.flush(); // print() does not flush by itself, and exit() would lose what is buffered
        err.flush();
        System.exit(code);
    }

    /** Runs a command line; user errors are one message on {@code err}, never a stack trace, and never a password. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Herald());
        Class<?> named = COMMANDS.get(firstCommand(args));
        if (named != null && named != CommandLine.HelpCommand.class) {
            cli.addSubcommand(named);
        } else {
            COMMANDS.values().forEach(cli::addSubcommand); // help, a mistake to correct: all of them
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UserError u) {
                err.println("herald: " + Echo.message(Passwords.mask(Hints.render(u))));
                return 1;
            }
            if (e instanceof IllegalArgumentException) {
                err.println("herald: " + Echo.message(Passwords.mask(e.getMessage())));
                return 1;
            }
            // a bug: its trace helps to report it, but a message in it may quote the store's URL
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(Passwords.mask(trace.toString()));
            err.flush();
            return 1;
        });
        return cli.execute(args);
    }

    /** The first word of a command line that is not an option nor the folder of -w. */
    static String firstCommand(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-w") || args[i].equals("--workspace")) {
                i++;
            } else if (!args[i].startsWith("-")) {
                return args[i];
            }
        }
        return null;
    }

    private static Map<String, Class<?>> commands(Class<?>... classes) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Class<?> c : classes) {
            byName.put(c.getAnnotation(Command.class).name(), c);
        }
        return byName;
    }


    /** The version baked in at build time. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Herald.class.getResourceAsStream("/herald-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"herald " + p.getProperty("version", "unknown") + " (Java " + Runtime.version() + ")"};
        }
    }
}
