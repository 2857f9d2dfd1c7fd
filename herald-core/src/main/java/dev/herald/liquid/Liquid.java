package dev.herald.liquid;

import dev.herald.schema.DidYouMean;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Herald's Liquid: Shopify Liquid's language (its tags, filters, white space control and the
 * meaning of its values, checked against the golden-liquid conformance suite), with partials from
 * a {@link Partials} source, escaping of inserted values ({@link Escape}), dates in a time zone,
 * and {@link Bounds} on every template and render. One engine per set of partials: it parses each
 * partial once and keeps it.
 */
public final class Liquid {

    private static final LongAdder PARSES = new LongAdder();

    private final Filters filters;
    private final Partials partials;
    private final Bounds bounds;
    private final Map<String, LiquidTemplate> parsedPartials = new ConcurrentHashMap<>();
    private final ThreadLocal<java.util.Set<String>> parsing = ThreadLocal.withInitial(java.util.HashSet::new);

    private Liquid(Filters filters, Partials partials, Bounds bounds) {
        this.filters = filters;
        this.partials = partials;
        this.bounds = bounds;
    }

    /** Shopify Liquid's filters, no partials, Herald's bounds for a message. */
    public static Liquid standard() {
        return new Liquid(Filters.standard(), Partials.NONE, Bounds.MESSAGE);
    }

    public Liquid withPartials(Partials partials) {
        return new Liquid(filters, partials, bounds);
    }

    public Liquid withBounds(Bounds bounds) {
        return new Liquid(filters, partials, bounds);
    }

    /** How many templates (partials included) were parsed in this process. */
    public static long parses() {
        return PARSES.sum();
    }

    public Filters filters() {
        return filters;
    }

    public Bounds bounds() {
        return bounds;
    }

    public Partials partials() {
        return partials;
    }

    /**
     * Parses a template; {@code name} says where it is in errors (null for a message part of a
     * campaign). Throws {@link LiquidSyntaxException} with the line of the first error.
     */
    public LiquidTemplate parse(String source, String name) {
        PARSES.increment();
        try {
            return new LiquidTemplate(this, name, source, new Parser(this, name).parse(source));
        } catch (StackOverflowError e) {
            throw new LiquidSyntaxException(name, 0, "the template nests too deeply to be read");
        }
    }

    /** The partial {@code name}, parsed once; an error names the template and line that asked for it. */
    LiquidTemplate partial(String name, String from, int line) {
        LiquidTemplate t = parsedPartials.get(name);
        if (t != null) {
            return t;
        }
        java.util.Set<String> underway = parsing.get();
        if (underway.contains(name)) {
            return null; // a partial that includes itself: its render is bounded by the partial depth
        }
        String source = partials.source(name).orElseThrow(() -> new LiquidSyntaxException(from, line, "no partial '" + name + "'"
                + (partials == Partials.NONE ? " (there is no templates folder)"
                : (partials.where().isEmpty() ? "" : " in " + partials.where()) + DidYouMean.hint(name, partials.names()))));
        underway.add(name);
        try {
            t = parse(source, partials.describe(name));
        } finally {
            underway.remove(name);
        }
        parsedPartials.put(name, t);
        return t;
    }
}
