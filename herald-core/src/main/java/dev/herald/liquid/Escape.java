package dev.herald.liquid;

/**
 * How values inserted with {@code {{ }}} are written: as they are (a subject, a text message), as
 * HTML ({@code <} becomes {@code &lt;}; {@code | raw} opts out), or as JSON — inside a JSON text
 * ({@code "name": "{{ profile.first_name }}"}) a value is escaped as the inside of that text, and
 * elsewhere it becomes a JSON value of its own ({@code "age": {{ profile.age }}}, a text quoted).
 */
public enum Escape {
    NONE, HTML, JSON
}
