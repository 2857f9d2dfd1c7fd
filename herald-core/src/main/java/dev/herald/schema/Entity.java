package dev.herald.schema;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table of the marketing database: typed fields (in declaration order), a primary key, indexes
 * and links to other entities. Its name is also its table name.
 */
public record Entity(String name, Map<String, Field> fields, List<String> key, List<List<String>> indexes,
                     Map<String, Link> links) {

    public Entity {
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        key = List.copyOf(key);
        indexes = indexes.stream().map(List::copyOf).toList();
        links = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(links));
    }

    public Optional<Field> field(String fieldName) {
        return Optional.ofNullable(fields.get(fieldName));
    }

    public List<Field> keyFields() {
        return key.stream().map(fields::get).toList();
    }

    public boolean isKey(String fieldName) {
        return key.contains(fieldName);
    }
}
