package dev.herald.delivery;

import dev.herald.schema.Entity;
import dev.herald.schema.Field;
import dev.herald.schema.FieldType;
import dev.herald.schema.Link;
import dev.herald.schema.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The message log: one row per message a delivery prepared, excluded or sent, in the system table
 * {@value #TABLE}. Expressions reach it like a link — {@code profile.messages.exists(m, m.sent_at >
 * daysAgo(7))} — through a view per recipient entity, {@code herald_message_<entity>}, whose
 * {@code recipient} field holds that entity's key, and whose {@code opened_at} and {@code clicked_at}
 * come from the tracking events: who opened a delivery but did not click is an expression.
 */
public final class MessageLog {

    public static final String TABLE = "herald_message";
    /** The link every recipient entity gets, unless it has a field or link of that name already. */
    public static final String LINK = "messages";
    public static final String RECIPIENT = "recipient";
    /**
     * When a person first opened the message, and first clicked one of its links, from the event log
     * (machines' opens and clicks left out), or none: {@code has(m.opened_at) && !has(m.clicked_at)}.
     */
    public static final String OPENED_AT = "opened_at";
    public static final String CLICKED_AT = "clicked_at";
    private static final String VIEW_PREFIX = "herald_message_";
    private static final int MAX_NAME = 63;

    /** The fields of a message as expressions see them, in the view's column order (the recipient comes last). */
    public static final List<Field> FIELDS = List.of(
            new Field("id", FieldType.of(FieldType.Kind.LONG)),
            new Field("delivery_id", FieldType.of(FieldType.Kind.LONG)),
            new Field("campaign", FieldType.of(FieldType.Kind.STRING)),
            new Field("activity", FieldType.of(FieldType.Kind.STRING)),
            new Field("run_id", FieldType.of(FieldType.Kind.LONG)),
            new Field("channel", FieldType.of(FieldType.Kind.STRING)),
            new Field("status", FieldType.of(FieldType.Kind.STRING)),
            new Field("reason", FieldType.of(FieldType.Kind.STRING)),
            new Field("address", FieldType.of(FieldType.Kind.STRING)),
            new Field("created_at", FieldType.of(FieldType.Kind.TIMESTAMP)),
            new Field("sent_at", FieldType.of(FieldType.Kind.TIMESTAMP)),
            new Field(OPENED_AT, FieldType.of(FieldType.Kind.TIMESTAMP)),
            new Field(CLICKED_AT, FieldType.of(FieldType.Kind.TIMESTAMP)));

    private MessageLog() {
    }

    /** The view of {@code entity}'s messages. */
    public static String view(String entity) {
        return VIEW_PREFIX + entity;
    }

    /** Whether messages can be logged for records of {@code entity}: a one-field key of a whole-number or text type. */
    public static boolean canReceive(Entity entity) {
        if (entity.key().size() != 1 || view(entity.name()).length() > MAX_NAME) {
            return false;
        }
        FieldType.Kind kind = entity.keyFields().get(0).type().kind();
        return kind == FieldType.Kind.LONG || kind == FieldType.Kind.INT || kind == FieldType.Kind.STRING;
    }

    /** Whether the recipient key of {@code entity} is stored as text ({@code recipient_code}) rather than a number. */
    public static boolean textKey(Entity entity) {
        return entity.keyFields().get(0).type().kind() == FieldType.Kind.STRING;
    }

    /** The message entity of one recipient entity: the view's fields and a link back to the recipient. */
    public static Entity entityFor(Entity recipient) {
        Map<String, Field> fields = new LinkedHashMap<>();
        FIELDS.forEach(f -> fields.put(f.name(), f));
        fields.put(RECIPIENT + "_key", new Field(RECIPIENT + "_key", recipient.keyFields().get(0).type()));
        return new Entity(view(recipient.name()), fields, List.of("id"), List.of(),
                Map.of(RECIPIENT, Link.manyToOne(RECIPIENT, recipient.name(), RECIPIENT + "_key")));
    }

    /**
     * {@code schema} as expressions see it: every entity that can receive messages gets the link
     * {@value #LINK} to its message view, and the views are entities.
     */
    public static Schema withMessages(Schema schema) {
        Map<String, Entity> entities = new LinkedHashMap<>();
        Map<String, Entity> views = new LinkedHashMap<>();
        for (Entity e : schema.entities().values()) {
            if (canReceive(e) && !e.fields().containsKey(LINK) && !e.links().containsKey(LINK)) {
                Map<String, Link> links = new LinkedHashMap<>(e.links());
                links.put(LINK, Link.oneToMany(LINK, view(e.name()), RECIPIENT));
                entities.put(e.name(), new Entity(e.name(), e.fields(), e.key(), e.indexes(), links));
                views.put(view(e.name()), entityFor(e));
            } else {
                entities.put(e.name(), e);
            }
        }
        entities.putAll(views);
        return new Schema(entities, schema.dimension(), schema.channels(), schema.timeZone());
    }
}
