package dev.herald.liquid;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The filters of lists, as Ruby Liquid has them. A list in the input is flattened, a map is a
 * list of itself; a property is read from each item as Ruby's {@code item[property]} reads it.
 */
final class ListFilters {

    private ListFilters() {
    }

    /** An item that cannot be read by a property ({@code 5['title']}): the filter fails. */
    private static final class NotReadable extends RuntimeException {
        NotReadable() {
            super(null, null, false, false);
        }
    }

    /** An item that has no properties at all (nil, a number, true): some filters then give nil. */
    private static final class NoProperties extends RuntimeException {
        NoProperties() {
            super(null, null, false, false);
        }
    }

    static void register(Filters f) {
        f.add("join", 0, 1, Set.of(), (in, a, k, c) -> join(in, a.isEmpty() ? " " : Values.text(a.get(0))), "the items joined by a text (a space)");
        f.add("first", 0, 0, Set.of(), (in, a, k, c) -> first(in), "the first item, or the first character of a text");
        f.add("last", 0, 0, Set.of(), (in, a, k, c) -> last(in), "the last item, or the last character of a text");
        f.add("reverse", 0, 0, Set.of(), (in, a, k, c) -> {
            List<Object> items = Values.items(in);
            Collections.reverse(items);
            return items;
        }, "the items in reverse order");
        f.add("sort", 0, 1, Set.of(), (in, a, k, c) -> sort(in, a.isEmpty() ? null : a.get(0), false), "the items in order (by a property)");
        f.add("sort_natural", 0, 1, Set.of(), (in, a, k, c) -> sort(in, a.isEmpty() ? null : a.get(0), true),
                "the items in order, capitals and small letters alike");
        f.add("where", 1, 2, Set.of(), (in, a, k, c) -> select(in, a, Selection.WHERE), "the items whose property is true or a value");
        f.add("reject", 1, 2, Set.of(), (in, a, k, c) -> select(in, a, Selection.REJECT), "the items whose property is not true or not a value");
        f.add("has", 1, 2, Set.of(), (in, a, k, c) -> select(in, a, Selection.HAS), "whether an item's property is true or a value");
        f.add("find", 1, 2, Set.of(), (in, a, k, c) -> select(in, a, Selection.FIND), "the first item whose property is true or a value");
        f.add("find_index", 1, 2, Set.of(), (in, a, k, c) -> select(in, a, Selection.FIND_INDEX), "the position of that item");
        f.add("uniq", 0, 1, Set.of(), (in, a, k, c) -> uniq(in, a.isEmpty() ? null : a.get(0)), "the items without repeats (by a property)");
        f.add("compact", 0, 1, Set.of(), (in, a, k, c) -> compact(in, a.isEmpty() ? null : a.get(0)), "the items that are not nil (by a property)");
        f.add("map", 1, 1, Set.of(), (in, a, k, c) -> map(in, a.get(0)), "each item's property");
        f.add("sum", 0, 1, Set.of(), (in, a, k, c) -> sum(in, a.isEmpty() ? null : a.get(0)), "the sum of the items (or of a property)");
        f.add("concat", 1, 1, Set.of(), (in, a, k, c) -> {
            if (!(a.get(0) instanceof List<?> more) || a.get(0) instanceof LiquidRange) {
                throw new IllegalArgumentException("concat needs a list, not " + Values.inspect(a.get(0)));
            }
            List<Object> items = Values.items(in);
            items.addAll(more);
            return items;
        }, "the items followed by those of another list");
        f.add("default", 0, 1, Set.of("allow_false"), (in, a, k, c) -> {
            Object fallback = a.isEmpty() ? "" : a.get(0);
            boolean allowFalse = Values.truthy(k.get("allow_false"));
            boolean missing = allowFalse ? in == null : !Values.truthy(in);
            return missing || empty(in) ? fallback : in;
        }, "the value, or another when it is nil, false or empty (allow_false: true keeps false)");
    }

    private static boolean empty(Object v) {
        return v instanceof String s && s.isEmpty() || v instanceof java.util.Collection<?> c && c.isEmpty()
                || v instanceof Map<?, ?> m && m.isEmpty();
    }

    private static String join(Object in, String glue) {
        StringBuilder b = new StringBuilder();
        boolean first = true;
        for (Object o : Values.items(in)) {
            b.append(first ? "" : glue).append(Values.text(o));
            first = false;
        }
        return b.toString();
    }

    private static Object first(Object in) {
        return switch (in) {
            case String s -> s.isEmpty() ? "" : new String(Character.toChars(s.codePointAt(0)));
            case List<?> l -> l.isEmpty() ? null : l.getFirst();
            case Map<?, ?> m -> m.isEmpty() ? null : m.entrySet().stream().findFirst()
                    .map(e -> (Object) Arrays.asList(e.getKey(), e.getValue())).orElse(null);
            case null, default -> null;
        };
    }

    private static Object last(Object in) {
        return switch (in) {
            case String s -> s.isEmpty() ? "" : new String(Character.toChars(s.codePointBefore(s.length())));
            case List<?> l -> l.isEmpty() ? null : l.getLast();
            case null, default -> null;
        };
    }

    /** Ruby's {@code item[property]}. */
    static Object property(Object item, Object property) {
        return switch (item) {
            case Map<?, ?> m -> m.get(property);
            case Drop d -> property instanceof String s ? d.get(s) : null;
            case String s -> {
                if (property instanceof String p) {
                    yield s.contains(p) ? p : null;
                }
                if (Values.isInteger(property)) {
                    long i = ((Number) property).longValue();
                    int n = Values.length(s);
                    if (i < 0) {
                        i += n;
                    }
                    yield i >= 0 && i < n ? new String(Character.toChars(s.codePointAt(s.offsetByCodePoints(0, (int) i)))) : null;
                }
                throw new NotReadable();
            }
            case List<?> l -> {
                if (Values.isInteger(property)) {
                    long i = ((Number) property).longValue();
                    if (i < 0) {
                        i += l.size();
                    }
                    yield i >= 0 && i < l.size() ? l.get((int) i) : null;
                }
                throw new NotReadable();
            }
            case Long n -> {
                if (Values.isInteger(property)) {
                    yield (n >> ((Number) property).longValue()) & 1;
                }
                throw new NotReadable();
            }
            case Integer n -> property(n.longValue(), property);
            case null, default -> throw new NoProperties();
        };
    }

    private static IllegalArgumentException cannotSelect(Object property) {
        return new IllegalArgumentException("cannot select the property '" + Values.text(property) + "'");
    }

    private static Comparator<Object> order(boolean natural) {
        return (a, b) -> {
            if (natural) {
                if (a != null && b != null) {
                    return Values.text(a).toLowerCase(Locale.ROOT).compareTo(Values.text(b).toLowerCase(Locale.ROOT));
                }
                return a == null && b == null ? 0 : a == null ? 1 : -1;
            }
            Integer o = Values.order(a, b);
            if (o != null) {
                return o;
            }
            if (a == null) {
                return 1;
            }
            if (b == null) {
                return -1;
            }
            throw new IllegalArgumentException("cannot sort values of incompatible types (" + Values.inspect(a) + ", " + Values.inspect(b) + ")");
        };
    }

    private static Object sort(Object in, Object property, boolean natural) {
        List<Object> items = Values.items(in);
        if (items.isEmpty()) {
            return items;
        }
        Comparator<Object> order = order(natural);
        if (property == null) {
            items.sort(order);
            return items;
        }
        try {
            for (Object i : items) {
                property(i, property);
            }
            items.sort((a, b) -> order.compare(property(a, property), property(b, property)));
        } catch (NotReadable e) {
            throw cannotSelect(property);
        } catch (NoProperties e) {
            return null;
        }
        return items;
    }

    private enum Selection { WHERE, REJECT, HAS, FIND, FIND_INDEX }

    private static Object select(Object in, List<Object> a, Selection how) {
        Object property = a.get(0);
        Object target = a.size() > 1 ? a.get(1) : null;
        List<Object> items = Values.items(in);
        if (items.isEmpty()) {
            return switch (how) {
                case WHERE, REJECT -> items;
                case HAS -> false;
                default -> null;
            };
        }
        List<Object> kept = new ArrayList<>();
        try {
            for (int i = 0; i < items.size(); i++) {
                Object item = items.get(i);
                Object v = property(item, property);
                boolean match = target == null ? Values.truthy(v) : Values.equal(v, target);
                switch (how) {
                    case WHERE -> {
                        if (match) {
                            kept.add(item);
                        }
                    }
                    case REJECT -> {
                        if (!match) {
                            kept.add(item);
                        }
                    }
                    case HAS -> {
                        if (match) {
                            return true;
                        }
                    }
                    case FIND -> {
                        if (match) {
                            return item;
                        }
                    }
                    case FIND_INDEX -> {
                        if (match) {
                            return (long) i;
                        }
                    }
                }
            }
        } catch (NotReadable e) {
            throw cannotSelect(property);
        } catch (NoProperties e) {
            return null;
        }
        return switch (how) {
            case WHERE, REJECT -> kept;
            case HAS -> false;
            default -> null;
        };
    }

    /** Ruby's {@code uniq} tells 1 from 1.0, unlike {@code ==}. */
    private static boolean same(Object a, Object b) {
        if (a instanceof Number && b instanceof Number) {
            return Values.isInteger(a) == Values.isInteger(b) && Values.equal(a, b);
        }
        return Values.equal(a, b);
    }

    private static Object uniq(Object in, Object property) {
        List<Object> items = Values.items(in);
        if (property != null && items.isEmpty()) {
            return items;
        }
        List<Object> kept = new ArrayList<>();
        List<Object> seen = new ArrayList<>();
        try {
            for (Object item : items) {
                Object key = property == null ? item : property(item, property);
                if (seen.stream().noneMatch(s -> same(s, key))) {
                    seen.add(key);
                    kept.add(item);
                }
            }
        } catch (NotReadable e) {
            throw cannotSelect(property);
        } catch (NoProperties e) {
            return null;
        }
        return kept;
    }

    private static Object compact(Object in, Object property) {
        List<Object> items = Values.items(in);
        List<Object> kept = new ArrayList<>();
        try {
            for (Object item : items) {
                if ((property == null ? item : property(item, property)) != null) {
                    kept.add(item);
                }
            }
        } catch (NotReadable e) {
            throw cannotSelect(property);
        } catch (NoProperties e) {
            return null;
        }
        return kept;
    }

    private static Object map(Object in, Object property) {
        List<Object> out = new ArrayList<>();
        for (Object item : Values.items(in)) {
            if ("to_liquid".equals(property)) {
                out.add(item);
                continue;
            }
            try {
                out.add(property(item, property));
            } catch (NotReadable e) {
                throw cannotSelect(property);
            } catch (NoProperties e) {
                out.add(null);
            }
        }
        return out;
    }

    private static Object sum(Object in, Object property) {
        List<Object> items = Values.items(in);
        BigDecimal total = BigDecimal.ZERO;
        boolean decimal = false;
        for (Object item : items) {
            Object v;
            if (property == null) {
                v = item;
            } else {
                try {
                    v = property(item, property);
                } catch (NotReadable e) {
                    throw cannotSelect(property);
                } catch (NoProperties e) {
                    v = 0L;
                }
            }
            Number n = Values.number(v);
            decimal |= !Values.isInteger(n);
            total = total.add(Values.decimal(n));
        }
        return decimal ? (Object) total.doubleValue() : (Object) total.longValueExact();
    }
}
