package dev.herald.workspace;

import dev.herald.error.Action;
import dev.herald.error.UserError;
import dev.herald.schema.Schema;
import dev.herald.schema.SchemaParser;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A folder holding {@code herald.yaml}, {@code schema.yaml}, {@code campaigns/} and
 * {@code templates/} (the partials of message templates). The store setting can be overridden by the {@code HERALD_DB} variable.
 */
public record Workspace(Path dir, HeraldConfig config) {

    public static final String CONFIG_FILE = "herald.yaml";
    public static final String SCHEMA_FILE = "schema.yaml";

    public static Workspace open(Path dir) {
        return new Workspace(dir.toAbsolutePath().normalize(), HeraldConfig.read(dir.resolve(CONFIG_FILE)));
    }

    /** The folder of campaign documents. */
    public Path campaignsDir() {
        return dir.resolve("campaigns");
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
}
