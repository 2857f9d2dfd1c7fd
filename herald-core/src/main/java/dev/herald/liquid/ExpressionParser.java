package dev.herald.liquid;

import dev.herald.liquid.Markup.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads expressions, filters and conditions from a tag's or an output's {@link Markup}, strictly:
 * whatever is left over, an unknown filter or a filter with the wrong number of arguments is an
 * error with its line.
 */
final class ExpressionParser {

    private static final int MAX_DEPTH = 50;

    private final Filters filters;

    ExpressionParser(Filters filters) {
        this.filters = filters;
    }

    /** {@code value | filter: args | …} up to the end of the markup. */
    Expression.Filtered filtered(Markup m) {
        Expression.Filtered f = filteredPart(m);
        m.end();
        return f;
    }

    /** {@code value | filter: args | …}, stopping at what is not part of it. */
    Expression.Filtered filteredPart(Markup m) {
        if (m.atEnd()) {
            return new Expression.Filtered(null, List.of());
        }
        Expression value = expression(m, false);
        List<Expression.FilterCall> calls = new ArrayList<>();
        while (m.accept(Kind.PIPE)) {
            String name = m.consume(Kind.ID);
            List<Expression> args = new ArrayList<>();
            Map<String, Expression> keywords = new LinkedHashMap<>();
            if (m.accept(Kind.COLON)) {
                do {
                    if (m.look(Kind.ID) && m.look(Kind.COLON, 1)) {
                        String key = m.consume(Kind.ID);
                        m.consume(Kind.COLON);
                        keywords.put(key, expression(m, false));
                    } else {
                        args.add(expression(m, false));
                    }
                } while (m.accept(Kind.COMMA));
            }
            calls.add(new Expression.FilterCall(name, filters.find(name, args.size(), keywords.keySet(), m), args, keywords, m.line()));
        }
        return new Expression.Filtered(value, calls);
    }

    Expression expression(Markup m, boolean inCondition) {
        return expression(m, inCondition, 0);
    }

    private Expression expression(Markup m, boolean inCondition, int depth) {
        if (depth > MAX_DEPTH) {
            throw m.error("brackets nested more than " + MAX_DEPTH + " deep");
        }
        Markup.Tok t = m.peek();
        switch (t.kind()) {
            case ID -> {
                m.next();
                List<Object> keys = lookups(m, depth);
                if (keys.isEmpty()) {
                    switch (t.text()) {
                        case "nil", "null" -> {
                            return new Expression.Literal(null);
                        }
                        case "true" -> {
                            return new Expression.Literal(true);
                        }
                        case "false" -> {
                            return new Expression.Literal(false);
                        }
                        case "blank" -> {
                            return new Expression.Literal(inCondition ? Special.BLANK : "");
                        }
                        case "empty" -> {
                            return new Expression.Literal(inCondition ? Special.EMPTY : "");
                        }
                        default -> {
                        }
                    }
                }
                return new Expression.Lookup(t.text(), null, keys, m.line());
            }
            case OPEN_SQUARE -> {
                m.next();
                Expression name = expression(m, false, depth + 1);
                m.consume(Kind.CLOSE_SQUARE);
                List<Object> keys = lookups(m, depth);
                if (name instanceof Expression.Literal l && l.value() instanceof String s) {
                    return new Expression.Lookup(s, null, keys, m.line());
                }
                return new Expression.Lookup(null, name, keys, m.line());
            }
            case STRING -> {
                m.next();
                return new Expression.Literal(t.text());
            }
            case NUMBER -> {
                m.next();
                return new Expression.Literal(number(t.text(), m));
            }
            case OPEN_ROUND -> {
                m.next();
                Expression from = expression(m, false, depth + 1);
                m.consume(Kind.DOTDOT);
                Expression to = expression(m, false, depth + 1);
                m.consume(Kind.CLOSE_ROUND);
                Expression.Range range = new Expression.Range(from, to);
                if (from instanceof Expression.Literal f && to instanceof Expression.Literal l
                        && !(f.value() instanceof Boolean) && !(l.value() instanceof Boolean)) {
                    return new Expression.Literal(range.evaluate(null));
                }
                return range;
            }
            default -> throw m.error(t.kind() == Kind.END ? "a value is missing" : "'" + t.text() + "' is not a value");
        }
    }

    private static Object number(String text, Markup m) {
        if (text.contains(".")) {
            return Double.parseDouble(text);
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw m.error("the number " + text + " is too large");
        }
    }

    private List<Object> lookups(Markup m, int depth) {
        List<Object> keys = new ArrayList<>();
        while (true) {
            if (m.accept(Kind.OPEN_SQUARE)) {
                Expression key = expression(m, false, depth + 1);
                m.consume(Kind.CLOSE_SQUARE);
                keys.add(key instanceof Expression.Literal l && !(l.value() instanceof String) ? l.value() : key);
            } else if (m.accept(Kind.DOT)) {
                keys.add(m.consume(Kind.ID));
            } else {
                return keys;
            }
        }
    }

    /** A condition up to the end of the markup. */
    Condition condition(Markup m) {
        List<Condition.Comparison> parts = new ArrayList<>();
        List<String> ops = new ArrayList<>();
        parts.add(comparison(m));
        while (true) {
            if (m.acceptWord("and")) {
                ops.add("and");
            } else if (m.acceptWord("or")) {
                ops.add("or");
            } else {
                break;
            }
            parts.add(comparison(m));
        }
        m.end();
        return parts.size() == 1 ? parts.getFirst() : new Condition.Joined(parts, ops);
    }

    private Condition.Comparison comparison(Markup m) {
        Expression left = expression(m, true);
        if (m.look(Kind.COMPARISON)) {
            String op = m.next().text();
            Expression right = expression(m, true);
            return new Condition.Comparison(side(left), op, side(right));
        }
        return new Condition.Comparison(side(left), null, null);
    }

    /** A literal {@code blank} or {@code empty} stays itself, to test the other side. */
    private static Object side(Expression e) {
        return e instanceof Expression.Literal l && l.value() instanceof Special s ? s : e;
    }
}
