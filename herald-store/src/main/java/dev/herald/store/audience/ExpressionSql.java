package dev.herald.store.audience;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.expr.CheckedExpression;
import dev.herald.expr.Constants;
import dev.herald.expr.Evaluator;
import dev.herald.expr.Expr;
import dev.herald.expr.ExprType;
import dev.herald.schema.Entity;
import dev.herald.schema.FieldType;
import dev.herald.schema.Link;
import dev.herald.schema.Schema;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Compiles a checked expression to a jOOQ condition on the dimension's table: links become
 * correlated {@code EXISTS} and aggregate subqueries, constants (now, vars, literals) become bind
 * parameters, and identifiers come only from the schema. SQL's NULL logic is the three-valued
 * logic the in-memory {@link Evaluator} follows.
 */
public final class ExpressionSql {

    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";

    private final Schema schema;
    private final SQLDialect dialect;
    private final Evaluator constants;
    private int aliases;

    public ExpressionSql(Schema schema, SQLDialect dialect, Map<String, Object> variables, Instant now) {
        this.schema = schema;
        this.dialect = dialect;
        this.constants = new Evaluator(variables, now);
    }

    /** The alias of the dimension's table in the condition. */
    public static final String ROOT = "d";

    /** The condition, on the dimension's table aliased {@value #ROOT}. */
    public Condition condition(CheckedExpression expression) {
        Map<String, Table<?>> scope = new HashMap<>();
        scope.put(expression.dimension().name(), table(name(expression.dimension().name())).as(ROOT));
        return condition(expression.root(), scope);
    }

    public Table<?> root(Entity dimension) {
        return table(name(dimension.name())).as(ROOT);
    }

    private Condition condition(Expr e, Map<String, Table<?>> scope) {
        return switch (e) {
            case Expr.And a -> condition(a.left(), scope).and(condition(a.right(), scope));
            case Expr.Or o -> condition(o.left(), scope).or(condition(o.right(), scope));
            case Expr.Not n -> DSL.not(condition(n.operand(), scope));
            case Expr.Compare c -> compare(c, scope);
            case Expr.Has h -> value(h.field(), scope).isNotNull();
            case Expr.In i -> value(i.value(), scope).in(i.items().stream().map(x -> value(x, scope)).toList());
            case Expr.Quantified q -> quantified(q, scope);
            default -> DSL.condition(bool(value(e, scope)));
        };
    }

    @SuppressWarnings("unchecked")
    private static Field<Boolean> bool(Field<?> f) {
        return (Field<Boolean>) f;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Condition compare(Expr.Compare c, Map<String, Table<?>> scope) {
        boolean presence = c.op() == Expr.Comparison.EQ || c.op() == Expr.Comparison.NE;
        if (presence && isNull(c.right())) {
            Field<?> f = value(c.left(), scope);
            return c.op() == Expr.Comparison.EQ ? f.isNull() : f.isNotNull();
        }
        if (presence && isNull(c.left())) {
            Field<?> f = value(c.right(), scope);
            return c.op() == Expr.Comparison.EQ ? f.isNull() : f.isNotNull();
        }
        Field l = value(c.left(), scope);
        Field r = value(c.right(), scope);
        return switch (c.op()) {
            case EQ -> l.eq(r);
            case NE -> l.ne(r);
            case LT -> l.lt(r);
            case LE -> l.le(r);
            case GT -> l.gt(r);
            case GE -> l.ge(r);
        };
    }

    private static boolean isNull(Expr e) {
        return e instanceof Expr.Literal l && l.value() == null;
    }

    /** A value: constants are computed once and bound; the rest is SQL. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Field<?> value(Expr e, Map<String, Table<?>> scope) {
        if (Constants.isConstant(e)) {
            return bind(constants.constant(e), e.type());
        }
        return switch (e) {
            case Expr.FieldRef f -> fieldRef(f, scope);
            case Expr.Negate n -> ((Field) value(n.operand(), scope)).neg();
            case Expr.Arithmetic a -> arithmetic(a, scope);
            case Expr.Conditional c -> DSL.when(condition(c.condition(), scope), (Field) value(c.whenTrue(), scope))
                    .otherwise((Field) value(c.whenFalse(), scope));
            case Expr.Call c -> new SqlFunctions(dialect).call(c.function(),
                    c.args().stream().<Field<?>>map(a -> value(a, scope)).toList(), c.args().get(0).type());
            case Expr.Aggregate a -> aggregate(a, scope);
            case Expr.And a -> DSL.field(condition(a, scope));
            case Expr.Or o -> DSL.field(condition(o, scope));
            case Expr.Not n -> DSL.field(condition(n, scope));
            case Expr.Compare c -> DSL.field(condition(c, scope));
            case Expr.Has h -> DSL.field(condition(h, scope));
            case Expr.In i -> DSL.field(condition(i, scope));
            case Expr.Quantified q -> DSL.field(condition(q, scope));
            case Expr.Literal l -> bind(l.value(), l.type());
            case Expr.Now n -> bind(constants.constant(n), ExprType.TIMESTAMP);
            case Expr.Variable v -> bind(constants.constant(v), ExprType.DYN);
        };
    }

    private static Field<?> bind(Object v, ExprType type) {
        return switch (v) {
            case null -> DSL.inline((Object) null);
            case Instant t -> DSL.val(OffsetDateTime.ofInstant(t, ZoneOffset.UTC), SQLDataType.TIMESTAMPWITHTIMEZONE);
            case Duration d -> throw new IllegalArgumentException("a duration cannot be compared with a stored value; add it to a time");
            case Long l -> DSL.val(l, SQLDataType.BIGINT);
            case Double d -> DSL.val(d, SQLDataType.DOUBLE);
            case BigDecimal d -> DSL.val(d.doubleValue(), SQLDataType.DOUBLE);
            case Boolean b -> DSL.val(b, SQLDataType.BOOLEAN);
            case String s -> DSL.val(s, SQLDataType.VARCHAR);
            default -> DSL.val(v);
        };
    }

    /** A field of a row in scope, reached through many-to-one links as nested scalar subqueries. */
    private Field<?> fieldRef(Expr.FieldRef f, Map<String, Table<?>> scope) {
        Field<?> column = at(scope.get(f.scope()), f.scopeEntity(), f.hops(), f.field().name());
        return f.field().type().kind() == FieldType.Kind.DATE ? column.cast(SQLDataType.TIMESTAMPWITHTIMEZONE) : column;
    }

    private Field<?> at(Table<?> table, Entity entity, List<Link> hops, String fieldName) {
        if (hops.isEmpty()) {
            return field(name(table.getName(), fieldName));
        }
        Link first = hops.get(0);
        Entity target = schema.entities().get(first.target());
        Table<?> next = table(name(target.name())).as(alias());
        Field<?> inner = at(next, target, hops.subList(1, hops.size()), fieldName);
        return DSL.field(DSL.select(inner).from(next).where(field(name(next.getName(), target.key().get(0)))
                .eq(field(name(table.getName(), first.field())))));
    }

    /** The rows of a one-to-many link (and its filters), as a FROM … WHERE over a fresh alias. */
    private record RowsQuery(Table<?> table, Condition where, Map<String, Table<?>> scope) {
    }

    private RowsQuery rows(Expr.Rows rows, Map<String, Table<?>> scope) {
        Table<?> owner = scope.get(rows.scope());
        Entity ownerEntity = rows.hops().isEmpty() ? rows.scopeEntity() : schema.entities().get(rows.hops().get(rows.hops().size() - 1).target());
        Field<?> ownerKey = at(owner, rows.scopeEntity(), rows.hops(), ownerEntity.key().get(0));
        Table<?> t = table(name(rows.entity().name())).as(alias());
        Link back = rows.entity().links().get(rows.link().inverse());
        @SuppressWarnings({"unchecked", "rawtypes"})
        Condition where = ((Field) field(name(t.getName(), back.field()))).eq(ownerKey);
        Map<String, Table<?>> inner = new HashMap<>(scope);
        for (Expr.Filter filter : rows.filters()) {
            inner.put(filter.variable(), t);
            where = where.and(condition(filter.condition(), inner));
        }
        return new RowsQuery(t, where, inner);
    }

    private Condition quantified(Expr.Quantified q, Map<String, Table<?>> scope) {
        RowsQuery rows = rows(q.rows(), scope);
        Map<String, Table<?>> inner = new HashMap<>(rows.scope());
        inner.put(q.variable(), rows.table());
        Condition c = condition(q.condition(), inner);
        return switch (q.quantifier()) {
            case EXISTS -> DSL.exists(DSL.selectOne().from(rows.table()).where(rows.where()).and(c));
            case ALL -> DSL.notExists(DSL.selectOne().from(rows.table()).where(rows.where())
                    .and(DSL.condition("({0}) IS NOT TRUE", c)));
            case EXISTS_ONE -> DSL.field(DSL.selectCount().from(rows.table()).where(rows.where()).and(c)).eq(1);
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Field<?> aggregate(Expr.Aggregate a, Map<String, Table<?>> scope) {
        RowsQuery rows = rows(a.rows(), scope);
        if (a.aggregation() == Expr.Aggregation.COUNT) {
            return DSL.field(DSL.selectCount().from(rows.table()).where(rows.where()));
        }
        Map<String, Table<?>> inner = new HashMap<>(rows.scope());
        inner.put(a.variable(), rows.table());
        Field v = value(a.value(), inner);
        Field<?> agg = switch (a.aggregation()) {
            case SUM -> DSL.coalesce(DSL.sum(v), DSL.inline(0));
            case AVG -> DSL.avg(v);
            case MIN -> DSL.min(v);
            case MAX -> DSL.max(v);
            case COUNT -> throw new IllegalStateException();
        };
        return DSL.field(DSL.select(agg).from(rows.table()).where(rows.where()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Field<?> arithmetic(Expr.Arithmetic a, Map<String, Table<?>> scope) {
        Field l = value(a.left(), scope);
        Field r = value(a.right(), scope);
        if (a.type() == ExprType.STRING) {
            return DSL.concat(l, r);
        }
        boolean integers = a.left().type() == ExprType.INT && a.right().type() == ExprType.INT;
        return switch (a.op()) {
            case ADD -> l.plus(r);
            case SUBTRACT -> l.minus(r);
            case MULTIPLY -> l.times(r);
            case DIVIDE -> integers
                    ? DSL.field("({0} {2} nullif({1}, 0))", SQLDataType.BIGINT, l, r,
                    DSL.keyword(dialect == SQLDialect.DUCKDB ? "//" : "/"))
                    : DSL.field("(cast({0} as double precision) / nullif(cast({1} as double precision), 0))", SQLDataType.DOUBLE, l, r);
            case MODULO -> DSL.field("({0} % nullif({1}, 0))", SQLDataType.BIGINT, l, r);
        };
    }

    private String alias() {
        return "x" + (++aliases);
    }

    static String upper() {
        return UPPER;
    }

    static String lower() {
        return LOWER;
    }
}
