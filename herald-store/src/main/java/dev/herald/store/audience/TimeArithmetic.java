package dev.herald.store.audience;

import dev.herald.expr.Expr;
import dev.herald.expr.ExprType;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Times and durations in SQL. A duration is a whole number of microseconds (a BIGINT), so that
 * durations compare, add and subtract as numbers on both databases, exactly as {@code Duration}s do
 * in memory; a time minus a time is the microseconds between them, a time plus a duration moves it.
 */
final class TimeArithmetic {

    private static final long DAY = 86_400_000_000L;

    private TimeArithmetic() {
    }

    /** {@code left op right} where one side is a time (the checker allows time ± duration, duration + time, time - time). */
    static Field<?> of(SQLDialect dialect, Expr.Operator op, ExprType leftType, Field<?> left, ExprType rightType, Field<?> right) {
        boolean duck = dialect == SQLDialect.DUCKDB;
        if (leftType == ExprType.TIMESTAMP && rightType == ExprType.TIMESTAMP) {
            return duck ? DSL.field("(epoch_us({0}) - epoch_us({1}))", SQLDataType.BIGINT, left, right)
                    // extract(epoch …) is an exact numeric
                    : DSL.field("cast((extract(epoch from {0}) - extract(epoch from {1})) * 1000000 as bigint)", SQLDataType.BIGINT, left, right);
        }
        Field<?> time = leftType == ExprType.TIMESTAMP ? left : right;
        Field<?> duration = leftType == ExprType.TIMESTAMP ? right : left;
        String sign = op == Expr.Operator.SUBTRACT ? "-" : "+";
        if (duck) {
            return DSL.field("({0} " + sign + " to_microseconds({1}))", SQLDataType.TIMESTAMPWITHTIMEZONE, time, duration);
        }
        // whole days, then the rest: interval arithmetic multiplies by a double, exact only below 2^53
        return DSL.field("({0} " + sign + " (({1} / {2}) * interval '1 day' + ({1} % {2}) * interval '1 microsecond'))",
                SQLDataType.TIMESTAMPWITHTIMEZONE, time, duration, DSL.inline(DAY));
    }
}
