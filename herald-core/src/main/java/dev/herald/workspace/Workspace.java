package dev.herald.workspace;

import dev.herald.error.Action;
import dev.herald.error.UserError;
import dev.herald.schema.Schema;
import dev.herald.schema.SchemaParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A folder holding {@code herald.yaml}, {@code schema.yaml}, {@code campaigns/} and
 * {@code templates/} (the partials of message templates). The store setting can be overridden by the {@code HERALD_DB} variable.
 */
public record Workspace(Path dir, HeraldConfig config) {

    public static final String CONFIG_FILE = "herald.yaml";
    public static final String SCHEMA_FILE = "schema.yaml";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    public static Workspace open(Path dir) {
        return new Workspace(dir.toAbsolutePath().normalize(), HeraldConfig.read(dir.resolve(CONFIG_FILE)));
    }

    /** The folder of campaign documents. */
    public Path campaignsDir() {
        return dir.resolve("campaigns");
    }

    /** Where files sent to the server (an import's upload, an export on its way out) wait while they are read; each is deleted after. */
    public Path uploadsDir() {
        return dir.resolve("data/uploads");
    }

    /**
     * Where the store's temporary files wait (an import's canonical CSV, an export on its way to
     * Parquet): in the workspace, beside the data, never in the system's temporary folder.
     */
    public Path scratchDir() {
        return dir.resolve("data/tmp");
    }

    /** The folder of partials that templates render by name ({@code {% render 'footer' %}}). */
    public Path templatesDir() {
        return dir.resolve("templates");
    }

    public Path schemaFile() {
        return dir.resolve(SCHEMA_FILE);
    }

    public Schema schema() {
        if (!Files.exists(schemaFile())) {
            throw UserError.notFound("no " + SCHEMA_FILE + " in " + dir + ": this folder is not a workspace", new Action.OpenWorkspace());
        }
        return SchemaParser.parse(schemaFile());
    }

    /** The store: {@code HERALD_DB} when set, else the workspace setting. */
    public StoreLocation store(String heraldDbVariable) {
        String setting = heraldDbVariable != null && !heraldDbVariable.isBlank() ? heraldDbVariable : config.store();
        return StoreLocation.parse(setting, dir);
    }

    public StoreLocation store() {
        return store(System.getenv("HERALD_DB"));
    }

    /**
     * The URL of the provider {@code channel}'s messages leave through ({@code email}):
     * {@code HERALD_EMAIL_URL} when set, else {@code providers.email} of herald.yaml, with each
     * {@code ${NAME}} replaced by that environment variable (so a secret need not be written in the
     * file); empty when neither names one, and the messages go to the outbox.
     */
    public Optional<String> provider(String channel) {
        return provider(channel, System.getenv());
    }

    Optional<String> provider(String channel, Map<String, String> environment) {
        String variable = "HERALD_" + channel.toUpperCase(Locale.ROOT) + "_URL";
        String url = environment.get(variable);
        if (url == null || url.isBlank()) {
            url = config.providers().get(channel);
        }
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        Matcher m = VARIABLE.matcher(url);
        StringBuilder expanded = new StringBuilder();
        while (m.find()) {
            String value = environment.get(m.group(1));
            if (value == null) {
                throw UserError.invalid("providers." + channel, "the " + channel + " provider's URL reads the environment variable "
                        + m.group(1) + ", which is not set");
            }
            m.appendReplacement(expanded, Matcher.quoteReplacement(value));
        }
        return Optional.of(m.appendTail(expanded).toString());
    }
}
