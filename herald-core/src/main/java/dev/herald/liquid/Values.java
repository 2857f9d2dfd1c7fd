package dev.herald.liquid;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What values mean in Liquid, as Shopify's Ruby Liquid has it: only nil and false are false; text
 * of a value ({@code Utils.to_s}); numbers as Ruby prints them ({@code 1.0}, {@code 1.0e+20});
 * equality and order; the numbers filters compute with ({@code Utils.to_number}); sizes in
 * characters (code points, not UTF-16 units).
 */
final class Values {

    private Values() {
    }

    static boolean truthy(Object v) {
        return v != null && !Boolean.FALSE.equals(v);
    }

    static boolean isInteger(Object v) {
        return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte || v instanceof BigInteger;
    }

    static boolean isNumber(Object v) {
        return v instanceof Number;
    }

    /** A value as text: nil is empty, a list is its inspection ({@code ["a", "b"]}), a map {@code {"a"=>1}}. */
    static String text(Object v) {
        return switch (v) {
            case null -> "";
            case String s -> s;
            case Double d -> floatText(d);
            case Float f -> floatText(f.doubleValue());
            case BigDecimal d -> decimalText(d);
            case LiquidRange r -> r.toString();
            case List<?> l -> inspect(l);
            case Map<?, ?> m -> inspect(m);
            default -> v.toString();
        };
    }

    /** Ruby's {@code inspect}: how a value shows inside a list or map. */
    static String inspect(Object v) {
        return switch (v) {
            case null -> "nil";
            case String s -> quote(s);
            case LiquidRange r -> r.toString();
            case List<?> l -> {
                StringBuilder b = new StringBuilder("[");
                for (int i = 0; i < l.size(); i++) {
                    b.append(i > 0 ? ", " : "").append(inspect(l.get(i)));
                }
                yield b.append(']').toString();
            }
            case Map<?, ?> m -> {
                StringBuilder b = new StringBuilder("{");
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    b.append(first ? "" : ", ").append(inspect(e.getKey())).append("=>").append(inspect(e.getValue()));
                    first = false;
                }
                yield b.append('}').toString();
            }
            default -> text(v);
        };
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** Ruby's {@code Float#to_s}: the shortest digits, {@code 2.0}, {@code 1.0e+20}, {@code 1.0e-05}. */
    static String floatText(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - exact.scale(); // the decimal point sits after this many digits
        String sign = d < 0 ? "-" : "";
        if (exponent > 16 || exponent < -3) {
            String mantissa = digits.charAt(0) + "." + (digits.length() > 1 ? digits.substring(1) : "0");
            int e = exponent - 1;
            return sign + mantissa + "e" + (e < 0 ? "-" : "+") + String.format("%02d", Math.abs(e));
        }
        if (exponent <= 0) {
            return sign + "0." + "0".repeat(-exponent) + digits;
        }
        if (exponent >= digits.length()) {
            return sign + digits + "0".repeat(exponent - digits.length()) + ".0";
        }
        return sign + digits.substring(0, exponent) + "." + digits.substring(exponent);
    }

    /**
     * A decimal as stored, with its scale: a {@code decimal(12,2)} field's 1009.80 prints as
     * {@code 1009.80} (Ruby's {@code BigDecimal#to_s("F")} would write 1009.8; a price should
     * keep its cents). Decimals that filters compute become floats, as in Ruby Liquid.
     */
    static String decimalText(BigDecimal d) {
        return d.toPlainString();
    }

    /** Ruby's {@code ==}. */
    static boolean equal(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return compareNumbers(x, y) == 0;
        }
        if (a instanceof LiquidRange || b instanceof LiquidRange) {
            return Objects.equals(a, b);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !equal(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Special || b instanceof Special) {
            return a == b;
        }
        return Objects.equals(a, b);
    }

    static int compareNumbers(Number a, Number b) {
        if (a instanceof Double d && !Double.isFinite(d) || b instanceof Double e && !Double.isFinite(e)) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        return decimal(a).compareTo(decimal(b));
    }

    /**
     * Ruby's {@code <=>} for an order: numbers with numbers, texts with texts; null when the two
     * cannot be ordered.
     */
    static Integer order(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return compareNumbers(x, y);
        }
        if (a instanceof String x && b instanceof String y) {
            return Integer.signum(x.compareTo(y));
        }
        if (a instanceof Boolean x && b instanceof Boolean y && x.equals(y)) {
            return 0;
        }
        if (a == null && b == null) {
            return 0;
        }
        return null;
    }

    static BigDecimal decimal(Number n) {
        return switch (n) {
            case BigDecimal d -> d;
            case BigInteger i -> new BigDecimal(i);
            case Double d -> new BigDecimal(Double.toString(d));
            case Float f -> new BigDecimal(Float.toString(f));
            default -> BigDecimal.valueOf(n.longValue());
        };
    }

    /**
     * Ruby Liquid's {@code Utils.to_number}: an integer as it is, a float as an exact decimal, a text
     * of the form {@code 1.5} as a decimal and any other text by its leading digits, anything else 0.
     */
    static Number number(Object v) {
        return switch (v) {
            case null -> 0L;
            case Double d -> Double.isFinite(d) ? new BigDecimal(Double.toString(d)) : d;
            case Float f -> new BigDecimal(Float.toString(f));
            case BigDecimal d -> d;
            case Number n -> isInteger(n) ? (n instanceof BigInteger ? n : (Number) n.longValue()) : decimal(n);
            case String s -> {
                String t = s.strip();
                if (t.matches("-?\\d+\\.\\d+")) {
                    yield new BigDecimal(t);
                }
                yield leadingInteger(t);
            }
            default -> 0L;
        };
    }

    /** Ruby's {@code String#to_i}: the leading integer, 0 when there is none. */
    static long leadingInteger(String s) {
        String t = s.stripLeading().replace("_", "");
        int i = 0;
        if (i < t.length() && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
            i++;
        }
        int start = i;
        while (i < t.length() && Character.isDigit(t.charAt(i)) && t.charAt(i) < 128) {
            i++;
        }
        if (i == start) {
            return 0;
        }
        try {
            return Long.parseLong(t.substring(0, i));
        } catch (NumberFormatException e) {
            return t.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** A computed number back to a Liquid value: a decimal becomes a float, as in Ruby Liquid. */
    static Object result(Number n) {
        return switch (n) {
            case BigDecimal d -> d.doubleValue();
            case BigInteger i -> i.bitLength() < 64 ? (Object) i.longValue() : i;
            default -> n;
        };
    }

    /**
     * Ruby Liquid's {@code Utils.to_integer}: an integer, or a text that is exactly one; anything
     * else is refused.
     */
    static long integer(Object v, String what) {
        if (isInteger(v)) {
            return ((Number) v).longValue();
        }
        String t = text(v).strip();
        if (t.matches("[-+]?\\d+")) {
            try {
                return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + ": " + t + " is too large");
            }
        }
        throw new IllegalArgumentException(what + ": invalid integer '" + text(v) + "'");
    }

    /** The number of characters of a text, in code points (an emoji is one). */
    static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** Ruby's {@code size}: characters of a text, items of a list or map, 8 for an integer, else 0. */
    static Object size(Object v) {
        return switch (v) {
            case String s -> (long) length(s);
            case Collection<?> c -> (long) c.size();
            case Map<?, ?> m -> (long) m.size();
            case Long l -> 8L;
            case Integer i -> 8L;
            case null, default -> 0L;
        };
    }

    /**
     * Ruby Liquid's {@code InputIterator}: a list flattened, a map as a list of itself, a range as
     * its numbers, nil as nothing, anything else as a list of itself.
     */
    static List<Object> items(Object v) {
        List<Object> out = new ArrayList<>();
        switch (v) {
            case null -> {
            }
            case LiquidRange r -> out.addAll(r);
            case List<?> l -> flatten(l, out);
            default -> out.add(v);
        }
        return out;
    }

    private static void flatten(List<?> l, List<Object> out) {
        for (Object o : l) {
            if (o instanceof List<?> inner && !(o instanceof LiquidRange)) {
                flatten(inner, out);
            } else {
                out.add(o);
            }
        }
    }

    static final MathContext DIVISION = MathContext.DECIMAL128;
}
