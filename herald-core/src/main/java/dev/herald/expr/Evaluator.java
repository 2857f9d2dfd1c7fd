package dev.herald.expr;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Evaluates an expression on one record, in memory, with the same meaning as its SQL: unknown
 * (null) propagates through comparisons, arithmetic and functions; {@code &&}/{@code ||} follow
 * Kleene logic; a record matches only when the result is true.
 */
public final class Evaluator {

    private final Map<String, Object> variables;
    private final Instant now;
    private final Map<String, Pattern> patterns = new HashMap<>();

    /** {@code variables} are the values of {@code vars.*}; {@code now} is the instant the whole evaluation uses. */
    public Evaluator(Map<String, Object> variables, Instant now) {
        this.variables = variables;
        this.now = now == null ? null : now.truncatedTo(ChronoUnit.MICROS);
    }

    public boolean matches(CheckedExpression expression, Row record) {
        return matches(expression, record, null);
    }

    /** Whether the condition is true for {@code record}, whose worktable columns are {@code target} (may be null). */
    public boolean matches(CheckedExpression expression, Row record, Row target) {
        return Boolean.TRUE.equals(value(expression, record, target));
    }

    /** The value of an expression for {@code record}, whose worktable columns are {@code target} (may be null). */
    public Object value(CheckedExpression expression, Row record, Row target) {
        Map<String, Row> scope = new HashMap<>();
        scope.put(expression.dimension().name(), record);
        if (expression.target() != null) {
            scope.put(expression.target().name(), target);
        }
        return value(expression.root(), scope);
    }

    /** The value of a constant expression (no fields). */
    public Object constant(Expr e) {
        return value(e, Map.of());
    }

    Object value(Expr e, Map<String, Row> scope) {
        return switch (e) {
            case Expr.Literal l -> l.value();
            case Expr.Now n -> now;
            case Expr.Variable v -> variable(v.name());
            case Expr.FieldRef f -> field(f, scope);
            case Expr.Has h -> field(h.field(), scope) != null;
            case Expr.Not n -> not(value(n.operand(), scope));
            case Expr.Negate n -> negate(value(n.operand(), scope));
            case Expr.And a -> and(value(a.left(), scope), a.right(), scope);
            case Expr.Or o -> or(value(o.left(), scope), o.right(), scope);
            case Expr.Compare c -> compare(c, scope);
            case Expr.Arithmetic a -> arithmetic(a.op(), value(a.left(), scope), value(a.right(), scope), a.type());
            case Expr.In i -> in(value(i.value(), scope), i.items(), scope);
            case Expr.Conditional c -> Boolean.TRUE.equals(value(c.condition(), scope))
                    ? value(c.whenTrue(), scope) : value(c.whenFalse(), scope);
            case Expr.Call c -> call(c, scope);
            case Expr.Quantified q -> quantified(q, scope);
            case Expr.Aggregate a -> aggregate(a, scope);
        };
    }

    private Object variable(String name) {
        if (!variables.containsKey(name)) {
            throw new EvaluationException("no value for vars." + name + " (given: "
                    + (variables.isEmpty() ? "none" : String.join(", ", variables.keySet())) + ")");
        }
        return normalize(variables.get(name));
    }

    private static Object field(Expr.FieldRef f, Map<String, Row> scope) {
        Row row = scope.get(f.scope());
        for (var hop : f.hops()) {
            if (row == null) {
                return null;
            }
            row = row.one(hop);
        }
        return row == null ? null : normalize(row.get(f.field().name()));
    }

    static Object normalize(Object v) {
        return switch (v) {
            case Integer i -> (long) i;
            case Short s -> (long) s;
            case Float f -> (double) f;
            case LocalDate d -> d.atStartOfDay(ZoneOffset.UTC).toInstant();
            case OffsetDateTime t -> t.toInstant().truncatedTo(ChronoUnit.MICROS);
            case Instant t -> t.truncatedTo(ChronoUnit.MICROS);
            case null, default -> v;
        };
    }

    private static Object not(Object v) {
        return v == null ? null : !(Boolean) v;
    }

    private static Object negate(Object v) {
        return switch (v) {
            case null -> null;
            case Long l -> -l;
            case Double d -> -d;
            case BigDecimal d -> d.negate().doubleValue();
            default -> throw new EvaluationException("cannot negate " + v);
        };
    }

    private Object and(Object left, Expr right, Map<String, Row> scope) {
        if (Boolean.FALSE.equals(left)) {
            return false;
        }
        Object r = value(right, scope);
        if (Boolean.FALSE.equals(r)) {
            return false;
        }
        return left == null || r == null ? null : true;
    }

    private Object or(Object left, Expr right, Map<String, Row> scope) {
        if (Boolean.TRUE.equals(left)) {
            return true;
        }
        Object r = value(right, scope);
        if (Boolean.TRUE.equals(r)) {
            return true;
        }
        return left == null || r == null ? null : false;
    }

    private Object compare(Expr.Compare c, Map<String, Row> scope) {
        Object a = value(c.left(), scope);
        Object b = value(c.right(), scope);
        if (a == null || b == null) {
            return null;
        }
        int order = order(a, b);
        return switch (c.op()) {
            case EQ -> order == 0;
            case NE -> order != 0;
            case LT -> order < 0;
            case LE -> order <= 0;
            case GT -> order > 0;
            case GE -> order >= 0;
        };
    }

    /** Numbers compare by value (as doubles unless both are integers); strings by code point. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int order(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof Number x && b instanceof Number y) {
            double dx = x.doubleValue();
            double dy = y.doubleValue();
            return dx < dy ? -1 : dx > dy ? 1 : 0; // as SQL does: -0.0 equals 0.0
        }
        if (a instanceof String x && b instanceof String y) {
            return codePointOrder(x, y);
        }
        if (a.getClass() != b.getClass()) {
            throw new EvaluationException("cannot compare " + a.getClass().getSimpleName() + " with " + b.getClass().getSimpleName());
        }
        return ((Comparable) a).compareTo(b);
    }

    private static int codePointOrder(String x, String y) {
        int i = 0;
        int j = 0;
        while (i < x.length() && j < y.length()) {
            int a = x.codePointAt(i);
            int b = y.codePointAt(j);
            if (a != b) {
                return Integer.compare(a, b);
            }
            i += Character.charCount(a);
            j += Character.charCount(b);
        }
        return Integer.compare(x.length() - i, y.length() - j);
    }

    private static Object arithmetic(Expr.Operator op, Object a, Object b, ExprType type) {
        if (a == null || b == null) {
            return null;
        }
        if (a instanceof String x && b instanceof String y) {
            return x + y;
        }
        if (a instanceof Instant t && b instanceof Duration d) {
            return op == Expr.Operator.ADD ? t.plus(d) : t.minus(d);
        }
        if (a instanceof Duration d && b instanceof Instant t && op == Expr.Operator.ADD) {
            return t.plus(d);
        }
        if (a instanceof Instant x && b instanceof Instant y) {
            return Duration.between(y, x);
        }
        if (a instanceof Duration x && b instanceof Duration y) {
            return op == Expr.Operator.ADD ? x.plus(y) : x.minus(y);
        }
        if (a instanceof Long x && b instanceof Long y) {
            return switch (op) {
                case ADD -> x + y;
                case SUBTRACT -> x - y;
                case MULTIPLY -> x * y;
                case DIVIDE -> y == 0 ? null : x / y;
                case MODULO -> y == 0 ? null : x % y;
            };
        }
        double x = ((Number) a).doubleValue();
        double y = ((Number) b).doubleValue();
        return switch (op) {
            case ADD -> x + y;
            case SUBTRACT -> x - y;
            case MULTIPLY -> x * y;
            case DIVIDE -> y == 0 ? null : x / y;
            case MODULO -> y == 0 ? null : x % y;
        };
    }

    private Object in(Object v, List<Expr> items, Map<String, Row> scope) {
        if (v == null) {
            return null;
        }
        boolean unknown = false;
        for (Expr item : items) {
            Object i = value(item, scope);
            if (i == null) {
                unknown = true;
            } else if (order(v, i) == 0) {
                return true;
            }
        }
        return unknown ? null : false;
    }

    private Object call(Expr.Call c, Map<String, Row> scope) {
        List<Object> args = new ArrayList<>();
        for (Expr a : c.args()) {
            args.add(value(a, scope));
        }
        if (args.stream().anyMatch(a -> a == null)) {
            return null;
        }
        Object a = args.get(0);
        return switch (c.function()) {
            case STARTS_WITH -> ((String) a).startsWith((String) args.get(1));
            case ENDS_WITH -> ((String) a).endsWith((String) args.get(1));
            case CONTAINS -> ((String) a).contains((String) args.get(1));
            case MATCHES -> patterns.computeIfAbsent((String) args.get(1), Pattern::compile).matcher((String) a).find();
            case LOWER_ASCII -> ascii((String) a, true);
            case UPPER_ASCII -> ascii((String) a, false);
            case SIZE -> (long) ((String) a).codePointCount(0, ((String) a).length());
            case YEAR, MONTH, DAY_OF_MONTH, DAY_OF_WEEK, DAY_OF_YEAR, HOURS, MINUTES -> datePart(c.function(), (Instant) a,
                    args.size() > 1 ? ZoneId.of((String) args.get(1)) : ZoneOffset.UTC);
            case DAYS_AGO -> now.minus((Long) a, ChronoUnit.DAYS);
            case HOURS_AGO -> now.minus((Long) a, ChronoUnit.HOURS);
            case TIMESTAMP -> timestamp((String) a);
            case DURATION -> Durations.parse((String) a);
            case DATE -> date((String) a);
            case TO_INT -> Conversions.toInt(a);
            case TO_DOUBLE -> Conversions.toDouble(a);
            case TO_STRING -> Conversions.toText(a);
            case TO_BOOL -> Conversions.toBool(a);
            case FROM_SECONDS -> Conversions.fromSeconds((Long) a);
            case DAY -> Conversions.day((Instant) a);
            case TOTAL_HOURS -> Durations.micros((Duration) a) / 3_600_000_000L;
            case TOTAL_MINUTES -> Durations.micros((Duration) a) / 60_000_000L;
            case TOTAL_SECONDS -> Durations.micros((Duration) a) / 1_000_000L;
            case TOTAL_MILLISECONDS -> Durations.micros((Duration) a) / 1_000L;
        };
    }

    private static long datePart(Function f, Instant t, ZoneId zone) {
        ZonedDateTime z = t.atZone(zone);
        return switch (f) {
            case YEAR -> z.getYear();
            case MONTH -> z.getMonthValue() - 1;
            case DAY_OF_MONTH -> z.getDayOfMonth();
            case DAY_OF_WEEK -> z.getDayOfWeek().getValue() % 7;
            case DAY_OF_YEAR -> z.getDayOfYear() - 1;
            case HOURS -> z.getHour();
            default -> z.getMinute();
        };
    }

    /** Times are precise to the microsecond, as the stores keep them: finer digits are dropped. */
    private static Instant timestamp(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw new EvaluationException("not a valid timestamp: \"" + text + "\" (write RFC 3339, e.g. \"2026-01-31T10:00:00Z\")");
        }
    }

    private static Instant date(String text) {
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new EvaluationException("not a valid date: \"" + text + "\" (write year-month-day, e.g. \"2026-01-31\")");
        }
    }

    private static String ascii(String s, boolean lower) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (lower && c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            } else if (!lower && c >= 'a' && c <= 'z') {
                c = (char) (c - 32);
            }
            b.append(c);
        }
        return b.toString();
    }

    private List<Row> rows(Expr.Rows rows, Map<String, Row> scope) {
        Row owner = scope.get(rows.scope());
        for (var hop : rows.hops()) {
            if (owner == null) {
                return List.of();
            }
            owner = owner.one(hop);
        }
        if (owner == null) {
            return List.of();
        }
        List<Row> result = new ArrayList<>();
        for (Row row : owner.many(rows.link())) {
            boolean keep = true;
            for (Expr.Filter f : rows.filters()) {
                if (!Boolean.TRUE.equals(value(f.condition(), with(scope, f.variable(), row)))) {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                result.add(row);
            }
        }
        return result;
    }

    private static Map<String, Row> with(Map<String, Row> scope, String variable, Row row) {
        Map<String, Row> inner = new HashMap<>(scope);
        inner.put(variable, row);
        return inner;
    }

    private Object quantified(Expr.Quantified q, Map<String, Row> scope) {
        int matching = 0;
        List<Row> rows = rows(q.rows(), scope);
        for (Row row : rows) {
            if (Boolean.TRUE.equals(value(q.condition(), with(scope, q.variable(), row)))) {
                matching++;
            }
        }
        return switch (q.quantifier()) {
            case EXISTS -> matching > 0;
            case ALL -> matching == rows.size();
            case EXISTS_ONE -> matching == 1;
        };
    }

    private Object aggregate(Expr.Aggregate a, Map<String, Row> scope) {
        List<Row> rows = rows(a.rows(), scope);
        if (a.aggregation() == Expr.Aggregation.COUNT) {
            return (long) rows.size();
        }
        List<Object> values = new ArrayList<>();
        for (Row row : rows) {
            Object v = value(a.value(), with(scope, a.variable(), row));
            if (v != null) {
                values.add(v);
            }
        }
        return switch (a.aggregation()) {
            case SUM -> sum(values, a.type());
            case AVG -> values.isEmpty() ? null : decimal(sum(values, ExprType.DOUBLE)).divide(BigDecimal.valueOf(values.size()),
                    java.math.MathContext.DECIMAL64).doubleValue();
            case MIN, MAX -> values.stream().reduce((x, y) -> (order(x, y) <= 0) == (a.aggregation() == Expr.Aggregation.MIN) ? x : y)
                    .map(v -> v instanceof BigDecimal d ? (Object) d.doubleValue() : v).orElse(null);
            case COUNT -> throw new IllegalStateException();
        };
    }

    private static Object sum(List<Object> values, ExprType type) {
        if (type == ExprType.INT) {
            long total = 0;
            for (Object v : values) {
                total += (Long) v;
            }
            return total;
        }
        BigDecimal total = BigDecimal.ZERO;
        for (Object v : values) {
            total = total.add(decimal(v));
        }
        return total.doubleValue();
    }

    private static BigDecimal decimal(Object v) {
        return switch (v) {
            case BigDecimal d -> d;
            case Long l -> BigDecimal.valueOf(l);
            case Double d -> BigDecimal.valueOf(d);
            default -> throw new EvaluationException("not a number: " + v);
        };
    }
}
