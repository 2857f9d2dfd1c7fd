package dev.herald.liquid;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The condition of an {@code if}, {@code unless}, {@code elsif} or {@code when}: comparisons joined
 * by {@code and} and {@code or}, read from right to left as Liquid does ({@code a and b or c} is
 * {@code a and (b or c)}).
 */
sealed interface Condition {

    /** The value the condition gives (its truth is {@link Values#truthy}). */
    Object evaluate(RenderContext c);

    void variables(Consumer<Expression.Lookup> found);

    /** Always true: an {@code else}. */
    record Otherwise() implements Condition {
        @Override
        public Object evaluate(RenderContext c) {
            return true;
        }

        @Override
        public void variables(Consumer<Expression.Lookup> found) {
        }
    }

    /** {@code left}, or {@code left op right}; {@code blank} and {@code empty} on either side test the other. */
    record Comparison(Object left, String op, Object right) implements Condition {

        @Override
        public Object evaluate(RenderContext c) {
            Object l = value(left, c);
            if (op == null) {
                return l instanceof Special ? "" : l;
            }
            Object r = value(right, c);
            return switch (op) {
                case "==" -> equal(l, r);
                case "!=", "<>" -> !equal(l, r);
                case "contains" -> contains(l, r);
                default -> relation(l, r, c);
            };
        }

        private static Object value(Object side, RenderContext c) {
            return side instanceof Expression e ? e.evaluate(c) : side;
        }

        private static boolean equal(Object l, Object r) {
            if (l instanceof Special s) {
                return s.matches(r);
            }
            if (r instanceof Special s) {
                return s.matches(l);
            }
            return Values.equal(l, r);
        }

        private static boolean contains(Object l, Object r) {
            if (l == null || r == null || Boolean.FALSE.equals(r)) {
                return false;
            }
            return switch (l) {
                case String s -> s.contains(Values.text(r));
                case Collection<?> items -> items.stream().anyMatch(i -> Values.equal(i, r));
                case Map<?, ?> m -> m.containsKey(r);
                default -> false;
            };
        }

        private Object relation(Object l, Object r, RenderContext c) {
            boolean lo = l instanceof Number || l instanceof String;
            boolean ro = r instanceof Number || r instanceof String;
            if (!lo || !ro) {
                return false;
            }
            Integer order = Values.order(l, r);
            if (order == null) {
                throw new LiquidRenderException(c.templateName(), 0, "cannot compare " + Values.inspect(l) + " " + op + " " + Values.inspect(r)
                        + " (a " + kind(l) + " with a " + kind(r) + ")");
            }
            return switch (op) {
                case "<" -> order < 0;
                case ">" -> order > 0;
                case "<=" -> order <= 0;
                default -> order >= 0;
            };
        }

        private static String kind(Object v) {
            return v instanceof String ? "text" : "number";
        }

        @Override
        public void variables(Consumer<Expression.Lookup> found) {
            if (left instanceof Expression e) {
                e.variables(found);
            }
            if (right instanceof Expression e) {
                e.variables(found);
            }
        }
    }

    /** Comparisons joined by {@code and}/{@code or}: {@code ops.get(i)} joins {@code parts.get(i)} to what follows. */
    record Joined(List<Comparison> parts, List<String> ops) implements Condition {
        @Override
        public Object evaluate(RenderContext c) {
            Object result = null;
            for (int i = 0; i < parts.size(); i++) {
                result = parts.get(i).evaluate(c);
                if (i == ops.size()) {
                    break;
                }
                boolean truth = Values.truthy(result);
                if (ops.get(i).equals("or") ? truth : !truth) {
                    break;
                }
            }
            return result;
        }

        @Override
        public void variables(Consumer<Expression.Lookup> found) {
            parts.forEach(p -> p.variables(found));
        }
    }
}
