package dev.herald.store.load;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.when;

import dev.herald.load.ValueConverter;
import dev.herald.schema.FieldType;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * {@link ValueConverter}'s rules as DuckDB SQL over a value read as text: whether it is valid,
 * the typed value, and the reason it is not — the same reasons, word for word. DuckDB's own
 * reader is not trusted with typed columns: it rounds {@code 51.5} into an integer, and turns a
 * timestamp it cannot parse into NULL without a word. Dates and times are ISO and UTC here;
 * other layouts and time zones go through Herald's reader.
 */
final class DuckDbValues {

    private final FieldType type;
    private final String separator;

    DuckDbValues(FieldType type, char decimalSeparator) {
        this.type = type;
        this.separator = String.valueOf(decimalSeparator);
    }

    /** Whether DuckDB's reader types the column itself (its parse of JSON is exact), instead of reading text. */
    static boolean readerTypes(FieldType type) {
        return type.kind() == FieldType.Kind.JSON;
    }

    /** Whether {@code raw} holds the character 0, which PostgreSQL cannot keep, so no store is given it. */
    private static Condition hasNul(Field<String> raw) {
        return DSL.condition("strpos({0}, chr(0)) > 0", raw);
    }

    /** The value without the spaces and tabs around it. */
    private static Field<String> strip(Field<String> raw) {
        return field("trim({0}, {1})", String.class, raw, inline(ValueConverter.BLANKS));
    }

    private static Condition matches(Field<String> text, String pattern) {
        return DSL.condition("regexp_full_match({0}, {1})", text, inline(pattern));
    }

    private static Field<Integer> length(Field<String> text) {
        return field("length({0})", Integer.class, text);
    }

    private Field<Object> tryCast(Field<String> text, String sqlType) {
        return field("TRY_CAST({0} AS " + sqlType + ")", Object.class, text);
    }

    private String pattern(String withSeparator) {
        return withSeparator.replace("SEP", "[" + separator + "]");
    }

    /**
     * A first, cheap attempt at the typed value of {@code raw}, computed once per row beside it;
     * it is the value when {@link #exact} says so.
     */
    Field<Object> attempt(Field<String> raw) {
        return switch (type.kind()) {
            case STRING, JSON -> raw.coerce(Object.class);
            case INT -> tryCast(raw, "INTEGER");
            case LONG -> tryCast(raw, "BIGINT");
            case DECIMAL -> tryCast(raw, "DECIMAL(" + type.precision() + "," + type.scale() + ")");
            case DOUBLE -> tryCast(raw, "DOUBLE");
            case BOOLEAN -> tryCast(raw, "BOOLEAN");
            case DATE -> tryCast(raw, "DATE");
            case TIMESTAMP -> tryCast(raw, "TIMESTAMPTZ");
        };
    }

    /**
     * Whether {@code raw} is plainly written — digits and the few characters its type needs, in
     * the usual places, what most values of a big file are — and its {@link #attempt} succeeded:
     * then it is valid and the attempt is its value, with no pattern to match. The checks are
     * character-set trims and fixed-position tests, a fraction of a pattern's cost.
     */
    Condition exact(Field<String> raw, Field<Object> attempt) {
        Condition same = switch (type.kind()) {
            case STRING, JSON -> hasNul(raw).not();
            case INT, LONG -> only(raw, "0123456789-").and(attempt.isNotNull());
            // the cast reads '.' decimals only, and would round decimals beyond the scale
            case DECIMAL -> separator.equals(".") ? only(raw, "0123456789-.").and(attempt.isNotNull())
                    .and(DSL.position(raw, inline(".")).eq(inline(0))
                            .or(length(raw).minus(DSL.position(raw, inline("."))).le(inline(type.scale()))))
                    : DSL.falseCondition();
            // no exponent: only hundreds of digits could overflow, and zeros alone make zero
            case DOUBLE -> separator.equals(".") ? only(raw, "0123456789-.").and(DSL.condition("isfinite({0})", attempt))
                    .and(DSL.condition("{0} <> 0", attempt).or(only(raw, "0-."))) : DSL.falseCondition();
            case BOOLEAN -> raw.in(inline("true"), inline("false"));
            case DATE -> raw.like(inline("____-__-__")).and(only(raw, "0123456789-"))
                    .and(DSL.condition("{0} >= DATE '0001-01-01'", attempt));
            case TIMESTAMP -> raw.like(inline("____-__-__T__:__:__Z")).and(only(raw, "0123456789-:TZ"))
                    .and(DSL.substring(raw, 12, 2).lt(inline("24"))).and(inYears(attempt));
        };
        return DSL.condition(DSL.coalesce(DSL.field(same), DSL.inline(false)));
    }

    /** Whether {@code raw} holds none but these characters. */
    private static Condition only(Field<String> raw, String characters) {
        return field("ltrim({0}, {1})", String.class, raw, inline(characters)).eq(inline(""));
    }

    /** The typed value of {@code raw}: its attempt when exact, else by the rules; {@code otherwise} when it is not valid. */
    Field<Object> checked(Field<String> raw, Field<Object> attempt, Field<Object> otherwise) {
        return when(raw.isNull(), DSL.inline((Object) null)).when(exact(raw, attempt), attempt).when(valid(raw), value(raw))
                .otherwise(otherwise);
    }

    /** Whether a non-null {@code raw} that is not exact is still invalid. */
    Condition invalid(Field<String> raw, Field<Object> attempt) {
        return raw.isNotNull().and(exact(raw, attempt).not()).and(valid(raw).not());
    }

    /** Whether a non-null {@code raw} is valid for the type: true or false, never NULL. */
    Condition valid(Field<String> raw) {
        return DSL.condition(DSL.coalesce(DSL.field(hasNul(raw).not().and(validOrNull(raw))), DSL.inline(false)));
    }

    private Condition validOrNull(Field<String> raw) {
        Field<String> s = strip(raw);
        return switch (type.kind()) {
            case STRING, JSON -> DSL.trueCondition();
            case INT -> matches(s, ValueConverter.INTEGER_PATTERN).and(tryCast(s, "INTEGER").isNotNull());
            case LONG -> matches(s, ValueConverter.INTEGER_PATTERN).and(tryCast(s, "BIGINT").isNotNull());
            case DECIMAL -> decimalSyntax(s).and(decimals(s).le(inline(type.scale())))
                    .and(wholeDigits(s).le(inline(type.precision() - type.scale())));
            case DOUBLE -> realWord(s).or(matches(s, pattern(ValueConverter.REAL_PATTERN)).and(realInRange(s)));
            case BOOLEAN -> DSL.lower(s).in(words(ValueConverter.TRUE_WORDS)).or(DSL.lower(s).in(words(ValueConverter.FALSE_WORDS)));
            case DATE -> isoDate(s).and(tryCast(s, "DATE").isNotNull());
            case TIMESTAMP -> isoTimestamp(s).and(inYears(tryCast(withSeconds(s), "TIMESTAMPTZ")))
                    .and(length(fraction(s)).le(inline(ValueConverter.SECOND_DECIMALS)));
        };
    }

    /** The typed value of a valid {@code raw}. */
    Field<Object> value(Field<String> raw) {
        Field<String> s = strip(raw);
        return switch (type.kind()) {
            case STRING, JSON -> raw.coerce(Object.class);
            case INT -> tryCast(s, "INTEGER");
            case LONG -> tryCast(s, "BIGINT");
            case DECIMAL -> tryCast(separator.equals(".") ? s : DSL.replace(s, inline(separator), inline(".")),
                    "DECIMAL(" + type.precision() + "," + type.scale() + ")");
            case DOUBLE -> when(realWord(s), tryCast(DSL.lower(DSL.replace(s, inline("+"), inline(""))), "DOUBLE"))
                    .otherwise(real(s));
            case BOOLEAN -> DSL.field(DSL.lower(s).in(words(ValueConverter.TRUE_WORDS))).coerce(Object.class);
            case DATE -> tryCast(s, "DATE");
            case TIMESTAMP -> tryCast(withSeconds(s), "TIMESTAMPTZ");
        };
    }

    /** Why a non-null, invalid {@code raw} is rejected, as {@link ValueConverter} says it. */
    Field<String> reason(Field<String> raw) {
        return when(hasNul(raw), inline(ValueConverter.NUL)).otherwise(reasonWithoutNul(raw));
    }

    private Field<String> reasonWithoutNul(Field<String> raw) {
        Field<String> s = strip(raw);
        Field<String> notValid = DSL.concat(inline("not a valid " + type.spelling() + ": \""), abbreviate(raw), inline("\""));
        return switch (type.kind()) {
            case STRING, JSON, BOOLEAN, DATE -> notValid;
            case INT -> when(matches(s, ValueConverter.INTEGER_PATTERN).not(), notValid)
                    .otherwise(outOfRange(raw, Integer.MIN_VALUE, Integer.MAX_VALUE));
            case LONG -> when(matches(s, ValueConverter.INTEGER_PATTERN).not(), notValid)
                    .otherwise(outOfRange(raw, Long.MIN_VALUE, Long.MAX_VALUE));
            case DECIMAL -> when(decimalSyntax(s).not(), notValid)
                    .when(decimals(s).gt(inline(type.scale())), DSL.concat(abbreviate(s),
                            inline(" has more than " + ValueConverter.decimalsWord(type.scale()) + " for " + type.spelling())))
                    .otherwise(DSL.concat(abbreviate(s), inline(" has more than " + (type.precision() - type.scale())
                            + " digits before the decimal point for " + type.spelling())));
            case DOUBLE -> when(matches(s, pattern(ValueConverter.REAL_PATTERN)).not(), notValid)
                    .otherwise(DSL.concat(inline("out of range for double: \""), abbreviate(raw), inline("\"")));
            case TIMESTAMP -> when(isoTimestamp(s).and(tryCast(withSeconds(s), "TIMESTAMPTZ").isNotNull())
                            .and(length(fraction(s)).gt(inline(ValueConverter.SECOND_DECIMALS))),
                    DSL.concat(abbreviate(s), inline(" has more than " + ValueConverter.SECOND_DECIMALS + " decimals of a second")))
                    .otherwise(notValid);
        };
    }

    private Field<String> outOfRange(Field<String> raw, long min, long max) {
        return DSL.concat(inline("out of range for " + type.spelling() + " (" + min + " to " + max + "): \""), abbreviate(raw),
                inline("\""));
    }

    /** At most 60 characters, as {@link ValueConverter#abbreviate} cuts them. */
    private static Field<String> abbreviate(Field<String> text) {
        return when(length(text).gt(inline(60)), DSL.concat(DSL.left(text, inline(57)), inline("..."))).otherwise(text);
    }

    private static List<Field<String>> words(List<String> words) {
        return words.stream().<Field<String>>map(DSL::inline).toList();
    }

    private Condition decimalSyntax(Field<String> s) {
        return matches(s, pattern(ValueConverter.DECIMAL_PATTERN));
    }

    private Field<String> unsigned(Field<String> s) {
        return DSL.field("ltrim({0}, '+-')", String.class, s);
    }

    /** Decimals after the separator, trailing zeros aside. */
    private Field<Integer> decimals(Field<String> s) {
        return length(field("rtrim(split_part({0}, {1}, 2), '0')", String.class, unsigned(s), inline(separator)));
    }

    /** Digits before the separator, leading zeros aside. */
    private Field<Integer> wholeDigits(Field<String> s) {
        return length(field("ltrim(split_part({0}, {1}, 1), '0')", String.class, unsigned(s), inline(separator)));
    }

    private static Condition realWord(Field<String> s) {
        return DSL.lower(s).in(words(ValueConverter.REAL_WORDS));
    }

    private Field<Object> real(Field<String> s) {
        return tryCast(separator.equals(".") ? s : DSL.replace(s, inline(separator), inline(".")), "DOUBLE");
    }

    /** Not beyond a double's range: neither infinite nor zero from digits that are not all zeros. */
    private Condition realInRange(Field<String> s) {
        Field<Object> d = real(s);
        Field<String> mantissa = field("regexp_replace({0}, '[eE].*', '')", String.class, s);
        return DSL.condition("isfinite({0})", d)
                .and(DSL.condition("{0} <> 0", d).or(DSL.condition("NOT regexp_matches({0}, '[1-9]')", mantissa)));
    }

    private static Condition isoDate(Field<String> s) {
        return matches(s, ValueConverter.DATE_PATTERN).and(DSL.left(s, inline(4)).ne(inline("0000")));
    }

    private static Condition isoTimestamp(Field<String> s) {
        return matches(s, ValueConverter.TIMESTAMP_PATTERN).and(DSL.left(s, inline(4)).ne(inline("0000")));
    }

    /** An instant in UTC years 1 to 9999, as both stores hold them. */
    private static Condition inYears(Field<Object> instant) {
        return DSL.condition("{0} BETWEEN TIMESTAMPTZ '0001-01-01 00:00:00+00' AND TIMESTAMPTZ '9999-12-31 23:59:59.999999+00'",
                instant);
    }

    /** An ISO timestamp with its seconds: DuckDB does not read {@code 10:00+02:00} without them. */
    private static Field<String> withSeconds(Field<String> s) {
        return when(length(s).gt(inline(10)).and(DSL.substring(s, 17, 1).ne(inline(":"))),
                DSL.concat(DSL.left(s, inline(16)), inline(":00"), DSL.substring(s, 17))).otherwise(s);
    }

    /** The fraction of a second, trailing zeros aside. */
    private static Field<String> fraction(Field<String> s) {
        return field("rtrim(regexp_extract({0}, '[.]([0-9]+)', 1), '0')", String.class, s);
    }

    static Field<String> text(String column) {
        return field(DSL.name(column), SQLDataType.VARCHAR);
    }
}
