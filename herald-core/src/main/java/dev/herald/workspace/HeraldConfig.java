package dev.herald.workspace;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.herald.load.CsvOptions;
import dev.herald.load.ImportRequest;
import dev.herald.schema.DidYouMean;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The settings of a workspace ({@code herald.yaml}).
 *
 * <pre>
 * store: data/herald.duckdb          # or jdbc:postgresql://host:5432/db?user=u&amp;password=p
 * import:
 *   date_format: "%d/%m/%Y"          # strftime; ISO-8601 when absent
 *   timestamp_format: "%d/%m/%Y %H:%M"
 *   decimal_separator: ","
 *   delimiter: ";"
 *   max_errors: 100
 *   timezone: America/Sao_Paulo      # of times without an offset; UTC when absent
 * runs:
 *   retention_days: 7                # worktables of runs that ended longer ago are dropped
 * </pre>
 */
public record HeraldConfig(String store, CsvOptions csv, long maxErrors, long runRetentionDays) {

    public static final String DEFAULT_STORE = "data/herald.duckdb";
    public static final long DEFAULT_RETENTION_DAYS = 7;
    private static final Set<String> TOP = Set.of("store", "import", "runs");
    private static final Set<String> RUNS = Set.of("retention_days");
    private static final Set<String> IMPORT = Set.of("date_format", "timestamp_format", "decimal_separator", "delimiter",
            "quote", "escape", "max_errors", "timezone");

    public static HeraldConfig defaults() {
        return new HeraldConfig(DEFAULT_STORE, CsvOptions.DEFAULT, ImportRequest.DEFAULT_MAX_ERRORS, DEFAULT_RETENTION_DAYS);
    }

    public static HeraldConfig read(Path file) {
        if (!Files.exists(file)) {
            return defaults();
        }
        try {
            ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
            mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
            JsonNode root = mapper.readTree(file.toFile());
            if (root == null || root.isNull()) {
                return defaults();
            }
            check(root, "", TOP, file);
            String store = root.path("store").asText(DEFAULT_STORE);
            JsonNode imp = root.path("import");
            if (!imp.isMissingNode()) {
                check(imp, "import.", IMPORT, file);
            }
            CsvOptions csv = new CsvOptions(
                    oneChar(imp, "delimiter", ',', file), oneChar(imp, "quote", '"', file), oneChar(imp, "escape", '"', file),
                    imp.hasNonNull("date_format") ? imp.get("date_format").asText() : null,
                    imp.hasNonNull("timestamp_format") ? imp.get("timestamp_format").asText() : null,
                    oneChar(imp, "decimal_separator", '.', file),
                    imp.hasNonNull("timezone") ? CsvOptions.zone(imp.get("timezone").asText(), file + ": import.timezone") : null);
            JsonNode runs = root.path("runs");
            if (!runs.isMissingNode()) {
                check(runs, "runs.", RUNS, file);
            }
            return new HeraldConfig(store, csv, imp.path("max_errors").asLong(ImportRequest.DEFAULT_MAX_ERRORS),
                    runs.path("retention_days").asLong(DEFAULT_RETENTION_DAYS));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    private static void check(JsonNode node, String prefix, Set<String> allowed, Path file) {
        node.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                throw new IllegalArgumentException(file + ": " + prefix + k + ": unknown setting" + DidYouMean.hint(k, allowed)
                        + " (settings: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        });
    }

    private static char oneChar(JsonNode node, String key, char fallback, Path file) {
        if (!node.hasNonNull(key)) {
            return fallback;
        }
        String v = node.get(key).asText();
        if (v.equals("\\t")) {
            return '\t';
        }
        if (v.length() != 1) {
            throw new IllegalArgumentException(file + ": import." + key + " must be one character, got '" + v + "'");
        }
        return v.charAt(0);
    }
}
