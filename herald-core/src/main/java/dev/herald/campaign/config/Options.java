package dev.herald.campaign.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of one object as read from a campaign, typed by its {@link Spec}, each with the
 * path it was read at (for errors found later, such as an expression that does not type-check).
 * An option that was absent or wrong holds its default, or null.
 */
public final class Options {

    private final String path;
    private final Map<String, Object> values = new LinkedHashMap<>();

    Options(String path) {
        this.path = path;
    }

    void put(String name, Object value) {
        values.put(name, value);
    }

    /** The path of this object ({@code activities[3]}). */
    public String path() {
        return path;
    }

    /** The path of one option ({@code activities[3].filter}). */
    public String path(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    public String text(String name) {
        return (String) values.get(name);
    }

    public Long integer(String name) {
        return (Long) values.get(name);
    }

    public long integer(String name, long otherwise) {
        Long v = integer(name);
        return v == null ? otherwise : v;
    }

    public Double number(String name) {
        return (Double) values.get(name);
    }

    public boolean flag(String name) {
        return Boolean.TRUE.equals(values.get(name));
    }

    public Duration duration(String name) {
        return (Duration) values.get(name);
    }

    public Limit limit(String name) {
        return (Limit) values.get(name);
    }

    public TimePoint time(String name) {
        return (TimePoint) values.get(name);
    }

    @SuppressWarnings("unchecked")
    public List<String> texts(String name) {
        Object v = values.get(name);
        return v == null ? List.of() : (List<String>) v;
    }

    public Options object(String name) {
        return (Options) values.get(name);
    }

    @SuppressWarnings("unchecked")
    public List<Options> objects(String name) {
        Object v = values.get(name);
        return v == null ? List.of() : (List<Options>) v;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Options> named(String name) {
        Object v = values.get(name);
        return v == null ? Map.of() : (Map<String, Options>) v;
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> namedTexts(String name) {
        Object v = values.get(name);
        return v == null ? Map.of() : (Map<String, String>) v;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> namedScalars(String name) {
        Object v = values.get(name);
        return v == null ? Map.of() : (Map<String, Object>) v;
    }
}
