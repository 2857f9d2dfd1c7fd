package dev.herald.expr;

import dev.herald.schema.Entity;
import dev.herald.schema.Link;
import java.util.List;

/**
 * One record of an entity with its linked records, as the in-memory interpreter reads it. Field
 * values are Long (int, long), Double, BigDecimal (decimal), String, Boolean, LocalDate, Instant,
 * or null.
 */
public interface Row {

    Entity entity();

    Object get(String field);

    /** The record a many-to-one link points at, or null. */
    Row one(Link link);

    /** The records of a one-to-many link. */
    List<Row> many(Link link);
}
