package dev.herald.schema;

/** A typed column of an entity. */
public record Field(String name, FieldType type) {
}
