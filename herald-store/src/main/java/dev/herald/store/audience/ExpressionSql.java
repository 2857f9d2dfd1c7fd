package dev.herald.store.audience;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.delivery.MessageLog;
import dev.herald.expr.CheckedExpression;
import dev.herald.expr.Constants;
import dev.herald.expr.Evaluator;
import dev.herald.expr.Expr;
import dev.herald.expr.ExprType;
import dev.herald.expr.Scopes;
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
import dev.herald.store.Dialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Compiles a checked expression to a jOOQ condition or value on the dimension's table: links become
 * correlated {@code EXISTS} and aggregate subqueries, constants (now, vars, literals) become bind
 * parameters, and identifiers come only from the schema. SQL's NULL logic is the three-valued
 * logic the in-memory {@link Evaluator} follows.
 *
 * <p>{@link #compile} selects from the dimension's table; {@link #over} builds one SELECT over a
 * worktable in which several expressions (a split's filters, an enrichment's columns) share their
 * joins, and aggregates over the same link are computed in one grouped pass.
 */
public final class ExpressionSql {

    private final Schema schema;
    private final Dialect dialect;
    private final Evaluator constants;
    private int aliases;

    public ExpressionSql(Schema schema, Dialect dialect, Map<String, Object> variables, Instant now) {
        this.schema = MessageLog.withMessages(schema);
        this.dialect = dialect;
        this.constants = new Evaluator(variables, now);
    }

    /** The alias of the dimension's table in the query. */
    public static final String ROOT = "d";
    /** The alias of the worktable in a query {@link #over} it. */
    public static final String TARGET = "t";

    /** The FROM (the dimension's table aliased {@value #ROOT}, with any joins) and the WHERE of an expression. */
    public record Compiled(Table<?> from, Condition where) {
    }

    /** Whether aggregates at the top level are computed for every key at once (else per record). */
    private boolean groupAggregates = true;

    /** A left join a condition asked for. */
    private record Join(Table<?> table, Condition on) {
    }

    /**
     * One SELECT being built: its base table and the joins its expressions asked for (the
     * dimension's table, many-to-one hops, and at the top level the per-key aggregates).
     */
    private final class Block {
        private final Table<?> base;
        private final boolean top;
        private final List<Join> joins = new java.util.ArrayList<>();
        private final Map<String, Table<?>> hops = new HashMap<>();
        private final Map<String, GroupedRows> grouped = new java.util.LinkedHashMap<>();

        Block(Table<?> base, boolean top) {
            this.base = base;
            this.top = top;
        }

        Table<?> from() {
            Table<?> t = base;
            for (Join j : joins) {
                t = t.leftJoin(j.table()).on(j.on());
            }
            for (GroupedRows g : grouped.values()) {
                t = t.leftJoin(g.table()).on(g.on());
            }
            return t;
        }
    }

    /**
     * Aggregates over one link's rows, computed for every owner key in one grouped pass and
     * joined on the key: {@code LEFT JOIN (SELECT fk k, agg1 v1, agg2 FILTER (WHERE …) v2 … GROUP BY fk)}.
     */
    private final class GroupedRows {
        private final String alias = alias();
        private final RowsQuery rows;
        private final Field<?> ownerKey;
        private final List<Field<?>> values = new java.util.ArrayList<>();
        private final List<Condition> filters = new java.util.ArrayList<>();

        GroupedRows(RowsQuery rows, Field<?> ownerKey) {
            this.rows = rows;
            this.ownerKey = ownerKey;
        }

        /** Adds an aggregate over the rows that pass {@code filter}; returns its column. */
        Field<?> add(Field<?> aggregate, Condition filter) {
            values.add(aggregate);
            filters.add(filter);
            return field(name(alias, "v" + values.size()));
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        Table<?> table() {
            List<Field<?>> select = new java.util.ArrayList<>();
            select.add(rows.link().as("k"));
            boolean alone = values.size() == 1;
            boolean allFiltered = filters.stream().noneMatch(f -> f.equals(DSL.noCondition()));
            for (int i = 0; i < values.size(); i++) {
                Field<?> v = values.get(i);
                if (!alone && !filters.get(i).equals(DSL.noCondition())) {
                    v = ((org.jooq.AggregateFunction) v).filterWhere(filters.get(i));
                }
                select.add(v.as("v" + (i + 1)));
            }
            Condition where = rows.link().isNotNull();
            if (allFiltered) {
                where = where.and(alone ? filters.get(0) : DSL.or(filters));
            }
            return DSL.select(select).from(rows.block().from()).where(where).groupBy(rows.link()).asTable(alias);
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        Condition on() {
            return field(name(alias, "k")).eq((Field) ownerKey);
        }
    }

    /**
     * A row variable in scope: its table alias and the SELECT it belongs to. A population's
     * dimension record is joined only when its fields are read ({@code join}); its key is the
     * worktable's key column, so link rows and aggregates correlate on that without the join.
     */
    private record Binding(Table<?> table, Block block, Field<?> key, Runnable join) {
        Binding(Table<?> table, Block block) {
            this(table, block, null, () -> { });
        }

        /** The record's table, joined if it was not yet. */
        Table<?> joined() {
            join.run();
            return table;
        }

        /** The record's key, as {@code entity} names it. */
        Field<?> keyOf(Entity entity) {
            return key != null ? key : field(name(table.getName(), entity.key().get(0)));
        }
    }

    public Compiled compile(CheckedExpression expression) {
        Block root = new Block(table(name(expression.dimension().name())).as(ROOT), true);
        Map<String, Binding> scope = new HashMap<>();
        scope.put(expression.dimension().name(), new Binding(root.base, root));
        groupAggregates = groupsAggregates(expression);
        Condition where = condition(expression.root(), scope);
        return new Compiled(root.from(), where);
    }

    /**
     * PostgreSQL runs a correlated aggregate per remaining record through the link's index: best
     * when the record's own conditions narrow the set first; alone, one grouped pass is better.
     * DuckDB decorrelates either way, so it always gets the grouped form.
     */
    private boolean groupsAggregates(CheckedExpression expression) {
        return dialect.decorrelatesAggregates() || !hasRecordConditions(expression.root(), expression.dimension().name());
    }

    /**
     * A SELECT over {@code worktable}, whose key column {@code keyColumn} holds keys of
     * {@code dimension} (null for a worktable of file rows, whose columns are its record).
     */
    public WorktableQuery over(Table<?> worktable, String keyColumn, Entity dimension) {
        return new WorktableQuery(worktable.as(TARGET), keyColumn, dimension);
    }

    /**
     * One SELECT over a worktable (aliased {@value #TARGET}): expressions compiled on it read the
     * worktable's columns as {@code target.*} and the dimension's record, joined (aliased
     * {@value #ROOT}) on the key when an expression reads it. Build every condition and value
     * first, then take {@link #from()}.
     */
    public final class WorktableQuery {
        private final Table<?> worktable;
        private final String keyColumn;
        private final Entity dimension;
        private final Block block;
        private Table<?> dimensionTable;

        private WorktableQuery(Table<?> worktable, String keyColumn, Entity dimension) {
            this.worktable = worktable;
            this.keyColumn = keyColumn;
            this.dimension = dimension;
            this.block = new Block(worktable, true);
        }

        /** The worktable, aliased {@value #TARGET}. */
        public Table<?> worktable() {
            return worktable;
        }

        /** A worktable column. */
        public Field<Object> column(String name) {
            return field(name(TARGET, name));
        }

        /**
         * The dimension's table joined on the key (aliased {@value #ROOT}), on first use. A left
         * join: a worktable row whose record was deleted since stays, with empty fields.
         */
        public Table<?> dimensionTable() {
            if (dimensionTable == null) {
                dimensionTable = table(name(dimension.name())).as(ROOT);
                block.joins.add(0, new Join(dimensionTable,
                        field(name(ROOT, dimension.key().get(0))).eq(field(name(TARGET, keyColumn)))));
            }
            return dimensionTable;
        }

        public Condition condition(CheckedExpression e) {
            return ExpressionSql.this.condition(e.root(), scope(e));
        }

        public Field<?> value(CheckedExpression e) {
            return ExpressionSql.this.value(e.root(), scope(e));
        }

        /** The worktable with the joins the compiled expressions need. */
        public Table<?> from() {
            return block.from();
        }

        private Map<String, Binding> scope(CheckedExpression e) {
            groupAggregates = dimension == null || groupsAggregates(e);
            Map<String, Binding> scope = new HashMap<>();
            if (e.target() != null) {
                scope.put(e.target().name(), new Binding(worktable, block));
            }
            if (dimension == null) {
                scope.put(e.dimension().name(), new Binding(worktable, block));
            } else {
                scope.put(e.dimension().name(), new Binding(table(name(dimension.name())).as(ROOT), block, column(keyColumn),
                        this::dimensionTable));
            }
            return scope;
        }
    }

    /** Whether the top-level AND chain holds a condition on the record itself (not on its links). */
    private static boolean hasRecordConditions(Expr e, String root) {
        if (e instanceof Expr.And a) {
            return hasRecordConditions(a.left(), root) || hasRecordConditions(a.right(), root);
        }
        if (e instanceof Expr.Quantified || e instanceof Expr.Aggregate
                || e instanceof Expr.Compare c && (c.left() instanceof Expr.Aggregate || c.right() instanceof Expr.Aggregate)
                || e instanceof Expr.Not n && n.operand() instanceof Expr.Quantified) {
            return false;
        }
        java.util.Set<String> used = new java.util.HashSet<>();
        Scopes.collect(e, used);
        return used.contains(root);
    }

    private Condition condition(Expr e, Map<String, Binding> scope) {
        return switch (e) {
            case Expr.And a -> condition(a.left(), scope).and(condition(a.right(), scope));
            case Expr.Or o -> condition(o.left(), scope).or(condition(o.right(), scope));
            case Expr.Not n when n.operand() instanceof Expr.Quantified q && semiJoin(q, scope, true) instanceof Condition semi -> semi;
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
    private Condition compare(Expr.Compare c, Map<String, Binding> scope) {
        Condition semi = semiJoin(c, scope);
        if (semi != null) {
            return semi;
        }
        Field l = operand(c.left(), c.right(), scope);
        Field r = operand(c.right(), c.left(), scope);
        return switch (c.op()) {
            case EQ -> l.eq(r);
            case NE -> l.ne(r);
            case LT -> l.lt(r);
            case LE -> l.le(r);
            case GT -> l.gt(r);
            case GE -> l.ge(r);
        };
    }

    /**
     * {@code aggregate OP constant} at the top level, where records without rows cannot match (the
     * sum of nothing, 0, is not > 200): {@code key IN (SELECT fk … GROUP BY fk HAVING agg OP constant)},
     * the semi-join one writes by hand. Null when the shape does not apply.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Condition semiJoin(Expr.Compare c, Map<String, Binding> scope) {
        boolean left = c.left() instanceof Expr.Aggregate && Constants.isConstant(c.right());
        boolean right = c.right() instanceof Expr.Aggregate && Constants.isConstant(c.left());
        if (!left && !right) {
            return null;
        }
        Expr.Aggregate a = (Expr.Aggregate) (left ? c.left() : c.right());
        Binding owner = scope.get(a.rows().scope());
        if (!groupAggregates || !owner.block().top || !a.rows().hops().isEmpty() || !readsOnlyItsRows(a)) {
            return null;
        }
        Object empty = a.aggregation() == Expr.Aggregation.COUNT || a.aggregation() == Expr.Aggregation.SUM
                ? (a.type() == ExprType.INT ? (Object) 0L : (Object) 0.0) : null;
        Expr emptyValue = new Expr.Literal(empty, a.type());
        Expr onEmpty = left ? new Expr.Compare(c.op(), emptyValue, c.right()) : new Expr.Compare(c.op(), c.left(), emptyValue);
        if (Boolean.TRUE.equals(constants.constant(onEmpty))) {
            return null;
        }
        RowsQuery rows = rows(a.rows(), Map.of(a.rows().scope(), owner));
        Field agg = aggregateOf(a, rows);
        Field constant = left ? operand(c.right(), c.left(), scope) : operand(c.left(), c.right(), scope);
        Condition having = switch (c.op()) {
            case EQ -> agg.eq(constant);
            case NE -> agg.ne(constant);
            case LT -> left ? agg.lt(constant) : agg.gt(constant);
            case LE -> left ? agg.le(constant) : agg.ge(constant);
            case GT -> left ? agg.gt(constant) : agg.lt(constant);
            case GE -> left ? agg.ge(constant) : agg.le(constant);
        };
        Field<?> ownerKey = owner.keyOf(a.rows().scopeEntity());
        // rows without an owner must not put a NULL in the IN list (NOT IN with a NULL is never true)
        return ((Field) ownerKey).in(DSL.select(rows.link()).from(rows.block().from())
                .where(rows.filters().and(rows.link().isNotNull())).groupBy(rows.link()).having(having));
    }

    /** The aggregate function over a rows query (not yet grouped). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Field<?> aggregateOf(Expr.Aggregate a, RowsQuery rows) {
        if (a.aggregation() == Expr.Aggregation.COUNT) {
            return DSL.count();
        }
        Map<String, Binding> inner = new HashMap<>(rows.scope());
        inner.put(a.variable(), new Binding(rows.block().base, rows.block()));
        Field v = value(a.value(), inner);
        return switch (a.aggregation()) {
            case SUM -> DSL.sum(v);
            case AVG -> DSL.avg(v);
            case MIN -> DSL.min(v);
            case MAX -> DSL.max(v);
            case COUNT -> throw new IllegalStateException();
        };
    }

    /**
     * On DuckDB a sum of a decimal field is a {@code DECIMAL(38,s)} and a sum of whole numbers a
     * {@code HUGEINT}: 128-bit values, which a worktable stores and reads back ten times slower than
     * 64-bit ones. A sum of a field of up to 18 digits stays within 18 (a sum past 10^16 with two
     * decimals fails the activity with DuckDB's out-of-range error, instead of being wrong).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Field<?> narrowSum(Field sum, Expr value) {
        if (!dialect.narrowsSums() || !(value instanceof Expr.FieldRef f)) {
            return sum;
        }
        FieldType t = f.field().type();
        return switch (t.kind()) {
            case DECIMAL -> t.precision() <= 18 ? DSL.cast(sum, SQLDataType.DECIMAL(18, t.scale())) : sum;
            case INT, LONG -> DSL.cast(sum, SQLDataType.BIGINT);
            default -> sum;
        };
    }

    /**
     * A side of a comparison. A double constant compared with a decimal column (or a sum of one) is
     * bound as a decimal, so the database compares decimals instead of converting every row.
     */
    private Field<?> operand(Expr e, Expr other, Map<String, Binding> scope) {
        if (Constants.isConstant(e) && isDecimal(other) && constants.constant(e) instanceof Double d && Double.isFinite(d)) {
            return DSL.val(BigDecimal.valueOf(d), SQLDataType.DECIMAL);
        }
        return value(e, scope);
    }

    private static boolean isDecimal(Expr e) {
        return switch (e) {
            case Expr.FieldRef f -> f.field().type().kind() == FieldType.Kind.DECIMAL;
            case Expr.Aggregate a -> a.aggregation() != Expr.Aggregation.AVG && a.aggregation() != Expr.Aggregation.COUNT
                    && a.value() != null && isDecimal(a.value());
            default -> false;
        };
    }

    /** A value: constants are computed once and bound; the rest is SQL. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Field<?> value(Expr e, Map<String, Binding> scope) {
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
            case Duration d -> DSL.val(dev.herald.expr.Durations.micros(d), SQLDataType.BIGINT);
            case Long l -> DSL.val(l, SQLDataType.BIGINT);
            case Double d -> DSL.val(d, SQLDataType.DOUBLE);
            case BigDecimal d -> DSL.val(d.doubleValue(), SQLDataType.DOUBLE);
            case Boolean b -> DSL.val(b, SQLDataType.BOOLEAN);
            case String s -> DSL.val(s, SQLDataType.VARCHAR);
            default -> DSL.val(v);
        };
    }

    /** A field of a row in scope; many-to-one hops become LEFT JOINs on the target's key in the row's SELECT. */
    private Field<?> fieldRef(Expr.FieldRef f, Map<String, Binding> scope) {
        Binding binding = scope.get(f.scope());
        Table<?> table = hop(binding, f.scopeEntity(), f.hops());
        Field<?> column = field(name(table.getName(), f.field().name()));
        return f.field().type().kind() == FieldType.Kind.DATE ? column.cast(SQLDataType.TIMESTAMPWITHTIMEZONE) : column;
    }

    /** The alias of the record reached from {@code binding} through {@code hops}, joining it once per SELECT. */
    private Table<?> hop(Binding binding, Entity entity, List<Link> hops) {
        Table<?> current = binding.joined();
        StringBuilder path = new StringBuilder(current.getName());
        for (Link link : hops) {
            path.append('.').append(link.name());
            Entity target = schema.entities().get(link.target());
            Table<?> from = current;
            current = binding.block().hops.computeIfAbsent(path.toString(), k -> {
                Table<?> joined = table(name(target.name())).as(alias());
                binding.block().joins.add(new Join(joined,
                        field(name(joined.getName(), target.key().get(0))).eq((Field) field(name(from.getName(), link.field())))));
                return joined;
            });
        }
        return current;
    }

    /** The rows of a one-to-many link (and its filters): a new SELECT over a fresh alias. */
    private record RowsQuery(Block block, Field<?> link, Condition where, Condition filters, Map<String, Binding> scope) {
    }

    private RowsQuery rows(Expr.Rows rows, Map<String, Binding> scope) {
        return rows(rows, scope, null);
    }

    /** The rows of a link; {@code reuse}, when not null, is the SELECT of the same link's rows to add filters to. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private RowsQuery rows(Expr.Rows rows, Map<String, Binding> scope, Block reuse) {
        Binding owner = scope.get(rows.scope());
        Entity ownerEntity = rows.hops().isEmpty() ? rows.scopeEntity()
                : schema.entities().get(rows.hops().get(rows.hops().size() - 1).target());
        Field<?> ownerKey = rows.hops().isEmpty() ? owner.keyOf(ownerEntity)
                : field(name(hop(owner, rows.scopeEntity(), rows.hops()).getName(), ownerEntity.key().get(0)));
        Block block = reuse != null ? reuse : new Block(table(name(rows.entity().name())).as(alias()), false);
        Link back = rows.entity().links().get(rows.link().inverse());
        Field<?> link = field(name(block.base.getName(), back.field()));
        Condition filters = DSL.noCondition();
        Map<String, Binding> inner = new HashMap<>(scope);
        for (Expr.Filter filter : rows.filters()) {
            inner.put(filter.variable(), new Binding(block.base, block));
            filters = filters.and(condition(filter.condition(), inner));
        }
        return new RowsQuery(block, link, ((Field) link).eq(ownerKey).and(filters), filters, inner);
    }

    /**
     * A test of a link's rows at the top level that reads nothing but those rows, as a semi-join on
     * the owner's key: {@code key IN (SELECT fk … WHERE …)} (or {@code NOT IN} for its negation, and
     * for {@code all}), which DuckDB runs many times faster than the correlated {@code EXISTS}.
     * PostgreSQL plans {@code IN} and {@code EXISTS} alike but has no anti-join for {@code NOT IN}:
     * there, negations keep {@code NOT EXISTS}. Null when the shape does not apply.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Condition semiJoin(Expr.Quantified q, Map<String, Binding> scope, boolean negated) {
        Binding owner = scope.get(q.rows().scope());
        boolean negative = negated != (q.quantifier() == Expr.Quantifier.ALL);
        if (!owner.block().top || !q.rows().hops().isEmpty() || !readsOnlyItsRows(q)
                || negative && !dialect.semiJoinsAsIn()) {
            return null;
        }
        RowsQuery rows = rows(q.rows(), Map.of(q.rows().scope(), owner));
        Map<String, Binding> inner = new HashMap<>(rows.scope());
        inner.put(q.variable(), new Binding(rows.block().base, rows.block()));
        Condition c = condition(q.condition(), inner);
        Condition where = rows.link().isNotNull().and(rows.filters());
        var select = switch (q.quantifier()) {
            case EXISTS -> DSL.select(rows.link()).from(rows.block().from()).where(where.and(c));
            case ALL -> DSL.select(rows.link()).from(rows.block().from()).where(where.and(DSL.condition("({0}) IS NOT TRUE", c)));
            case EXISTS_ONE -> DSL.select(rows.link()).from(rows.block().from()).where(where.and(c)).groupBy(rows.link())
                    .having(DSL.count().eq(1));
        };
        Field ownerKey = owner.keyOf(q.rows().scopeEntity());
        return negative ? ownerKey.notIn(select) : ownerKey.in(select);
    }

    /** Whether a quantifier's filters and condition read only the link's rows (and constants). */
    private static boolean readsOnlyItsRows(Expr.Quantified q) {
        java.util.Set<String> own = new java.util.HashSet<>();
        q.rows().filters().forEach(f -> own.add(f.variable()));
        own.add(q.variable());
        java.util.Set<String> used = new java.util.HashSet<>();
        q.rows().filters().forEach(f -> Scopes.collect(f.condition(), used));
        Scopes.collect(q.condition(), used);
        return own.containsAll(used);
    }

    private Condition quantified(Expr.Quantified q, Map<String, Binding> scope) {
        Condition semi = semiJoin(q, scope, false);
        if (semi != null) {
            return semi;
        }
        RowsQuery rows = rows(q.rows(), scope);
        Map<String, Binding> inner = new HashMap<>(rows.scope());
        inner.put(q.variable(), new Binding(rows.block().base, rows.block()));
        Condition c = condition(q.condition(), inner);
        Table<?> from = rows.block().from();
        return switch (q.quantifier()) {
            case EXISTS -> DSL.exists(DSL.selectOne().from(from).where(rows.where()).and(c));
            case ALL -> DSL.notExists(DSL.selectOne().from(from).where(rows.where()).and(DSL.condition("({0}) IS NOT TRUE", c)));
            case EXISTS_ONE -> DSL.field(DSL.selectCount().from(from).where(rows.where()).and(c)).eq(1);
        };
    }

    /**
     * An aggregate over a link's rows. At the top level, when it reads nothing but those rows, it is
     * computed for every key at once — {@code LEFT JOIN (SELECT fk, agg(…) … GROUP BY fk)} — as one
     * would write it by hand, together with the other aggregates over the same link; elsewhere it
     * is a correlated scalar subquery.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Field<?> aggregate(Expr.Aggregate a, Map<String, Binding> scope) {
        Binding owner = scope.get(a.rows().scope());
        boolean hoist = groupAggregates && owner.block().top && a.rows().hops().isEmpty() && readsOnlyItsRows(a);
        boolean zeroWhenEmpty = a.aggregation() == Expr.Aggregation.COUNT || a.aggregation() == Expr.Aggregation.SUM;
        if (!hoist) {
            RowsQuery rows = rows(a.rows(), scope);
            Field<?> sub = DSL.field(DSL.select(aggregateOf(a, rows)).from(rows.block().from()).where(rows.where()));
            return zeroWhenEmpty && a.aggregation() == Expr.Aggregation.SUM ? DSL.coalesce(narrowSum(sub, a.value()), DSL.inline(0)) : sub;
        }
        String key = owner.table().getName() + "." + a.rows().link().name();
        GroupedRows group = owner.block().grouped.get(key);
        RowsQuery rows = rows(a.rows(), Map.of(a.rows().scope(), owner), group == null ? null : group.rows.block());
        if (group == null) {
            group = new GroupedRows(rows, owner.keyOf(a.rows().scopeEntity()));
            owner.block().grouped.put(key, group);
        }
        Field<?> v = group.add(aggregateOf(a, rows), rows.filters());
        if (a.aggregation() == Expr.Aggregation.SUM) {
            v = narrowSum(v, a.value());
        }
        return zeroWhenEmpty ? DSL.coalesce(v, DSL.inline(0)) : v;
    }

    /** Whether an aggregate's filters and value read only the aggregated rows (and constants). */
    private static boolean readsOnlyItsRows(Expr.Aggregate a) {
        java.util.Set<String> own = new java.util.HashSet<>();
        a.rows().filters().forEach(f -> own.add(f.variable()));
        if (a.variable() != null) {
            own.add(a.variable());
        }
        java.util.Set<String> used = new java.util.HashSet<>();
        a.rows().filters().forEach(f -> Scopes.collect(f.condition(), used));
        if (a.value() != null) {
            Scopes.collect(a.value(), used);
        }
        return own.containsAll(used);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Field<?> arithmetic(Expr.Arithmetic a, Map<String, Binding> scope) {
        Field l = value(a.left(), scope);
        Field r = value(a.right(), scope);
        if (a.type() == ExprType.STRING) {
            return DSL.concat(l, r);
        }
        if (a.left().type() == ExprType.TIMESTAMP || a.right().type() == ExprType.TIMESTAMP) {
            return TimeArithmetic.of(dialect, a.op(), a.left().type(), l, a.right().type(), r);
        }
        boolean integers = a.left().type() == ExprType.INT && a.right().type() == ExprType.INT;
        return switch (a.op()) {
            case ADD -> l.plus(r);
            case SUBTRACT -> l.minus(r);
            case MULTIPLY -> l.times(r);
            case DIVIDE -> integers
                    ? DSL.field("({0} {2} nullif({1}, 0))", SQLDataType.BIGINT, l, r,
                    dialect.integerDivision())
                    : DSL.field("(cast({0} as double precision) / nullif(cast({1} as double precision), 0))", SQLDataType.DOUBLE, l, r);
            case MODULO -> DSL.field("({0} % nullif({1}, 0))", SQLDataType.BIGINT, l, r);
        };
    }

    private String alias() {
        return "x" + (++aliases);
    }

}
