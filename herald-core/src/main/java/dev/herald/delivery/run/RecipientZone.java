package dev.herald.delivery.run;

import dev.herald.schema.Schema;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;

/**
 * The time zone a message shows dates in: the recipient's, from the field the schema names
 * ({@code time_zone: profile.timezone}) when the message has that record and the value is a time
 * zone ({@code Europe/Paris}), else the workspace's ({@code time_zone:} in herald.yaml, UTC by default).
 */
public record RecipientZone(Schema.FieldPath field, ZoneId workspace) {

    public ZoneId of(PendingMessage m) {
        if (field == null) {
            return workspace;
        }
        Map<String, Object> record = m.records().get(field.entity());
        return ofValue(record == null ? null : record.get(field.field()));
    }

    /** The zone a value of the schema's time zone field names, else the workspace's. */
    public ZoneId ofValue(Object value) {
        if (value instanceof String s && !s.isBlank()) {
            try {
                return ZoneId.of(s.strip());
            } catch (DateTimeException e) {
                return workspace;
            }
        }
        return workspace;
    }
}
