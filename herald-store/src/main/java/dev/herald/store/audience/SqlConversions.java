package dev.herald.store.audience;

import static org.jooq.impl.DSL.inline;

import dev.herald.expr.Conversions;
import dev.herald.expr.ExprType;
import dev.herald.expr.Function;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.jooq.Field;
import dev.herald.store.Dialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The SQL of the conversions, with {@link Conversions}' rules: a value that does not convert is
 * NULL, never an error. Texts are tested against the same grammar before any cast (the databases'
 * own casts accept spaces, underscores or "inf"); PostgreSQL, which has no try_cast, reads a number
 * through its exact numeric type and checks the range before the cast that could fail.
 */
final class SqlConversions {

    /** The smallest magnitude that a double rounds up to infinity: 2^1024 - 2^970. */
    private static final BigDecimal DOUBLE_OVERFLOW = new BigDecimal(BigInteger.TWO.pow(1024).subtract(BigInteger.TWO.pow(970)));
    /** The largest magnitude that a double rounds down to zero: 2^-1075. */
    private static final BigDecimal DOUBLE_UNDERFLOW = BigDecimal.ONE.divide(new BigDecimal(BigInteger.TWO.pow(1075)));

    private final Dialect dialect;

    SqlConversions(Dialect dialect) {
        this.dialect = dialect;
    }

    Field<?> convert(Function function, Field<?> a, ExprType from) {
        return switch (function) {
            case TO_INT -> switch (from) {
                case STRING -> wholeNumber(a);
                case TIMESTAMP -> seconds(a);
                default -> truncated(a);
            };
            case TO_DOUBLE -> from == ExprType.STRING ? decimalNumber(a)
                    : DSL.field("cast({0} as double precision)", SQLDataType.DOUBLE, a);
            case TO_STRING -> DSL.field("cast({0} as varchar)", SQLDataType.VARCHAR, a);
            case TO_BOOL -> DSL.field("case when {0} in ({1}) then true when {0} in ({2}) then false end", SQLDataType.BOOLEAN, a,
                    texts(Conversions.TRUE_TEXTS), texts(Conversions.FALSE_TEXTS));
            case FROM_SECONDS -> DSL.field("case when {0} between {1} and {2} then to_timestamp({0}) end",
                    SQLDataType.TIMESTAMPWITHTIMEZONE, a, inline(Conversions.MIN_SECONDS), inline(Conversions.MAX_SECONDS));
            // the session's time zone is UTC (Store)
            case DAY -> DSL.field("cast(cast({0} as date) as timestamp with time zone)", SQLDataType.TIMESTAMPWITHTIMEZONE, a);
            default -> throw new IllegalArgumentException(function + " is no conversion");
        };
    }

    /** A number truncated toward zero (trunc works on doubles and decimals alike), NULL outside an int's range. */
    private Field<?> truncated(Field<?> a) {
        return DSL.field("case when trunc({0}) >= {1} and trunc({0}) < {2} then cast(trunc({0}) as bigint) end",
                SQLDataType.BIGINT, a, intBound(Conversions.INT_LOW), intBound(Conversions.INT_HIGH));
    }

    private static Field<BigDecimal> intBound(BigDecimal bound) {
        return DSL.val(bound, SQLDataType.DECIMAL(20, 0));
    }

    /** Seconds since 1970, rounded down (before 1970 too: -0.5 s is -1). */
    private Field<?> seconds(Field<?> a) {
        return dialect.epochSeconds(a);
    }

    private Field<?> wholeNumber(Field<?> a) {
        return dialect.textToLong(readable(a, Conversions.WHOLE_NUMBER), a, intBound(Conversions.INT_LOW), intBound(Conversions.INT_HIGH));
    }

    private Field<?> decimalNumber(Field<?> a) {
        return dialect.textToDouble(readable(a, Conversions.DECIMAL_NUMBER), a, DSL.val(DOUBLE_OVERFLOW, SQLDataType.NUMERIC),
                DSL.val(DOUBLE_UNDERFLOW, SQLDataType.NUMERIC));
    }

    /** Whether a text is short enough and matches a grammar, as a whole. */
    private Field<Boolean> readable(Field<?> a, String grammar) {
        Field<Boolean> matches = dialect.matchesWhole(a, grammar);
        return DSL.field("(length({0}) <= {1} and {2})", SQLDataType.BOOLEAN, a, inline(Conversions.MAX_NUMBER_TEXT), matches);
    }

    private static org.jooq.QueryPart texts(java.util.Set<String> values) {
        return DSL.list(values.stream().sorted().map(DSL::inline).toList());
    }
}
