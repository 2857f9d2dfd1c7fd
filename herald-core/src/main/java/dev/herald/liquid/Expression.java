package dev.herald.liquid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A value in a template: a literal, a variable with its lookups, a range, or a value passed through filters. */
sealed interface Expression {

    Object evaluate(RenderContext c);

    /** The variables this expression reads, for validation. */
    default void variables(Consumer<Lookup> found) {
    }

    record Literal(Object value) implements Expression {
        @Override
        public Object evaluate(RenderContext c) {
            return value;
        }
    }

    /**
     * {@code profile.first_name}, {@code items[0].title}, {@code ['a b']}: a name (or, in brackets,
     * an expression giving one), then keys — names after a dot, expressions in brackets.
     * {@code size}, {@code first} and {@code last} after a dot are also what Ruby's lists, maps
     * and texts answer to them, when the value has no such key.
     */
    record Lookup(String name, Expression nameExpression, List<Object> keys, int line) implements Expression {

        private static final java.util.Set<String> COMMANDS = java.util.Set.of("size", "first", "last");

        @Override
        public Object evaluate(RenderContext c) {
            String root = name != null ? name : Values.text(nameExpression.evaluate(c));
            Object object = c.find(root);
            for (Object key : keys) {
                boolean command = key instanceof String s && COMMANDS.contains(s);
                Object k = key instanceof Expression e ? e.evaluate(c) : key;
                object = step(object, k, command);
                if (object == MISSING) {
                    return null;
                }
            }
            return object;
        }

        private static final Object MISSING = new Object();

        static Object step(Object object, Object key, boolean command) {
            if (object instanceof Map<?, ?> m && m.containsKey(key)) {
                return m.get(key);
            }
            if (object instanceof List<?> l && Values.isInteger(key)) {
                long i = ((Number) key).longValue();
                if (i < 0) {
                    i += l.size();
                }
                return i >= 0 && i < l.size() ? l.get((int) i) : MISSING;
            }
            if (object instanceof Drop d && key instanceof String s) {
                Object v = d.get(s);
                return v == null ? MISSING : v;
            }
            if (command) {
                String k = (String) key;
                switch (object) {
                    case List<?> l -> {
                        return switch (k) {
                            case "size" -> (long) l.size();
                            case "first" -> l.isEmpty() ? null : l.getFirst();
                            default -> l.isEmpty() ? null : l.getLast();
                        };
                    }
                    case Map<?, ?> m -> {
                        if (k.equals("size")) {
                            return (long) m.size();
                        }
                        if (k.equals("first")) {
                            return m.isEmpty() ? null : m.entrySet().stream().findFirst()
                                    .map(e -> (Object) java.util.Arrays.asList(e.getKey(), e.getValue())).orElse(null);
                        }
                        return MISSING;
                    }
                    case String s -> {
                        int n = Values.length(s);
                        return switch (k) {
                            case "size" -> (long) n;
                            case "first" -> n == 0 ? "" : new String(Character.toChars(s.codePointAt(0)));
                            default -> n == 0 ? "" : new String(Character.toChars(s.codePointBefore(s.length())));
                        };
                    }
                    case null, default -> {
                        return MISSING;
                    }
                }
            }
            return MISSING;
        }

        @Override
        public void variables(Consumer<Lookup> found) {
            found.accept(this);
            if (nameExpression != null) {
                nameExpression.variables(found);
            }
            for (Object k : keys) {
                if (k instanceof Expression e) {
                    e.variables(found);
                }
            }
        }

        /** The names after the root, as long as they are plain names (not brackets). */
        List<String> plainKeys() {
            List<String> out = new ArrayList<>();
            for (Object k : keys) {
                if (k instanceof String s) {
                    out.add(s);
                } else if (k instanceof Expression.Literal l && l.value() instanceof String s) {
                    out.add(s);
                } else {
                    break;
                }
            }
            return out;
        }
    }

    /** {@code (1..5)}, {@code (1..n)}: the integers between two values, as Ruby's {@code to_i} reads them. */
    record Range(Expression from, Expression to) implements Expression {
        @Override
        public Object evaluate(RenderContext c) {
            return new LiquidRange(bound(from, c), bound(to, c));
        }

        private static long bound(Expression e, RenderContext c) {
            Object v = e.evaluate(c);
            if (e instanceof Literal && v instanceof Number n) {
                return n.longValue(); // a literal 1.4 counts as 1, as Ruby's to_i has it
            }
            return switch (v) {
                case null -> 0;
                case Number n when Values.isInteger(n) -> n.longValue();
                case String s -> Values.leadingInteger(s);
                default -> throw new LiquidRenderException(c.templateName(), 0, "a range needs integers, not " + Values.inspect(v));
            };
        }

        @Override
        public void variables(Consumer<Lookup> found) {
            from.variables(found);
            to.variables(found);
        }
    }

    /** A filter and its arguments, as written after a {@code |}. */
    record FilterCall(String name, Filters.Filter filter, List<Expression> args, Map<String, Expression> keywords, int line) {

        Object apply(Object input, RenderContext c) {
            List<Object> values = new ArrayList<>(args.size());
            for (Expression a : args) {
                values.add(a.evaluate(c));
            }
            Map<String, Object> named = keywords.isEmpty() ? Map.of() : new LinkedHashMap<>();
            keywords.forEach((k, e) -> named.put(k, e.evaluate(c)));
            return filter.apply(input, values, named, c);
        }
    }

    /** {@code profile.first_name | default: "there" | upcase}: a value passed through filters, left to right. */
    record Filtered(Expression value, List<FilterCall> filters) implements Expression {
        @Override
        public Object evaluate(RenderContext c) {
            Object v = value == null ? null : value.evaluate(c);
            for (FilterCall f : filters) {
                try {
                    v = f.apply(v, c);
                } catch (LiquidException e) {
                    throw e;
                } catch (ArithmeticException | IllegalArgumentException | ClassCastException | IndexOutOfBoundsException e) {
                    throw new LiquidRenderException(c.templateName(), f.line(), f.name() + ": " + reason(e));
                }
                c.checkValue(v, f.line());
            }
            return v;
        }

        private static String reason(RuntimeException e) {
            if (e instanceof ArithmeticException a && String.valueOf(a.getMessage()).contains("zero")) {
                return "divided by 0";
            }
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }

        /** Whether the last filter is {@code raw}: the value is written as it is, without escaping. */
        boolean raw() {
            return !filters.isEmpty() && filters.getLast().name().equals("raw");
        }

        @Override
        public void variables(Consumer<Lookup> found) {
            if (value != null) {
                value.variables(found);
            }
            for (FilterCall f : filters) {
                f.args().forEach(a -> a.variables(found));
                f.keywords().values().forEach(a -> a.variables(found));
            }
        }
    }
}
