package dev.herald.schema;

import java.util.Map;
import java.util.Optional;

/**
 * The user's marketing data model: entities, the default targeting dimension and the fields that
 * hold channel addresses ({@code email -> profile.email}, {@code push -> push_device.token}).
 */
public record Schema(Map<String, Entity> entities, String dimension, Map<String, FieldPath> channels) {

    public Schema {
        entities = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entities));
        channels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(channels));
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
}
