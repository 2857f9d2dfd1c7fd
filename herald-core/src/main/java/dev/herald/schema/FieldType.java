package dev.herald.schema;

import dev.herald.text.Echo;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type of an entity field, as written in {@code schema.yaml}.
 *
 * <p>{@code decimal} carries its precision and scale ({@code decimal(12,2)}); every other kind is
 * a plain word. Timestamps always carry a time zone.
 */
public record FieldType(Kind kind, int precision, int scale) {

    /** The kinds of values a field can hold. */
    public enum Kind {
        STRING("string"), INT("int"), LONG("long"), DECIMAL("decimal"), DOUBLE("double"),
        BOOLEAN("boolean"), DATE("date"), TIMESTAMP("timestamp"), JSON("json");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public static final String SPELLINGS =
            "string, int, long, decimal(precision,scale), double, boolean, date, timestamp, json";

    private static final Pattern DECIMAL = Pattern.compile("decimal\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");

    /** Names other systems use for Herald's types, to point users at the right word. */
    private static final java.util.Map<String, String> SYNONYMS = java.util.Map.ofEntries(
            java.util.Map.entry("integer", "int"), java.util.Map.entry("int4", "int"), java.util.Map.entry("smallint", "int"),
            java.util.Map.entry("bigint", "long"), java.util.Map.entry("int8", "long"),
            java.util.Map.entry("varchar", "string"), java.util.Map.entry("text", "string"), java.util.Map.entry("char", "string"),
            java.util.Map.entry("bool", "boolean"), java.util.Map.entry("float", "double"), java.util.Map.entry("real", "double"),
            java.util.Map.entry("numeric", "decimal(12,2)"), java.util.Map.entry("number", "decimal(12,2)"),
            java.util.Map.entry("datetime", "timestamp"), java.util.Map.entry("timestamptz", "timestamp"),
            java.util.Map.entry("jsonb", "json"));

    public static FieldType of(Kind kind) {
        return new FieldType(kind, 0, 0);
    }

    public static FieldType decimal(int precision, int scale) {
        return new FieldType(Kind.DECIMAL, precision, scale);
    }

    /**
     * Parses a type as written in the schema.
     *
     * @throws IllegalArgumentException with a message for the user when the spelling is unknown
     */
    public static FieldType parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = DECIMAL.matcher(t);
        if (m.matches()) {
            int precision = Integer.parseInt(m.group(1));
            int scale = Integer.parseInt(m.group(2));
            if (precision < 1 || precision > 38) {
                throw new IllegalArgumentException("decimal precision must be between 1 and 38, got " + precision);
            }
            if (scale > precision) {
                throw new IllegalArgumentException("decimal scale " + scale + " is larger than its precision " + precision);
            }
            return decimal(precision, scale);
        }
        if (t.equals("decimal")) {
            throw new IllegalArgumentException("decimal needs a precision and a scale, e.g. decimal(12,2)");
        }
        for (Kind kind : Kind.values()) {
            if (kind.word.equals(t)) {
                return of(kind);
            }
        }
        String synonym = SYNONYMS.get(t.replaceAll("\\(.*", ""));
        String hint = synonym != null ? " — did you mean " + Echo.quoted(synonym) + "?" : DidYouMean.hint(t, kindWords());
        throw new IllegalArgumentException("unknown type " + Echo.quoted(text) + hint + " (types: " + SPELLINGS + ")");
    }

    private static java.util.List<String> kindWords() {
        return java.util.Arrays.stream(Kind.values()).map(Kind::word).toList();
    }

    /** The spelling used in schema.yaml; {@code parse(spelling())} gives this type back. */
    public String spelling() {
        return kind == Kind.DECIMAL ? "decimal(" + precision + "," + scale + ")" : kind.word;
    }

    @Override
    public String toString() {
        return spelling();
    }
}
