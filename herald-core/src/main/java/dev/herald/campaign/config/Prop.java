package dev.herald.campaign.config;

import java.util.List;

/**
 * One option of a campaign, an activity or a nested object: its name, what it holds, whether it
 * is required, and what it means. The same list drives the strict reader and the JSON Schema.
 */
public record Prop(String name, Kind kind, boolean required, String description, List<String> choices, Spec nested,
                   Object defaultValue) {

    /** What an option holds. */
    public enum Kind {
        /** A text. */
        TEXT,
        /** A CEL condition (true or false), type-checked against the population it reads. */
        CONDITION,
        /** A CEL value of any type. */
        VALUE,
        /** A template (Liquid), rendered per message. */
        TEMPLATE,
        INTEGER,
        NUMBER,
        BOOLEAN,
        /** One of {@link Prop#choices()}. */
        CHOICE,
        /** A length of time: {@code 90m}, {@code 2d}, {@code 1h30m}. */
        DURATION,
        /** A count ({@code 500}) or a share of the candidates ({@code "10%"}). */
        LIMIT,
        /** An instant: {@code 2026-12-01T09:00:00Z}, or a local date-time / date read in the schedule's zone. */
        TIMESTAMP,
        /** A list of texts (one text is a list of one). */
        TEXTS,
        /** A list of CEL values (one is a list of one). */
        VALUES,
        /** An object with its own options ({@link Prop#nested()}); a plain value sets its first option. */
        OBJECT,
        /** A list of objects. */
        OBJECTS,
        /** A mapping of names to objects. */
        NAMED,
        /** A mapping of names to CEL values. */
        NAMED_VALUES,
        /** A mapping of names to texts. */
        NAMED_TEXTS,
        /** A mapping of names to plain values (text, number, true/false). */
        NAMED_SCALARS
    }

    public static Prop of(String name, Kind kind, String description) {
        return new Prop(name, kind, false, description, List.of(), null, null);
    }

    public static Prop required(String name, Kind kind, String description) {
        return new Prop(name, kind, true, description, List.of(), null, null);
    }

    public static Prop choice(String name, String description, String defaultValue, String... choices) {
        return new Prop(name, Kind.CHOICE, false, description, List.of(choices), null, defaultValue);
    }

    public static Prop object(String name, Kind kind, boolean required, String description, Spec nested) {
        return new Prop(name, kind, required, description, List.of(), nested, null);
    }

    public Prop asRequired() {
        return new Prop(name, kind, true, description, choices, nested, defaultValue);
    }

    public Prop withDefault(Object value) {
        return new Prop(name, kind, required, description, choices, nested, value);
    }
}
