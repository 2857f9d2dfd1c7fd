package dev.herald.expr;

import dev.herald.schema.Entity;
import java.util.Optional;

/**
 * Reads one record by its key, for the in-memory interpreter — a customer in a journey, a check of
 * one profile against an audience: its fields, and each link's records only when an expression
 * follows that link. One record at a time, never a population.
 */
public interface ProfileReader {

    Optional<Row> read(Entity entity, Object key);
}
