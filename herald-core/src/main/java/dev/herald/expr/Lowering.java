package dev.herald.expr;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.herald.schema.Entity;
import dev.herald.schema.Field;
import dev.herald.schema.FieldType;
import dev.herald.schema.Link;
import dev.herald.schema.Schema;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a type-checked CEL tree into Herald's {@link Expr}, resolving fields and links against the
 * schema and keeping only what both interpreters implement. Macros (exists, all, filter, map…)
 * are read from their original calls, not from CEL's loop expansion.
 */
final class Lowering {

    static final int MAX_DEPTH = 64;
    static final int MAX_NODES = 5_000;
    private static final Set<String> CONVERSIONS = Set.of("int", "uint", "double", "string", "bool", "timestamp", "duration", "date");

    private final CelAbstractSyntaxTree ast;
    private final Schema schema;
    private final Entity dimension;
    private final Map<Long, CelExpr> index = new HashMap<>();
    private final Map<Long, CelExpr> macros;
    private final Deque<Map.Entry<String, Entity>> scopes = new ArrayDeque<>();
    private final List<InvalidExpressionException.Position> problems = new ArrayList<>();
    private final Set<String> variables = new LinkedHashSet<>();
    private int nodes;
    private boolean limitReached;

    /** {@code target}, when not null, is a second record in scope: a worktable's columns. */
    Lowering(CelAbstractSyntaxTree ast, Schema schema, Entity dimension, Entity target) {
        this.ast = ast;
        this.schema = schema;
        this.dimension = dimension;
        this.macros = ast.getSource().getMacroCalls();
        collect(ast.getExpr());
        scopes.push(Map.entry(dimension.name(), dimension));
        if (target != null) {
            scopes.push(Map.entry(target.name(), target));
        }
    }

    List<InvalidExpressionException.Position> problems() {
        return problems;
    }

    Set<String> variables() {
        return variables;
    }

    Expr lower() {
        return lower(ast.getExpr(), 0);
    }

    private void collect(CelExpr e) {
        index.put(e.id(), e);
        switch (e.getKind()) {
            case SELECT -> collect(e.select().operand());
            case CALL -> {
                e.call().target().ifPresent(this::collect);
                e.call().args().forEach(this::collect);
            }
            case LIST -> e.list().elements().forEach(this::collect);
            case COMPREHENSION -> {
                collect(e.comprehension().iterRange());
                collect(e.comprehension().accuInit());
                collect(e.comprehension().loopCondition());
                collect(e.comprehension().loopStep());
                collect(e.comprehension().result());
            }
            default -> {
            }
        }
    }

    /** The expression behind an id: macro calls hold placeholders for nested macros. */
    private CelExpr actual(CelExpr e) {
        CelExpr real = index.get(e.id());
        return real == null ? e : real;
    }

    private Expr lower(CelExpr raw, int depth) {
        CelExpr e = actual(raw);
        if (limitReached) {
            return new Expr.Literal(null, ExprType.NULL);
        }
        if (++nodes > MAX_NODES) {
            limitReached = true;
            return fail(e, "the expression has more than " + MAX_NODES + " parts; split it into saved audiences");
        }
        if (depth > MAX_DEPTH) {
            limitReached = true;
            return fail(e, "the expression nests deeper than " + MAX_DEPTH + " levels; simplify it");
        }
        return switch (e.getKind()) {
            case CONSTANT -> constant(e, e.constant());
            case IDENT -> ident(e);
            case SELECT -> select(e, depth);
            case CALL -> call(e, depth);
            case COMPREHENSION -> macro(e, depth);
            default -> fail(e, "this kind of expression (" + e.getKind().name().toLowerCase() + ") is not supported here");
        };
    }

    private Expr constant(CelExpr e, CelConstant c) {
        return switch (c.getKind()) {
            case INT64_VALUE -> new Expr.Literal(c.int64Value(), ExprType.INT);
            case UINT64_VALUE -> new Expr.Literal(c.uint64Value().longValue(), ExprType.INT);
            case DOUBLE_VALUE -> new Expr.Literal(c.doubleValue(), ExprType.DOUBLE);
            case STRING_VALUE -> new Expr.Literal(c.stringValue(), ExprType.STRING);
            case BOOLEAN_VALUE -> new Expr.Literal(c.booleanValue(), ExprType.BOOL);
            case NULL_VALUE -> fail(e, NoNull.message(null, dimension.name()));
            default -> fail(e, "this kind of constant is not supported");
        };
    }

    private Expr ident(CelExpr e) {
        String name = e.ident().name();
        if (name.equals("now")) {
            return new Expr.Now();
        }
        if (name.equals("vars")) {
            return fail(e, "name a variable: vars.NAME");
        }
        return fail(e, "'" + name + "' is a whole record; use one of its fields, e.g. " + name + "."
                + scope(name).fields().keySet().iterator().next());
    }

    private Entity scope(String name) {
        for (Map.Entry<String, Entity> s : scopes) {
            if (s.getKey().equals(name)) {
                return s.getValue();
            }
        }
        return null;
    }

    /** What a chain of selects names: a field, a record (many-to-one) or rows (one-to-many). */
    private sealed interface Path {
    }

    private record FieldPath(Expr.FieldRef ref) implements Path {
    }

    private record RecordPath(String scope, Entity scopeEntity, List<Link> hops, Entity entity) implements Path {
    }

    private record RowsPath(String scope, Entity scopeEntity, List<Link> hops, Link link, Entity entity) implements Path {
    }

    private record VariablePath(String name) implements Path {
    }

    private Path path(CelExpr raw) {
        CelExpr e = actual(raw);
        if (e.getKind() == CelExpr.ExprKind.Kind.IDENT) {
            String name = e.ident().name();
            Entity entity = scope(name);
            if (entity != null) {
                return new RecordPath(name, entity, List.of(), entity);
            }
            return null;
        }
        if (e.getKind() != CelExpr.ExprKind.Kind.SELECT) {
            return null;
        }
        CelExpr operand = actual(e.select().operand());
        String member = e.select().field();
        if (operand.getKind() == CelExpr.ExprKind.Kind.IDENT && operand.ident().name().equals("vars")) {
            return new VariablePath(member);
        }
        Path parent = path(operand);
        if (!(parent instanceof RecordPath record)) {
            return null;
        }
        Field field = record.entity().fields().get(member);
        if (field != null) {
            return new FieldPath(new Expr.FieldRef(record.scope(), record.scopeEntity(), record.hops(), record.entity(), field,
                    type(field.type())));
        }
        Link link = record.entity().links().get(member);
        if (link == null) {
            return null;
        }
        Entity target = schema.entities().get(link.target());
        if (link.isToMany()) {
            return new RowsPath(record.scope(), record.scopeEntity(), record.hops(), link, target);
        }
        List<Link> hops = new ArrayList<>(record.hops());
        hops.add(link);
        return new RecordPath(record.scope(), record.scopeEntity(), hops, target);
    }

    private Expr select(CelExpr e, int depth) {
        Path path = path(e);
        if (e.select().testOnly()) {
            if (path instanceof FieldPath f) {
                return new Expr.Has(f.ref());
            }
            return fail(e, "has() takes a field, e.g. has(" + dimension.name() + ".phone)");
        }
        return switch (path) {
            case FieldPath f when f.ref().field().type().kind() == FieldType.Kind.JSON ->
                    fail(e, "json fields can only be tested with has() for now");
            case FieldPath f -> f.ref();
            case VariablePath v -> {
                variables.add(v.name());
                yield new Expr.Variable(v.name());
            }
            case RecordPath r -> fail(e, "'" + e.select().field() + "' is a linked record; use one of its fields, e.g. ."
                    + r.entity().key().get(0));
            case RowsPath r -> fail(e, "'" + r.link().name() + "' has many rows; test them with exists(), all(), size() or an "
                    + "aggregate such as ." + r.link().name() + ".map(x, x.FIELD).sum()");
            case null -> fail(e, "cannot read this value");
        };
    }

    private Expr call(CelExpr e, int depth) {
        CelExpr.CelCall call = e.call();
        String fn = call.function();
        List<CelExpr> args = call.args();
        ExprType type = type(ast.getType(e.id()).orElse(SimpleType.DYN));
        switch (fn) {
            case "_&&_":
                return new Expr.And(lower(args.get(0), depth + 1), lower(args.get(1), depth + 1));
            case "_||_":
                return new Expr.Or(lower(args.get(0), depth + 1), lower(args.get(1), depth + 1));
            case "!_":
                return new Expr.Not(lower(args.get(0), depth + 1));
            case "-_":
                return new Expr.Negate(lower(args.get(0), depth + 1), type);
            case "_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_":
                for (int i = 0; i < 2; i++) {
                    if (isNull(args.get(i))) {
                        return fail(e, NoNull.message(pathText(args.get(1 - i)), dimension.name()));
                    }
                }
                return new Expr.Compare(comparison(fn), lower(args.get(0), depth + 1), lower(args.get(1), depth + 1));
            case "_+_", "_-_", "_*_", "_/_", "_%_":
                return arithmetic(e, fn, args, type, depth);
            case "_?_:_":
                return new Expr.Conditional(lower(args.get(0), depth + 1), lower(args.get(1), depth + 1),
                        lower(args.get(2), depth + 1), type);
            case "@in":
                return in(e, args, depth);
            case "size":
                return size(e, call, depth);
            case "sum", "avg", "min", "max":
                return aggregate(e, call, fn, type, depth);
            default:
                return function(e, call, fn, type, depth);
        }
    }

    private boolean isNull(CelExpr raw) {
        CelExpr e = actual(raw);
        return e.getKind() == CelExpr.ExprKind.Kind.CONSTANT && e.constant().getKind() == CelConstant.Kind.NULL_VALUE;
    }

    /** {@code a.b.c} for a chain of selects, else null. */
    private String pathText(CelExpr raw) {
        CelExpr e = actual(raw);
        if (e.getKind() == CelExpr.ExprKind.Kind.IDENT) {
            return e.ident().name();
        }
        if (e.getKind() == CelExpr.ExprKind.Kind.SELECT && !e.select().testOnly()) {
            String operand = pathText(e.select().operand());
            return operand == null ? null : operand + "." + e.select().field();
        }
        return null;
    }

    private Expr arithmetic(CelExpr e, String fn, List<CelExpr> args, ExprType type, int depth) {
        Expr left = lower(args.get(0), depth + 1);
        Expr right = lower(args.get(1), depth + 1);
        Expr.Operator op = switch (fn) {
            case "_+_" -> Expr.Operator.ADD;
            case "_-_" -> Expr.Operator.SUBTRACT;
            case "_*_" -> Expr.Operator.MULTIPLY;
            case "_/_" -> Expr.Operator.DIVIDE;
            default -> Expr.Operator.MODULO;
        };
        if (type == ExprType.STRING || left.type() == ExprType.STRING) {
            return new Expr.Arithmetic(op, left, right, ExprType.STRING);
        }
        return new Expr.Arithmetic(op, left, right, type);
    }

    private Expr in(CelExpr e, List<CelExpr> args, int depth) {
        CelExpr list = actual(args.get(1));
        if (list.getKind() != CelExpr.ExprKind.Kind.LIST) {
            return fail(list, "'in' needs a list written out, e.g. x in [\"FR\", \"DE\"]");
        }
        List<Expr> items = new ArrayList<>();
        for (CelExpr item : list.list().elements()) {
            Expr lowered = lower(item, depth + 1);
            if (!Constants.isConstant(lowered)) {
                return fail(item, "the items of an 'in' list must be constants");
            }
            items.add(lowered);
        }
        return new Expr.In(lower(args.get(0), depth + 1), items);
    }

    private Expr size(CelExpr e, CelExpr.CelCall call, int depth) {
        CelExpr operand = call.target().orElseGet(() -> call.args().get(0));
        Expr.Rows rows = rows(operand, depth);
        if (rows != null) {
            return new Expr.Aggregate(Expr.Aggregation.COUNT, rows, null, null, ExprType.INT);
        }
        if (!problems.isEmpty()) {
            return new Expr.Literal(null, ExprType.NULL);
        }
        Expr value = lower(operand, depth + 1);
        if (value.type() != ExprType.STRING) {
            return fail(e, "size() counts the characters of a string or the rows of a link");
        }
        return new Expr.Call(Function.SIZE, List.of(value), ExprType.INT);
    }

    private Expr aggregate(CelExpr e, CelExpr.CelCall call, String fn, ExprType type, int depth) {
        CelExpr target = actual(call.target().orElseThrow());
        CelExpr macro = macros.get(target.id());
        if (macro == null || !macro.call().function().equals("map")) {
            return fail(e, fn + "() works on the values of linked rows: ." + "LINK.map(x, x.FIELD)." + fn + "()");
        }
        Expr.Rows rows = rows(macro.call().target().orElseThrow(), depth);
        if (rows == null) {
            return new Expr.Literal(null, ExprType.NULL);
        }
        String variable = macro.call().args().get(0).ident().name();
        scopes.push(Map.entry(variable, rows.entity()));
        try {
            Expr value = lower(macro.call().args().get(1), depth + 1);
            Expr.Aggregation aggregation = Expr.Aggregation.valueOf(fn.toUpperCase());
            return new Expr.Aggregate(aggregation, rows, variable, value, type);
        } finally {
            scopes.pop();
        }
    }

    /** The rows a link or a chain of filter() calls on it names; null (with a problem) otherwise. */
    private Expr.Rows rows(CelExpr raw, int depth) {
        CelExpr e = actual(raw);
        CelExpr macro = macros.get(e.id());
        if (macro != null && macro.call().function().equals("filter")) {
            Expr.Rows inner = rows(macro.call().target().orElseThrow(), depth);
            if (inner == null) {
                return null;
            }
            String variable = macro.call().args().get(0).ident().name();
            scopes.push(Map.entry(variable, inner.entity()));
            try {
                List<Expr.Filter> filters = new ArrayList<>(inner.filters());
                filters.add(new Expr.Filter(variable, lower(macro.call().args().get(1), depth + 1)));
                return new Expr.Rows(inner.scope(), inner.scopeEntity(), inner.hops(), inner.link(), inner.entity(), filters);
            } finally {
                scopes.pop();
            }
        }
        if (path(e) instanceof RowsPath r) {
            return new Expr.Rows(r.scope(), r.scopeEntity(), r.hops(), r.link(), r.entity(), List.of());
        }
        return null;
    }

    private Expr macro(CelExpr e, int depth) {
        CelExpr call = macros.get(e.id());
        if (call == null) {
            return fail(e, "this expression is not supported");
        }
        String fn = call.call().function();
        if (fn.equals("filter") || fn.equals("map")) {
            return fail(e, fn + "() gives rows or values; count them with size(…), test them with exists(…), or aggregate "
                    + "them with .map(x, x.FIELD).sum()");
        }
        Expr.Rows rows = rows(call.call().target().orElseThrow(), depth);
        if (rows == null) {
            return fail(e, fn + "() works on a one-to-many link such as " + dimension.name() + "."
                    + dimension.links().keySet().stream().findFirst().orElse("LINK"));
        }
        String variable = call.call().args().get(0).ident().name();
        scopes.push(Map.entry(variable, rows.entity()));
        try {
            Expr condition = lower(call.call().args().get(1), depth + 1);
            Expr.Quantifier quantifier = switch (fn) {
                case "exists" -> Expr.Quantifier.EXISTS;
                case "all" -> Expr.Quantifier.ALL;
                default -> Expr.Quantifier.EXISTS_ONE;
            };
            return new Expr.Quantified(quantifier, rows, variable, condition);
        } finally {
            scopes.pop();
        }
    }

    private Expr function(CelExpr e, CelExpr.CelCall call, String fn, ExprType type, int depth) {
        List<Expr> args = new ArrayList<>();
        call.target().ifPresent(t -> args.add(lower(t, depth + 1)));
        for (CelExpr a : call.args()) {
            args.add(lower(a, depth + 1));
        }
        if (!problems.isEmpty() && args.stream().anyMatch(a -> a.type() == ExprType.NULL)) {
            return new Expr.Literal(null, ExprType.NULL);
        }
        if (CONVERSIONS.contains(fn)) {
            return conversion(e, fn, args.get(0));
        }
        if (!args.isEmpty() && args.get(0).type() == ExprType.DURATION) {
            Function part = switch (fn) {
                case "getHours" -> Function.TOTAL_HOURS;
                case "getMinutes" -> Function.TOTAL_MINUTES;
                case "getSeconds" -> Function.TOTAL_SECONDS;
                case "getMilliseconds" -> Function.TOTAL_MILLISECONDS;
                default -> null;
            };
            if (part != null) {
                return new Expr.Call(part, args, ExprType.INT);
            }
        }
        Function function = switch (fn) {
            case "startsWith" -> Function.STARTS_WITH;
            case "endsWith" -> Function.ENDS_WITH;
            case "contains" -> Function.CONTAINS;
            case "matches" -> Function.MATCHES;
            case "lowerAscii" -> Function.LOWER_ASCII;
            case "upperAscii" -> Function.UPPER_ASCII;
            case "getFullYear" -> Function.YEAR;
            case "getMonth" -> Function.MONTH;
            case "getDate", "getDayOfMonth" -> Function.DAY_OF_MONTH;
            case "getDayOfWeek" -> Function.DAY_OF_WEEK;
            case "getDayOfYear" -> Function.DAY_OF_YEAR;
            case "getHours" -> Function.HOURS;
            case "getMinutes" -> Function.MINUTES;
            case "daysAgo" -> Function.DAYS_AGO;
            case "hoursAgo" -> Function.HOURS_AGO;
            default -> null;
        };
        if (function == null) {
            return fail(e, "the function '" + fn + "' is not supported in audience expressions");
        }
        if ((function == Function.MATCHES) && !Constants.isConstant(args.get(1))) {
            return fail(e, "matches() takes a constant pattern");
        }
        if ((function == Function.DAYS_AGO || function == Function.HOURS_AGO) && !Constants.isConstant(args.get(0))) {
            return fail(e, fn + "() takes a constant number of days or hours, e.g. daysAgo(30) or daysAgo(vars.days)");
        }
        if (function == Function.MATCHES && args.get(1) instanceof Expr.Literal p && p.value() instanceof String re) {
            try {
                java.util.regex.Pattern.compile(re);
            } catch (java.util.regex.PatternSyntaxException ex) {
                return fail(e, "not a valid regular expression: " + ex.getDescription());
            }
        }
        if (args.size() == 2 && function.ordinal() >= Function.YEAR.ordinal() && function.ordinal() <= Function.MINUTES.ordinal()) {
            if (!(args.get(1) instanceof Expr.Literal zone && zone.value() instanceof String z) || !validZone(z)) {
                return fail(actual(call.args().get(0)), "the time zone must be a name such as \"Europe/Paris\" or \"UTC\"");
            }
        }
        Expr result = new Expr.Call(function, args, type);
        if (fn.equals("getDayOfMonth")) {
            // CEL: getDate() counts from 1, getDayOfMonth() from 0
            return new Expr.Arithmetic(Expr.Operator.SUBTRACT, result, new Expr.Literal(1L, ExprType.INT), ExprType.INT);
        }
        return result;
    }

    /**
     * A conversion, chosen by the type of its argument (see {@link Conversions}). A conversion to
     * the argument's own type is the argument (double() aside); one whose text the databases would write differently
     * than Herald does (a double's digits, a time's) is refused.
     */
    private Expr conversion(CelExpr e, String fn, Expr arg) {
        ExprType from = arg.type();
        return switch (fn) {
            case "uint" -> fail(e, "Herald has no unsigned numbers; use int()");
            case "int" -> from == ExprType.INT ? arg : new Expr.Call(Function.TO_INT, List.of(arg), ExprType.INT);
            // a decimal is a double to the checker, not to the databases: always converted
            case "double" -> new Expr.Call(Function.TO_DOUBLE, List.of(arg), ExprType.DOUBLE);
            case "bool" -> from == ExprType.BOOL ? arg : new Expr.Call(Function.TO_BOOL, List.of(arg), ExprType.BOOL);
            case "string" -> switch (from) {
                case STRING -> arg;
                case DOUBLE -> fail(e, "string() of a double is not supported: the databases write its digits differently; "
                        + "convert it with int() first, or compare the number");
                case TIMESTAMP -> fail(e, "string() of a time is not supported; compare times, or use their parts, e.g. "
                        + "t.getFullYear()");
                case DURATION -> fail(e, "string() of a duration is not supported; compare durations, or use d.getHours()");
                default -> new Expr.Call(Function.TO_STRING, List.of(arg), ExprType.STRING);
            };
            case "timestamp" -> switch (from) {
                case TIMESTAMP -> arg;
                case INT -> new Expr.Call(Function.FROM_SECONDS, List.of(arg), ExprType.TIMESTAMP);
                default -> fold(e, new Expr.Call(Function.TIMESTAMP, List.of(arg), ExprType.TIMESTAMP));
            };
            case "duration" -> from == ExprType.DURATION ? arg
                    : fold(e, new Expr.Call(Function.DURATION, List.of(arg), ExprType.DURATION));
            default -> from == ExprType.TIMESTAMP ? new Expr.Call(Function.DAY, List.of(arg), ExprType.TIMESTAMP)
                    : fold(e, new Expr.Call(Function.DATE, List.of(arg), ExprType.TIMESTAMP));
        };
    }

    /**
     * timestamp("…"), duration("…") and date("…") of literals become constants, so a bad one is an
     * error here; of a variable ({@code timestamp(vars.launch)}) they are computed when the
     * expression runs.
     */
    private Expr fold(CelExpr e, Expr call) {
        if (!Constants.isConstant(call)) {
            return fail(e, "timestamp(), duration() and date() read a constant text, e.g. timestamp(\"2026-01-01T00:00:00Z\"), "
                    + "date(\"2026-01-31\"), not a stored one: store times in timestamp or date fields");
        }
        java.util.Set<String> reads = new java.util.HashSet<>();
        collectVariables(call, reads);
        if (!reads.isEmpty()) {
            return call;
        }
        try {
            Object value = new Evaluator(Map.of(), Instant.EPOCH).constant(call);
            return new Expr.Literal(value, call.type());
        } catch (EvaluationException ex) {
            return fail(e, ex.getMessage());
        }
    }

    /** The variables a constant expression reads (a constant holds no field, link or aggregate). */
    private static void collectVariables(Expr e, java.util.Set<String> names) {
        switch (e) {
            case Expr.Variable v -> names.add(v.name());
            case Expr.Call c -> c.args().forEach(a -> collectVariables(a, names));
            case Expr.Not n -> collectVariables(n.operand(), names);
            case Expr.Negate n -> collectVariables(n.operand(), names);
            case Expr.And a -> {
                collectVariables(a.left(), names);
                collectVariables(a.right(), names);
            }
            case Expr.Or o -> {
                collectVariables(o.left(), names);
                collectVariables(o.right(), names);
            }
            case Expr.Compare c -> {
                collectVariables(c.left(), names);
                collectVariables(c.right(), names);
            }
            case Expr.Arithmetic a -> {
                collectVariables(a.left(), names);
                collectVariables(a.right(), names);
            }
            case Expr.In i -> {
                collectVariables(i.value(), names);
                i.items().forEach(x -> collectVariables(x, names));
            }
            case Expr.Conditional c -> {
                collectVariables(c.condition(), names);
                collectVariables(c.whenTrue(), names);
                collectVariables(c.whenFalse(), names);
            }
            case Expr.Literal l -> {
            }
            case Expr.Now n -> {
            }
            case Expr.FieldRef f -> {
            }
            case Expr.Has h -> {
            }
            case Expr.Quantified q -> {
            }
            case Expr.Aggregate a -> {
            }
        }
    }

    private static boolean validZone(String zone) {
        try {
            ZoneId.of(zone);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Expr.Comparison comparison(String fn) {
        return switch (fn) {
            case "_==_" -> Expr.Comparison.EQ;
            case "_!=_" -> Expr.Comparison.NE;
            case "_<_" -> Expr.Comparison.LT;
            case "_<=_" -> Expr.Comparison.LE;
            case "_>_" -> Expr.Comparison.GT;
            default -> Expr.Comparison.GE;
        };
    }

    static ExprType type(CelType t) {
        if (t.kind() == CelKind.NULL_TYPE) {
            return ExprType.NULL;
        }
        if (t.equals(SimpleType.INT) || t.equals(SimpleType.UINT)) {
            return ExprType.INT;
        }
        if (t.equals(SimpleType.DOUBLE)) {
            return ExprType.DOUBLE;
        }
        if (t.equals(SimpleType.STRING)) {
            return ExprType.STRING;
        }
        if (t.equals(SimpleType.BOOL)) {
            return ExprType.BOOL;
        }
        if (t.equals(SimpleType.TIMESTAMP)) {
            return ExprType.TIMESTAMP;
        }
        if (t.equals(SimpleType.DURATION)) {
            return ExprType.DURATION;
        }
        return ExprType.DYN;
    }

    static ExprType type(FieldType t) {
        return type(CelSchema.type(t));
    }

    private Expr fail(CelExpr e, String message) {
        Integer offset = ast.getSource().getPositionsMap().get(e.id());
        int line = 1;
        int column = 1;
        if (offset != null) {
            CelSourceLocation location = ast.getSource().getOffsetLocation(offset).orElse(null);
            if (location != null) {
                line = location.getLine();
                column = location.getColumn() + 1;
            }
        }
        problems.add(new InvalidExpressionException.Position(line, column, message));
        return new Expr.Literal(null, ExprType.NULL);
    }
}
