package dev.herald.liquid;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a render writes: the template's own text as it is, and the values it inserts escaped as
 * its {@link Escape} says. In JSON, the output follows the JSON written so far to know whether a
 * value lands inside a text or where a value of its own belongs. Every character counts against
 * the render's budget.
 */
final class Output {

    private final StringBuilder b = new StringBuilder();
    private final Escape escape;
    private final Budget budget;
    private final Set<Object> safe;
    private final String template;
    private boolean inString;
    private boolean escaped;

    Output(Escape escape, Budget budget, Set<Object> safe, String template) {
        this.escape = escape;
        this.budget = budget;
        this.safe = safe;
        this.template = template;
    }

    Escape escape() {
        return escape;
    }

    /** Text of the template itself. */
    void text(String s, int line) {
        budget.written(s.length(), template, line);
        b.append(s);
        if (escape == Escape.JSON) {
            follow(s);
        }
    }

    /** A value inserted by {@code {{ }}} or {@code echo}; {@code raw}: written as it is. */
    void value(Object v, boolean raw, int line) {
        if (v == null && escape != Escape.JSON) {
            return;
        }
        if (raw || safe.contains(v) && v instanceof String) {
            text(v instanceof List<?> l && !(v instanceof LiquidRange) ? join(l) : Values.text(v), line);
            return;
        }
        String s = switch (escape) {
            case NONE -> v instanceof List<?> l && !(v instanceof LiquidRange) ? join(l) : Values.text(v);
            case HTML -> Html.escape(v instanceof List<?> l && !(v instanceof LiquidRange) ? join(l) : Values.text(v));
            case JSON -> inString ? Json.inside(v instanceof List<?> l && !(v instanceof LiquidRange) ? join(l) : Values.text(v)) : Json.value(v);
        };
        budget.written(s.length(), template, line);
        b.append(s);
    }

    /** Ruby Liquid writes a list by writing each of its items. */
    private static String join(List<?> l) {
        StringBuilder s = new StringBuilder();
        for (Object o : l) {
            s.append(o instanceof List<?> inner && !(o instanceof LiquidRange) ? join(inner) : Values.text(o));
        }
        return s.toString();
    }

    /** Whether JSON written so far ends inside a text. */
    private void follow(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (escaped) {
                escaped = false;
            } else if (inString && c == '\\') {
                escaped = true;
            } else if (c == '"') {
                inString = !inString;
            }
        }
    }

    int length() {
        return b.length();
    }

    @Override
    public String toString() {
        return b.toString();
    }

    /** HTML's five special characters, as Ruby's {@code CGI.escapeHTML} writes them. */
    static final class Html {
        private Html() {
        }

        static String escape(String s) {
            StringBuilder out = null;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                String r = switch (c) {
                    case '&' -> "&amp;";
                    case '<' -> "&lt;";
                    case '>' -> "&gt;";
                    case '"' -> "&quot;";
                    case '\'' -> "&#39;";
                    default -> null;
                };
                if (r != null && out == null) {
                    out = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                if (out != null) {
                    if (r != null) {
                        out.append(r);
                    } else {
                        out.append(c);
                    }
                }
            }
            return out == null ? s : out.toString();
        }
    }

    /** JSON texts and values. */
    static final class Json {
        private Json() {
        }

        static String inside(String s) {
            StringBuilder out = new StringBuilder(s.length() + 8);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    default -> {
                        if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.toString();
        }

        static String value(Object v) {
            return switch (v) {
                case null -> "null";
                case Boolean bool -> bool.toString();
                case Double d -> Double.isFinite(d) ? Values.floatText(d).replace("e+", "e") : "null";
                case Number n -> Values.text(n);
                case Map<?, ?> m -> {
                    StringBuilder s = new StringBuilder("{");
                    boolean first = true;
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        s.append(first ? "" : ",").append('"').append(inside(Values.text(e.getKey()))).append("\":").append(value(e.getValue()));
                        first = false;
                    }
                    yield s.append('}').toString();
                }
                case List<?> l -> {
                    StringBuilder s = new StringBuilder("[");
                    for (int i = 0; i < l.size(); i++) {
                        s.append(i > 0 ? "," : "").append(value(l.get(i)));
                    }
                    yield s.append(']').toString();
                }
                case Special sp -> "\"\"";
                default -> "\"" + inside(Values.text(v)) + "\"";
            };
        }
    }
}
