package dev.herald.schema;

import java.util.Map;
import java.util.Optional;

/**
 * The user's marketing data model: entities, the default targeting dimension and the channels —
 * the field holding each channel's address ({@code email -> profile.email}, {@code push ->
 * push_device.token}) and, optionally, the boolean field recording consent to it — and the field
 * holding each recipient's time zone ({@code time_zone: profile.timezone}, an IANA name such as
 * {@code Europe/Paris}), in which templates show dates; null when the schema names none.
 */
public record Schema(Map<String, Entity> entities, String dimension, Map<String, Channel> channels, FieldPath timeZone) {

    public Schema {
        entities = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entities));
        channels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(channels));
    }

    /** A schema that names no time zone field. */
    public Schema(Map<String, Entity> entities, String dimension, Map<String, Channel> channels) {
        this(entities, dimension, channels, null);
    }

    public Optional<Entity> entity(String name) {
        return Optional.ofNullable(entities.get(name));
    }

    /** An {@code entity.field} reference. */
    public record FieldPath(String entity, String field) {
        @Override
        public String toString() {
            return entity + "." + field;
        }
    }

    /** Where a channel's address lives, and the consent field (null when the schema names none). */
    public record Channel(String name, FieldPath address, FieldPath consent) {
    }
}
