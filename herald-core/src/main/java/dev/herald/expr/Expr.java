package dev.herald.expr;

import dev.herald.schema.Entity;
import dev.herald.schema.Field;
import dev.herald.schema.Link;
import java.util.List;

/**
 * A checked expression, ready for either interpreter: {@code SqlExpressions} compiles it to SQL
 * for sets, {@link Evaluator} evaluates it on one record. Both follow the same three-valued logic:
 * a missing value is unknown (null), comparisons and arithmetic with unknown are unknown,
 * {@code &&} and {@code ||} follow Kleene logic, and a row matches only when the whole expression is
 * true.
 */
public sealed interface Expr {

    ExprType type();

    /** A constant: Long, Double, String, Boolean, Instant, Duration, or null. */
    record Literal(Object value, ExprType type) implements Expr {
    }

    /**
     * A field reached from a row in scope ({@code profile}, or a macro variable such as {@code p})
     * through zero or more many-to-one links ({@code p.product.category}).
     */
    record FieldRef(String scope, Entity scopeEntity, List<Link> hops, Entity entity, Field field, ExprType type)
            implements Expr {
    }

    /** A campaign variable, {@code vars.name}: its type is that of the value given at run time. */
    record Variable(String name) implements Expr {
        public ExprType type() {
            return ExprType.DYN;
        }
    }

    /** The instant the expression is evaluated at, the same for every row of a set. */
    record Now() implements Expr {
        public ExprType type() {
            return ExprType.TIMESTAMP;
        }
    }

    record Not(Expr operand) implements Expr {
        public ExprType type() {
            return ExprType.BOOL;
        }
    }

    record Negate(Expr operand, ExprType type) implements Expr {
    }

    record And(Expr left, Expr right) implements Expr {
        public ExprType type() {
            return ExprType.BOOL;
        }
    }

    record Or(Expr left, Expr right) implements Expr {
        public ExprType type() {
            return ExprType.BOOL;
        }
    }

    enum Comparison { EQ, NE, LT, LE, GT, GE }

    record Compare(Comparison op, Expr left, Expr right) implements Expr {
        public ExprType type() {
            return ExprType.BOOL;
        }
    }

    enum Operator { ADD, SUBTRACT, MULTIPLY, DIVIDE, MODULO }

    record Arithmetic(Operator op, Expr left, Expr right, ExprType type) implements Expr {
    }

    /** {@code x in [a, b, c]}. */
    record In(Expr value, List<Expr> items) implements Expr {
        public ExprType type() {
            return ExprType.BOOL;
        }
    }

    /** {@code c ? a : b}; an unknown condition takes the second branch, as SQL's CASE does. */
    record Conditional(Expr condition, Expr whenTrue, Expr whenFalse, ExprType type) implements Expr {
    }

    /** {@code has(profile.phone)}: true when the field has a value; never unknown. */
    record Has(FieldRef field) implements Expr {
        public ExprType type() {
            return ExprType.BOOL;
        }
    }

    /** A function on values: string tests, date parts, conversions. */
    record Call(Function function, List<Expr> args, ExprType type) implements Expr {
    }

    /** The rows of a one-to-many link, optionally narrowed by {@code filter} macros. */
    record Rows(String scope, Entity scopeEntity, List<Link> hops, Link link, Entity entity, List<Filter> filters) {
    }

    /** {@code .filter(var, condition)}. */
    record Filter(String variable, Expr condition) {
    }

    enum Quantifier { EXISTS, ALL, EXISTS_ONE }

    /** {@code rows.exists(p, …)}, {@code rows.all(p, …)}, {@code rows.exists_one(p, …)}: true or false, never unknown. */
    record Quantified(Quantifier quantifier, Rows rows, String variable, Expr condition) implements Expr {
        public ExprType type() {
            return ExprType.BOOL;
        }
    }

    enum Aggregation { COUNT, SUM, AVG, MIN, MAX }

    /**
     * {@code size(rows)}, or {@code rows.map(p, value).sum()} and avg/min/max. Unknown values are
     * skipped; the sum and the count of no rows are 0, the others unknown.
     */
    record Aggregate(Aggregation aggregation, Rows rows, String variable, Expr value, ExprType type) implements Expr {
    }
}
