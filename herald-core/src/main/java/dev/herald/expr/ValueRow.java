package dev.herald.expr;

import dev.herald.schema.Entity;
import dev.herald.schema.Link;
import java.util.List;
import java.util.Map;

/** A record that is only values, with no links: a worktable row's columns, a test's {@code input.count}. */
public record ValueRow(Entity entity, Map<String, Object> values) implements Row {

    @Override
    public Object get(String field) {
        return values.get(field);
    }

    @Override
    public Row one(Link link) {
        return null;
    }

    @Override
    public List<Row> many(Link link) {
        return List.of();
    }
}
