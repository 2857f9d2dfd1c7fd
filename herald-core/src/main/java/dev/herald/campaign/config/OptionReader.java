package dev.herald.campaign.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.error.Problem;
import dev.herald.schema.DidYouMean;
import dev.herald.text.Echo;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an object of a campaign document against its {@link Spec}, strictly: an unknown key is an
 * error (with the closest known one), a missing required option is an error, a value of the wrong
 * kind is an error — and reading goes on, so that every problem is reported with its path.
 */
public final class OptionReader {

    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");

    private final List<Problem> problems;

    public OptionReader(List<Problem> problems) {
        this.problems = problems;
    }

    /** Reads {@code node} against {@code spec}; keys in {@code ignored} are read by the caller. */
    public Options read(JsonNode node, Spec spec, String path, Set<String> ignored) {
        Options options = new Options(path);
        if (node == null || !node.isObject()) {
            problem(path, "expected a mapping of options (" + String.join(", ", spec.names()) + ")");
            return options;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (spec.prop(key).isEmpty() && !ignored.contains(key)) {
                List<String> known = new ArrayList<>(spec.names());
                known.addAll(ignored);
                problem(join(path, key), "unknown option " + Echo.quoted(key) + DidYouMean.hint(key, known)
                        + " (options: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
        for (Prop prop : spec.props()) {
            JsonNode value = node.get(prop.name());
            String at = join(path, prop.name());
            if (value == null || value.isNull()) {
                if (prop.required()) {
                    problem(at, "required: " + prop.description());
                }
                options.put(prop.name(), prop.defaultValue());
                continue;
            }
            options.put(prop.name(), value(value, prop, at));
        }
        return options;
    }

    private Object value(JsonNode v, Prop prop, String at) {
        return switch (prop.kind()) {
            case TEXT, CONDITION, VALUE, TEMPLATE -> text(v, at, prop);
            case INTEGER -> {
                if (v.isIntegralNumber() && v.canConvertToLong() || v.isTextual() && v.asText().strip().matches("[+-]?\\d{1,18}")) {
                    yield Long.parseLong(v.asText().strip());
                }
                yield fail(at, "expected a whole number, got " + shown(v));
            }
            case NUMBER -> v.isNumber() ? (Object) v.asDouble() : fail(at, "expected a number, got " + shown(v));
            case BOOLEAN -> v.isBoolean() ? (Object) v.asBoolean() : fail(at, "expected true or false, got " + shown(v));
            case CHOICE -> {
                String s = v.isValueNode() ? v.asText() : null;
                if (s != null && prop.choices().contains(s)) {
                    yield s;
                }
                yield fail(at, "expected one of " + String.join(", ", prop.choices()) + ", got " + shown(v)
                        + (s == null ? "" : DidYouMean.hint(s, prop.choices())));
            }
            case DURATION -> {
                java.time.Duration d = v.isTextual() ? Durations.parse(v.asText()) : null;
                yield d != null && !d.isZero() ? d
                        : fail(at, "expected a length of time such as 90m, 2d or 1h30m, got " + shown(v));
            }
            case LIMIT -> limit(v, at);
            case TIMESTAMP -> time(v, at);
            case TEXTS, VALUES -> texts(v, at);
            case OBJECT -> object(v, prop, at);
            case OBJECTS -> {
                if (!v.isArray()) {
                    yield fail(at, "expected a list of mappings (" + String.join(", ", prop.nested().names()) + ")");
                }
                List<Options> list = new ArrayList<>();
                for (int i = 0; i < v.size(); i++) {
                    list.add(read(v.get(i), prop.nested(), at + "[" + i + "]", Set.of()));
                }
                yield list;
            }
            case NAMED -> {
                if (!v.isObject()) {
                    yield fail(at, "expected a mapping of names to mappings (" + String.join(", ", prop.nested().names()) + ")");
                }
                Map<String, Options> map = new LinkedHashMap<>();
                v.fields().forEachRemaining(e -> map.put(e.getKey(), object(e.getValue(), prop, at + "." + e.getKey())));
                yield map;
            }
            case NAMED_VALUES, NAMED_TEXTS -> {
                if (!v.isObject()) {
                    yield fail(at, "expected a mapping of names to " + (prop.kind() == Prop.Kind.NAMED_VALUES ? "expressions" : "texts"));
                }
                Map<String, String> map = new LinkedHashMap<>();
                v.fields().forEachRemaining(e -> {
                    String s = text(e.getValue(), at + "." + e.getKey(), prop);
                    if (s != null) {
                        map.put(e.getKey(), s);
                    }
                });
                yield map;
            }
            case NAMED_SCALARS -> {
                if (!v.isObject()) {
                    yield fail(at, "expected a mapping of names to values");
                }
                Map<String, Object> map = new LinkedHashMap<>();
                v.fields().forEachRemaining(e -> {
                    JsonNode x = e.getValue();
                    if (x.isIntegralNumber()) {
                        map.put(e.getKey(), x.asLong());
                    } else if (x.isNumber()) {
                        map.put(e.getKey(), x.asDouble());
                    } else if (x.isBoolean()) {
                        map.put(e.getKey(), x.asBoolean());
                    } else if (x.isTextual()) {
                        map.put(e.getKey(), x.asText());
                    } else {
                        fail(at + "." + e.getKey(), "expected a text, a number or true/false, got " + shown(x));
                    }
                });
                yield map;
            }
        };
    }

    private Options object(JsonNode v, Prop prop, String at) {
        if (v.isValueNode() && !prop.nested().props().isEmpty()) {
            // a plain value sets the first option: `on_error: abort` is `on_error: { policy: abort }`
            com.fasterxml.jackson.databind.node.ObjectNode o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            o.set(prop.nested().props().get(0).name(), v);
            return read(o, prop.nested(), at, Set.of());
        }
        if (!v.isObject()) {
            // null, not empty options: what reads them must not add errors about options never given
            return fail(at, "expected a mapping of options (" + String.join(", ", prop.nested().names()) + ")");
        }
        return read(v, prop.nested(), at, Set.of());
    }

    private String text(JsonNode v, String at, Prop prop) {
        if (v.isBoolean() && (prop.kind() == Prop.Kind.TEXT || prop.kind() == Prop.Kind.TEXTS)) {
            return fail(at, "true and false are read as yes/no values; write the text in quotes, e.g. \"true\"");
        }
        if (v.isTextual() || v.isNumber() || v.isBoolean()) {
            String s = v.asText();
            if (s.isBlank() && prop.kind() != Prop.Kind.TEXT && prop.kind() != Prop.Kind.TEMPLATE) {
                return fail(at, "must not be empty");
            }
            return s;
        }
        return fail(at, "expected a text, got " + shown(v));
    }

    private List<String> texts(JsonNode v, String at) {
        List<String> list = new ArrayList<>();
        if (v.isBoolean()) {
            return fail(at, "true and false are read as yes/no values; write the text in quotes, e.g. \"true\"");
        }
        if (v.isValueNode()) {
            list.add(v.asText());
            return list;
        }
        if (!v.isArray()) {
            return fail(at, "expected a list, e.g. [a, b]");
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (item.isBoolean()) {
                fail(at + "[" + i + "]", "true and false are read as yes/no values; write the text in quotes, e.g. \"true\"");
            } else if (!item.isValueNode() || item.isNull()) {
                fail(at + "[" + i + "]", "expected a text, got " + shown(item));
            } else {
                list.add(item.asText());
            }
        }
        return list;
    }

    private Limit limit(JsonNode v, String at) {
        if (v.isIntegralNumber() && v.asLong() >= 0) {
            return Limit.count(v.asLong());
        }
        if (v.isTextual()) {
            var m = PERCENT.matcher(v.asText().strip());
            if (m.matches() && Double.parseDouble(m.group(1)) <= 100) {
                return Limit.percent(Double.parseDouble(m.group(1)));
            }
            if (v.asText().strip().matches("\\d{1,18}")) {
                return Limit.count(Long.parseLong(v.asText().strip()));
            }
        }
        return fail(at, "expected a count (500) or a percentage up to 100% (\"10%\"), got " + shown(v));
    }

    private TimePoint time(JsonNode v, String at) {
        String s = v.asText().strip();
        try {
            return new TimePoint(OffsetDateTime.parse(s).toInstant(), null);
        } catch (DateTimeParseException notWithOffset) {
            try {
                return new TimePoint(null, LocalDateTime.parse(s));
            } catch (DateTimeParseException notLocal) {
                try {
                    return new TimePoint(null, LocalDate.parse(s).atStartOfDay());
                } catch (DateTimeParseException notDate) {
                    return fail(at, "expected a time such as 2026-12-01T09:00:00Z, 2026-12-01T09:00 (in the time zone) or "
                            + "2026-12-01, got " + shown(v));
                }
            }
        }
    }

    private static String shown(JsonNode v) {
        if (v.isTextual()) {
            String s = v.asText();
            return "'" + (s.length() > 60 ? s.substring(0, 57) + "..." : s) + "'";
        }
        if (v.isObject()) {
            return "a mapping";
        }
        if (v.isArray()) {
            return "a list";
        }
        return v.toString();
    }

    /** Records a problem and returns null, the value of an option that could not be read. */
    private <T> T fail(String path, String message) {
        problem(path, message);
        return null;
    }

    private void problem(String path, String message) {
        problems.add(new Problem(path, message));
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
