package dev.herald.store.audience;

import dev.herald.expr.Expr;
import dev.herald.expr.ExprType;
import dev.herald.store.Dialect;
import org.jooq.Field;

/**
 * Times and durations in SQL. A duration is a whole number of microseconds (a BIGINT), so that
 * durations compare, add and subtract as numbers on both databases, exactly as {@code Duration}s do
 * in memory; a time minus a time is the microseconds between them, a time plus a duration moves it.
 */
final class TimeArithmetic {

    private TimeArithmetic() {
    }

    /** {@code left op right} where one side is a time (the checker allows time ± duration, duration + time, time - time). */
    static Field<?> of(Dialect dialect, Expr.Operator op, ExprType leftType, Field<?> left, ExprType rightType, Field<?> right) {
        if (leftType == ExprType.TIMESTAMP && rightType == ExprType.TIMESTAMP) {
            return dialect.microsBetween(left, right);
        }
        Field<?> time = leftType == ExprType.TIMESTAMP ? left : right;
        Field<?> duration = leftType == ExprType.TIMESTAMP ? right : left;
        String sign = op == Expr.Operator.SUBTRACT ? "-" : "+";
        return dialect.shift(time, sign, duration);
    }
}
