package dev.herald.liquid;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Set;

/**
 * The filters of numbers, as Ruby Liquid computes them: integers stay integers (division rounds
 * down), a float makes the result a float, computed exactly in decimal ({@code 0.1 | plus: 0.2}
 * is 0.3); a missing operand is 0, and dividing by 0 is an error.
 */
final class NumberFilters {

    private NumberFilters() {
    }

    private enum Op { PLUS, MINUS, TIMES, DIVIDED_BY, MODULO }

    static void register(Filters f) {
        f.add("plus", 1, 1, Set.of(), (in, a, k, c) -> apply(in, a.get(0), Op.PLUS), "the number plus another");
        f.add("minus", 1, 1, Set.of(), (in, a, k, c) -> apply(in, a.get(0), Op.MINUS), "the number minus another");
        f.add("times", 1, 1, Set.of(), (in, a, k, c) -> apply(in, a.get(0), Op.TIMES), "the number times another");
        f.add("divided_by", 1, 1, Set.of(), (in, a, k, c) -> apply(in, a.get(0), Op.DIVIDED_BY),
                "the number divided by another (rounded down when both are integers)");
        f.add("modulo", 1, 1, Set.of(), (in, a, k, c) -> apply(in, a.get(0), Op.MODULO), "the remainder of a division");
        f.add("abs", 0, 0, Set.of(), (in, a, k, c) -> abs(Values.number(in)), "the number without its sign");
        f.add("round", 0, 1, Set.of(), (in, a, k, c) -> round(in, a.isEmpty() ? null : a.get(0)), "rounded (to a number of decimals)");
        f.add("ceil", 0, 0, Set.of(), (in, a, k, c) -> rounded(in, RoundingMode.CEILING), "rounded up to an integer");
        f.add("floor", 0, 0, Set.of(), (in, a, k, c) -> rounded(in, RoundingMode.FLOOR), "rounded down to an integer");
        f.add("at_least", 1, 1, Set.of(), (in, a, k, c) -> bound(in, a.get(0), true), "the number, or another if that is larger");
        f.add("at_most", 1, 1, Set.of(), (in, a, k, c) -> bound(in, a.get(0), false), "the number, or another if that is smaller");
    }

    private static Object apply(Object input, Object operand, Op op) {
        Number a = Values.number(input);
        Number b = Values.number(operand);
        if (a instanceof Double || b instanceof Double) { // infinite or not a number
            double x = a.doubleValue();
            double y = b.doubleValue();
            if ((op == Op.DIVIDED_BY || op == Op.MODULO) && y == 0) {
                throw new ArithmeticException("divided by zero");
            }
            return switch (op) {
                case PLUS -> x + y;
                case MINUS -> x - y;
                case TIMES -> x * y;
                case DIVIDED_BY -> x / y;
                case MODULO -> x - y * Math.floor(x / y);
            };
        }
        if (Values.isInteger(a) && Values.isInteger(b)) {
            BigInteger x = big(a);
            BigInteger y = big(b);
            BigInteger r = switch (op) {
                case PLUS -> x.add(y);
                case MINUS -> x.subtract(y);
                case TIMES -> x.multiply(y);
                case DIVIDED_BY -> floorDiv(x, y);
                case MODULO -> x.subtract(y.multiply(floorDiv(x, y)));
            };
            return Values.result(r);
        }
        BigDecimal x = Values.decimal(a);
        BigDecimal y = Values.decimal(b);
        if ((op == Op.DIVIDED_BY || op == Op.MODULO) && y.signum() == 0) {
            throw new ArithmeticException("divided by zero");
        }
        BigDecimal r = switch (op) {
            case PLUS -> x.add(y);
            case MINUS -> x.subtract(y);
            case TIMES -> x.multiply(y);
            case DIVIDED_BY -> x.divide(y, Values.DIVISION);
            case MODULO -> x.subtract(y.multiply(x.divide(y, 0, RoundingMode.FLOOR)));
        };
        return r.doubleValue();
    }

    private static BigInteger big(Number n) {
        return n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue());
    }

    private static BigInteger floorDiv(BigInteger x, BigInteger y) {
        if (y.signum() == 0) {
            throw new ArithmeticException("divided by zero");
        }
        BigInteger[] qr = x.divideAndRemainder(y);
        return qr[1].signum() != 0 && qr[1].signum() != y.signum() ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    private static Object abs(Number n) {
        return switch (n) {
            case BigDecimal d -> d.abs().doubleValue();
            case Double d -> Math.abs(d);
            default -> Values.result(big(n).abs());
        };
    }

    private static Object round(Object input, Object digits) {
        Number x = Values.number(input);
        long n = digits == null ? 0 : Values.number(digits).longValue();
        if (x instanceof Double d) {
            return d;
        }
        if (Values.isInteger(x)) {
            if (n >= 0) {
                return x;
            }
            return Values.result(new BigDecimal(big(x)).setScale((int) n, RoundingMode.HALF_UP).toBigInteger());
        }
        BigDecimal r = ((BigDecimal) x).setScale((int) Math.max(-400, Math.min(400, n)), RoundingMode.HALF_UP);
        if (n <= 0) {
            return Values.result(r.toBigInteger());
        }
        return r.doubleValue();
    }

    private static Object rounded(Object input, RoundingMode mode) {
        Number x = Values.number(input);
        if (x instanceof Double d) {
            throw new ArithmeticException("cannot round " + Values.floatText(d));
        }
        return Values.result(Values.decimal(x).setScale(0, mode).toBigInteger());
    }

    private static Object bound(Object input, Object limit, boolean least) {
        Number x = Values.number(input);
        Number y = Values.number(limit);
        int cmp = Values.compareNumbers(y, x);
        Number r = least ? (cmp > 0 ? y : x) : (cmp < 0 ? y : x);
        return Values.result(r);
    }
}
