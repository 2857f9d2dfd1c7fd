package dev.herald.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code herald init DIR}: a new workspace from the retail example. */
@Command(name = "init", mixinStandardHelpOptions = true, description = "Create a workspace from the retail example (herald.yaml, schema.yaml, campaigns/, templates/).")
final class InitCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The folder to create (it may exist, but must not hold a schema.yaml).")
    Path dir;

    @Override
    public Integer call() throws IOException {
        create(dir);
        spec.commandLine().getOut().println("Created workspace " + dir.toAbsolutePath().normalize()
                + "\nNext: cd " + dir + " && herald schema apply");
        return 0;
    }

    /** The retail example's files, copied into a new workspace. */
    static final String[] EXAMPLE_FILES = {"herald.yaml", "schema.yaml", "campaigns/winback_gold.yaml",
        "campaigns/booking_reminder.yaml", "campaigns/weekly_newsletter.yaml", "campaigns/store_event_reactivation.yaml",
        "campaigns/vip_programme.yaml",
        "data/event_contacts.csv"};

    static void create(Path dir) throws IOException {
        if (Files.exists(dir.resolve("schema.yaml"))) {
            throw new IllegalArgumentException(dir + " already holds a schema.yaml; choose an empty folder");
        }
        Files.createDirectories(dir.resolve("campaigns"));
        Files.createDirectories(dir.resolve("templates"));
        Files.createDirectories(dir.resolve("data"));
        for (String file : EXAMPLE_FILES) {
            try (InputStream in = InitCommand.class.getResourceAsStream("/examples/retail/" + file)) {
                if (in == null) {
                    throw new IOException("the retail example is missing from this build (" + file + ")");
                }
                Files.copy(in, dir.resolve(file));
            }
        }
    }
}
