package dev.herald.app.records;

import dev.herald.error.UserError;
import dev.herald.expr.Row;
import dev.herald.schema.Entity;
import dev.herald.schema.FieldType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** A record's key as a user writes it (a number or a text), and a record's fields as a message or an answer shows them. */
public final class RecordKey {

    private RecordKey() {
    }

    /** The key {@code text} of a record of {@code entity}, typed as its key field; {@code where} names the input in an error. */
    public static Object of(Entity entity, String text, String where) {
        if (entity.key().size() != 1) {
            throw UserError.invalid(where, entity.name() + "'s key has " + entity.key().size() + " fields (" + String.join(", ", entity.key())
                    + "): name its records in a batch instead");
        }
        FieldType.Kind kind = entity.fields().get(entity.key().getFirst()).type().kind();
        if (kind == FieldType.Kind.LONG || kind == FieldType.Kind.INT) {
            try {
                return Long.parseLong(text.strip());
            } catch (NumberFormatException e) {
                throw UserError.invalid(where, entity.name() + "." + entity.key().getFirst() + " is a number, not '" + text + "'");
            }
        }
        return text;
    }

    /** A record's fields as templates read them: times in ISO 8601, as a run gives them. */
    public static Map<String, Object> values(Row row) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String field : row.entity().fields().keySet()) {
            Object v = row.get(field);
            values.put(field, v instanceof Instant || v instanceof LocalDate ? v.toString() : v);
        }
        return values;
    }
}
