package dev.herald.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.herald.compliance.ComplianceRules;
import dev.herald.load.CsvOptions;
import dev.herald.load.ImportRequest;
import dev.herald.schema.DidYouMean;
import dev.herald.text.Echo;
import dev.herald.yaml.InvalidYamlException;
import dev.herald.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
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
 *   lease_seconds: 60                # on PostgreSQL: a run whose server is silent this long is taken over by another
 * providers:
 *   email: smtp://news%40example.com:${SMTP_PASSWORD}@smtp.example.com:587?tls=starttls&amp;from=news@example.com
 *                                    # HERALD_EMAIL_URL overrides it; ${NAME} is read from the environment
 *   sms: smpp://herald:${SMPP_PASSWORD}@smsc.example.com:2775?source=Herald   # HERALD_SMS_URL overrides it
 *   webhook: webhook://?secret=${WEBHOOK_SECRET}   # signs each request (HERALD_WEBHOOK_URL overrides it)
 *   push: fcm://my-project?credentials=secrets/firebase.json apns://api.push.apple.com?team=T&amp;key_id=K&amp;key=secrets/AuthKey.p8&amp;topic=com.example.app
 *                                    # FCM, APNs or both (HERALD_PUSH_URL overrides it)
 *   bounces: imaps://bounces%40example.com:${IMAP_PASSWORD}@imap.example.com/INBOX
 *                                    # where DSNs and complaints come back (HERALD_BOUNCES_URL overrides it);
 *                                    # or smtp://0.0.0.0:2525: herald server listens for them itself
 * tracking:
 *   base_url: https://t.example.com  # where the signed unsubscribe links of messages point (default http://localhost:8080)
 *   unsubscribe_email: unsubscribe@example.com   # the mailto: form of List-Unsubscribe (none when absent)
 * time_zone: Europe/Paris            # dates in templates, for recipients without a time zone of their own (default UTC)
 * api:
 *   calls_per_second: 100            # per API key, on average (bursts of twice that pass); 0: no limit
 * compliance:                        # frequency caps, subscription topics, suppression: see {@link ComplianceRules}
 *   frequency_caps: [{max: 3, within: 7d, channels: [email, sms]}]
 * </pre>
 */
public record HeraldConfig(String store, CsvOptions csv, long maxErrors, long runRetentionDays, long runLeaseSeconds, ZoneId timeZone,
                           Map<String, String> providers, Tracking tracking, ComplianceRules compliance, long apiCallsPerSecond) {

    public static final String DEFAULT_STORE = "data/herald.duckdb";
    public static final long DEFAULT_RETENTION_DAYS = 7;
    /** How long a server driving a run may stay silent before another server sharing the store takes the run over. */
    public static final long DEFAULT_LEASE_SECONDS = 60;
    private static final Set<String> TOP = Set.of("store", "import", "runs", "time_zone", "providers", "tracking", "compliance", "api");
    private static final Set<String> API = Set.of("calls_per_second");
    /** How many calls per second each API key may make on average (bursts of twice that pass). */
    public static final long DEFAULT_API_CALLS_PER_SECOND = 100;
    private static final Set<String> TRACKING = Set.of("base_url", "unsubscribe_email");
    /** Where links back to Herald point when the workspace does not say: the local server's address. */
    public static final String DEFAULT_BASE_URL = "http://localhost:8080";

    /**
     * Links back to Herald: the base of the signed unsubscribe links every email carries in its
     * {@code List-Unsubscribe} header, and the mailbox of its {@code mailto:} form (none when null).
     */
    public record Tracking(String baseUrl, String unsubscribeEmail) {
    }
    /** The channels whose provider a workspace names, by its URL, and the mailbox bounces come back to. */
    public static final Set<String> PROVIDERS = Set.of("email", "sms", "push", "webhook", "bounces");
    private static final Set<String> RUNS = Set.of("retention_days", "lease_seconds");
    private static final Set<String> IMPORT = Set.of("date_format", "timestamp_format", "decimal_separator", "delimiter",
            "quote", "escape", "max_errors", "timezone");

    public static HeraldConfig defaults() {
        return new HeraldConfig(DEFAULT_STORE, CsvOptions.DEFAULT, ImportRequest.DEFAULT_MAX_ERRORS, DEFAULT_RETENTION_DAYS, DEFAULT_LEASE_SECONDS, ZoneOffset.UTC, Map.of(),
                new Tracking(DEFAULT_BASE_URL, null), ComplianceRules.NONE, DEFAULT_API_CALLS_PER_SECOND);
    }

    public static HeraldConfig read(Path file) {
        if (!Files.exists(file)) {
            return defaults();
        }
        JsonNode root;
        try {
            root = YamlReader.read(file, file.toString());
        } catch (InvalidYamlException e) {
            // never quoted, but a setting's text could still reach the message: the store's may hold a password
            throw new IllegalArgumentException(Passwords.mask(e.getMessage()));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        if (root.isMissingNode() || root.isNull()) {
            return defaults();
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException(file + ": the settings are a mapping (store, import, runs), e.g. 'store: data/herald.duckdb'");
        }
        check(root, "", TOP, file);
        String store = text(root, "store", "", file, "a DuckDB file path or a PostgreSQL URL");
        if (store != null && store.isBlank()) {
            throw new IllegalArgumentException(file + ": store: must not be empty — a DuckDB file path or a PostgreSQL URL");
        }
        JsonNode imp = section(root, "import", file);
        check(imp, "import.", IMPORT, file);
        CsvOptions csv = new CsvOptions(
                oneChar(imp, "delimiter", ',', file), oneChar(imp, "quote", '"', file), oneChar(imp, "escape", '"', file),
                text(imp, "date_format", "import.", file, "a strftime pattern such as \"%d/%m/%Y\""),
                text(imp, "timestamp_format", "import.", file, "a strftime pattern such as \"%d/%m/%Y %H:%M\""),
                oneChar(imp, "decimal_separator", '.', file),
                imp.hasNonNull("timezone") ? CsvOptions.zone(text(imp, "timezone", "import.", file,
                        "a time zone such as \"America/Sao_Paulo\""), file + ": import.timezone") : null);
        JsonNode runs = section(root, "runs", file);
        check(runs, "runs.", RUNS, file);
        return new HeraldConfig(store == null ? DEFAULT_STORE : store,
                csv, wholeNumber(imp, "max_errors", ImportRequest.DEFAULT_MAX_ERRORS, "import.", file),
                wholeNumber(runs, "retention_days", DEFAULT_RETENTION_DAYS, "runs.", file), lease(runs, file),
                zone(text(root, "time_zone", "", file, "a time zone such as \"Europe/Paris\""), file), providers(root, file),
                tracking(root, file), compliance(root, file), apiRate(root, file));
    }

    private static long apiRate(JsonNode root, Path file) {
        JsonNode node = section(root, "api", file);
        check(node, "api.", API, file);
        return wholeNumber(node, "calls_per_second", DEFAULT_API_CALLS_PER_SECOND, "api.", file);
    }

    private static long lease(JsonNode runs, Path file) {
        long seconds = wholeNumber(runs, "lease_seconds", DEFAULT_LEASE_SECONDS, "runs.", file);
        if (seconds < 3) {
            throw new IllegalArgumentException(file + ": runs.lease_seconds: must be 3 or more (a driver beats three times per lease), e.g. 60");
        }
        return seconds;
    }

    private static ComplianceRules compliance(JsonNode root, Path file) {
        try {
            return ComplianceRules.read(root.get("compliance"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    private static Tracking tracking(JsonNode root, Path file) {
        JsonNode node = section(root, "tracking", file);
        check(node, "tracking.", TRACKING, file);
        String base = text(node, "base_url", "tracking.", file, "the address the links of messages point to, such as \"https://t.example.com\"");
        if (base != null && !base.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
            throw new IllegalArgumentException(file + ": tracking.base_url: " + Echo.quoted(base)
                    + " is not an http(s) address without a query, such as https://t.example.com");
        }
        String mailbox = text(node, "unsubscribe_email", "tracking.", file, "a mailbox such as \"unsubscribe@example.com\"");
        if (mailbox != null && !mailbox.matches("[^@\\s?&<>]+@[^@\\s?&<>]+")) {
            throw new IllegalArgumentException(file + ": tracking.unsubscribe_email: " + Echo.quoted(mailbox) + " is not an email address");
        }
        return new Tracking(base == null ? DEFAULT_BASE_URL : base, mailbox);
    }

    /** The provider URL of each channel that names one ({@code providers: {email: smtp://…}}). */
    private static Map<String, String> providers(JsonNode root, Path file) {
        JsonNode node = section(root, "providers", file);
        check(node, "providers.", PROVIDERS, file);
        Map<String, String> providers = new java.util.TreeMap<>();
        for (String channel : PROVIDERS) {
            String url = text(node, channel, "providers.", file, "a provider URL such as " + switch (channel) {
                case "email" -> "\"smtp://smtp.example.com:587?tls=starttls&from=news@example.com\"";
                case "sms" -> "\"smpp://user:${SMPP_PASSWORD}@smsc.example.com:2775?source=Herald\"";
                case "push" -> "\"fcm://my-project?credentials=secrets/firebase.json\"";
                case "bounces" -> "\"imaps://bounces%40example.com:${IMAP_PASSWORD}@imap.example.com/INBOX\"";
                default -> "\"webhook://?secret=${WEBHOOK_SECRET}\"";
            });
            if (url != null) {
                providers.put(channel, url);
            }
        }
        return Map.copyOf(providers);
    }

    /** A section of settings ({@code import:}); an empty mapping when absent. */
    private static JsonNode section(JsonNode root, String key, Path file) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(file + ": " + key + ": must be a mapping of settings ("
                    + String.join(", ", (switch (key) {
                        case "import" -> IMPORT;
                        case "providers" -> PROVIDERS;
                        case "tracking" -> TRACKING;
                        case "api" -> API;
                        default -> RUNS;
                    }).stream().sorted().toList()) + ")");
        }
        return node;
    }

    /** A text setting, or null when absent; a number, a list or a mapping is refused. */
    private static String text(JsonNode node, String key, String prefix, Path file, String what) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(file + ": " + prefix + key + ": must be a text — " + what
                    + (v.isContainerNode() ? "" : " (write it in quotes)"));
        }
        return v.asText();
    }

    private static long wholeNumber(JsonNode node, String key, long fallback, String prefix, Path file) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        boolean digits = v.isTextual() && v.asText().strip().matches("\\d{1,18}");
        if (!digits && (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0)) {
            throw new IllegalArgumentException(file + ": " + prefix + key + ": must be a whole number, 0 or more, e.g. "
                    + fallback + (v.isValueNode() ? ", got " + Echo.quoted(v.asText()) : ""));
        }
        return digits ? Long.parseLong(v.asText().strip()) : v.asLong();
    }

    private static ZoneId zone(String name, Path file) {
        if (name == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(name);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException(file + ": time_zone: " + Echo.quoted(name)
                    + " is not a time zone; write an IANA name such as Europe/Paris");
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
        String v = text(node, key, "import.", file, "one character, e.g. \";\"");
        if (v == null) {
            return fallback;
        }
        if (v.equals("\\t")) {
            return '\t';
        }
        if (v.length() != 1) {
            throw new IllegalArgumentException(file + ": import." + key + " must be one character, got " + Echo.quoted(v));
        }
        return v.charAt(0);
    }
}
