package dev.herald.liquid;

import java.util.AbstractList;

/** {@code (1..5)}: the integers from {@code first} to {@code last}, inclusive; prints as {@code 1..5}, iterates lazily. */
public final class LiquidRange extends AbstractList<Object> {

    private final long first;
    private final long last;

    public LiquidRange(long first, long last) {
        this.first = first;
        this.last = last;
    }

    @Override
    public Object get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException(index);
        }
        return first + index;
    }

    @Override
    public int size() {
        long n = last - first + 1;
        return n <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, n);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LiquidRange r && r.first == first && r.last == last;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(first) * 31 + Long.hashCode(last);
    }

    @Override
    public String toString() {
        return first + ".." + last;
    }
}
