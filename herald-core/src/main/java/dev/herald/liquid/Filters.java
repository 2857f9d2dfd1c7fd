package dev.herald.liquid;

import dev.herald.schema.DidYouMean;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The filters a template may use, each with the number of arguments it takes and its keyword
 * options: Shopify Liquid's standard filters and Herald's {@code raw}. A filter that is not here,
 * or written with too few or too many arguments, is an error when the template is parsed.
 */
public final class Filters {

    /** A filter: its input, its arguments, its keyword options, and the render it is part of. */
    @FunctionalInterface
    interface Filter {
        Object apply(Object input, List<Object> args, Map<String, Object> keywords, RenderContext c);
    }

    /** A filter with the arguments it takes: at least {@code min}, at most {@code max}. */
    record Spec(String name, int min, int max, Set<String> keywords, Filter filter, String description) {
    }

    private final Map<String, Spec> specs = new LinkedHashMap<>();

    private Filters() {
    }

    /** Shopify Liquid's standard filters, and {@code raw}. */
    public static Filters standard() {
        Filters f = new Filters();
        TextFilters.register(f);
        ListFilters.register(f);
        NumberFilters.register(f);
        f.add("date", 1, 1, Set.of(), (in, a, k, c) -> Dates.format(in, Values.text(a.get(0)), c.zone()),
                "a date or time in the recipient's time zone, by a strftime format");
        f.add("raw", 0, 0, Set.of(), (in, a, k, c) -> in, "the value as it is, not escaped in HTML or JSON (last filter only)");
        return f;
    }

    void add(String name, int min, int max, Set<String> keywords, Filter filter, String description) {
        specs.put(name, new Spec(name, min, max, keywords, filter, description));
    }

    /** The filters by name, in the order the documentation lists them. */
    public Map<String, String> descriptions() {
        Map<String, String> d = new LinkedHashMap<>();
        specs.values().forEach(s -> d.put(s.name(), s.description()));
        return Collections.unmodifiableMap(d);
    }

    Filter find(String name, int args, Set<String> keywords, Markup m) {
        Spec spec = specs.get(name);
        if (spec == null) {
            throw m.error("unknown filter '" + name + "'" + DidYouMean.hint(name, specs.keySet()));
        }
        if (args < spec.min() || args > spec.max()) {
            String takes = spec.min() == spec.max() ? String.valueOf(spec.min()) : spec.min() + " to " + spec.max();
            throw m.error("the filter '" + name + "' takes " + takes + " argument" + (spec.max() == 1 ? "" : "s") + ", not " + args);
        }
        for (String k : keywords) {
            if (!spec.keywords().contains(k)) {
                throw m.error("the filter '" + name + "' has no option '" + k + "'"
                        + (spec.keywords().isEmpty() ? "" : " (options: " + String.join(", ", spec.keywords()) + ")"));
            }
        }
        return spec.filter();
    }
}
