package dev.herald.store.audience;

import dev.herald.expr.ExprType;
import dev.herald.expr.Function;
import java.util.List;
import org.jooq.Field;
import dev.herald.store.Dialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The SQL of each expression function, on DuckDB and PostgreSQL; arguments are already SQL. */
final class SqlFunctions {

    /** lowerAscii()/upperAscii() change A–Z only, in SQL as in memory: translate(), not lower(). */
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";

    private final Dialect dialect;

    SqlFunctions(Dialect dialect) {
        this.dialect = dialect;
    }

    Field<?> call(Function function, List<Field<?>> args, ExprType firstType) {
        Field<?> a = args.get(0);
        return switch (function) {
            case STARTS_WITH -> DSL.field("starts_with({0}, {1})", SQLDataType.BOOLEAN, a, args.get(1));
            case ENDS_WITH -> DSL.field("(right({0}, length({1})) = {1})", SQLDataType.BOOLEAN, a, args.get(1));
            case CONTAINS -> DSL.field("(strpos({0}, {1}) > 0)", SQLDataType.BOOLEAN, a, args.get(1));
            case MATCHES -> dialect.containsMatch(a, args.get(1));
            case LOWER_ASCII -> DSL.field("translate({0}, {1}, {2})", SQLDataType.VARCHAR, a,
                    DSL.inline(UPPER), DSL.inline(LOWER));
            case UPPER_ASCII -> DSL.field("translate({0}, {1}, {2})", SQLDataType.VARCHAR, a,
                    DSL.inline(LOWER), DSL.inline(UPPER));
            case SIZE -> dialect.length(a);
            case YEAR -> part("year", args, 0);
            case MONTH -> part("month", args, -1);
            case DAY_OF_MONTH -> part("day", args, 0);
            case DAY_OF_WEEK -> part("dow", args, 0);
            case DAY_OF_YEAR -> part("doy", args, -1);
            case HOURS -> part("hour", args, 0);
            case MINUTES -> part("minute", args, 0);
            case TO_INT, TO_DOUBLE, TO_STRING, TO_BOOL, FROM_SECONDS, DAY -> new SqlConversions(dialect).convert(function, a, firstType);
            // a duration is a number of microseconds; integer division truncates toward zero on both
            case TOTAL_HOURS -> micros(a, 3_600_000_000L);
            case TOTAL_MINUTES -> micros(a, 60_000_000L);
            case TOTAL_SECONDS -> micros(a, 1_000_000L);
            case TOTAL_MILLISECONDS -> micros(a, 1_000L);
            case DAYS_AGO, HOURS_AGO, TIMESTAMP, DURATION, DATE ->
                    throw new IllegalStateException(function + " takes constants and is computed before the query");
        };
    }

    private Field<?> micros(Field<?> duration, long unit) {
        return DSL.field("({0} {1} {2})", SQLDataType.BIGINT, duration, dialect.integerDivision(), DSL.inline(unit));
    }

    /** A date part in a time zone (UTC unless given); {@code shift} adapts CEL's zero-based month and day of year. */
    private static Field<?> part(String part, List<Field<?>> args, int shift) {
        Field<?> zone = args.size() > 1 ? args.get(1) : DSL.inline("UTC");
        return DSL.field("(cast(extract(" + part + " from ({0} at time zone {1})) as bigint) + {2})", SQLDataType.BIGINT,
                args.get(0), zone, DSL.inline(shift));
    }
}
