package dev.herald.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code herald init DIR [--empty]}: a new workspace from the retail example, or one with a minimal schema. */
@Command(name = "init", mixinStandardHelpOptions = true, description = "Create a workspace from the retail example "
        + "(herald.yaml, schema.yaml, campaigns/, templates/), or with --empty one with a minimal schema to grow.")
final class InitCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The folder to create (it may exist, but must not hold a schema.yaml).")
    Path dir;
    @Option(names = "--empty", description = "A minimal commented schema (one profile entity with an email), "
            + "no campaigns and no example data.")
    boolean empty;

    @Override
    public Integer call() throws IOException {
        if (empty) {
            createEmpty(dir);
        } else {
            create(dir);
        }
        spec.commandLine().getOut().println("Created workspace " + dir.toAbsolutePath().normalize()
                + (empty ? "\nNext: describe your data in " + dir.resolve("schema.yaml") + ", then: cd " + dir + " && herald schema apply"
                : "\nNext: cd " + dir + " && herald schema apply"));
        return 0;
    }

    /** The files of an empty workspace. */
    static final String[] EMPTY_FILES = {"herald.yaml", "schema.yaml"};

    /** The retail example's files, copied into a new workspace. */
    static final String[] EXAMPLE_FILES = {"herald.yaml", "schema.yaml", "campaigns/winback_gold.yaml",
        "campaigns/booking_reminder.yaml", "campaigns/weekly_newsletter.yaml", "campaigns/store_event_reactivation.yaml",
        "campaigns/vip_programme.yaml",
        "data/event_contacts.csv"};

    static void create(Path dir) throws IOException {
        folders(dir);
        Files.createDirectories(dir.resolve("data"));
        copy("/examples/retail/", EXAMPLE_FILES, dir);
    }

    /** A workspace with a minimal valid schema, empty campaigns/ and templates/ folders. */
    static void createEmpty(Path dir) throws IOException {
        folders(dir);
        copy("/workspace/empty/", EMPTY_FILES, dir);
    }

    private static void folders(Path dir) throws IOException {
        for (String file : new String[] {"schema.yaml", "herald.yaml"}) {
            if (Files.exists(dir.resolve(file))) {
                throw new IllegalArgumentException(dir + " already holds a " + file + "; choose an empty folder");
            }
        }
        Files.createDirectories(dir.resolve("campaigns"));
        Files.createDirectories(dir.resolve("templates"));
    }

    private static void copy(String resources, String[] files, Path dir) throws IOException {
        for (String file : files) {
            try (InputStream in = InitCommand.class.getResourceAsStream(resources + file)) {
                if (in == null) {
                    throw new IOException("this build is missing " + resources + file);
                }
                Files.copy(in, dir.resolve(file));
            }
        }
    }
}
