package dev.herald.liquid;

/** An object a template reads by name ({@code forloop.index}) without being a map of values. */
public interface Drop {

    /** The value of {@code name}, or null when it has none. */
    Object get(String name);
}
