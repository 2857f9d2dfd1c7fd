package dev.herald.store.delivery;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.campaign.Population;
import dev.herald.campaign.activity.Delivery;
import dev.herald.delivery.Addressing;
import dev.herald.delivery.MessageLog;
import dev.herald.delivery.MessageTemplate;
import dev.herald.load.CsvCell;
import dev.herald.schema.Entity;
import dev.herald.store.activity.ActivityRun;
import dev.herald.store.audience.ExpressionSql;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.Table;

/**
 * Sends a delivery's pending messages in batches: reads them in one pass, with the data their
 * templates use (the recipient's record as {@code profile}, the worktable's columns as
 * {@code target}, the secondary record by its entity's name), renders each batch and — in one
 * transaction per batch — writes the rendered messages to the outbox and marks them sent. A crash
 * loses at most the batch under way, which stays pending and is sent once when the activity
 * resumes. Memory holds one batch, whatever the size of the delivery.
 */
public final class Sender {

    private static final int BATCH = 500;
    private static final Table<?> OUTBOX = table(name("herald_outbox"));
    private static final Table<?> MESSAGES = table(name(MessageLog.TABLE)).as("m");

    private final ActivityRun r;
    private final long deliveryId;
    private final Delivery config;
    private final Addressing addressing;
    private final String worktable;
    private final Map<String, MessageTemplate> templates = new LinkedHashMap<>();
    private final Map<String, MessageTemplate> columns = new LinkedHashMap<>();
    /** The last message read: messages come in id order, a repeated one right after itself. */
    private long lastRead = Long.MIN_VALUE;

    public Sender(ActivityRun r, long deliveryId, Delivery config, Addressing addressing, String worktable) {
        this.r = r;
        this.deliveryId = deliveryId;
        this.config = config;
        this.addressing = addressing;
        this.worktable = worktable;
        config.templates().forEach((k, v) -> templates.put(k, MessageTemplate.parse(v)));
        config.columns().forEach((k, v) -> columns.put(k, MessageTemplate.parse(v)));
    }

    /** Sends every pending message; false when {@code stop} asked to stop first. */
    public boolean send(BooleanSupplier stop) {
        Population p = r.input().population();
        Entity dim = p.dimension();
        ExpressionSql.WorktableQuery pop = r.expressions().over(table(name(worktable)), p.key(), dim);
        pop.dimensionTable();
        boolean textKey = MessageLog.textKey(dim);
        Field<Object> messageKey = field(name("m", textKey ? "recipient_code" : "recipient_id"));
        Table<?> from = pop.from().join(MESSAGES).on(messageKey.eq(pop.column(p.key())));
        Entity secondary = addressing.secondary();
        if (secondary != null) {
            boolean textSecondary = MessageLog.textKey(secondary);
            from = from.leftJoin(table(name(secondary.name())).as("s")).on(field(name("s", secondary.key().get(0)))
                    .eq(field(name("m", textSecondary ? "secondary_code" : "secondary_id"))));
        }
        List<SelectField<?>> select = new ArrayList<>(List.of(field(name("m", "id"), Long.class).as("herald_id"),
                field(name("m", "address"), String.class).as("herald_address")));
        dim.fields().keySet().forEach(f -> select.add(field(name(ExpressionSql.ROOT, f)).as("d__" + f)));
        p.columns().keySet().forEach(c -> select.add(field(name(ExpressionSql.TARGET, c)).as("t__" + c)));
        if (secondary != null) {
            secondary.fields().keySet().forEach(f -> select.add(field(name("s", f)).as("s__" + f)));
        }
        int batch = config.rate() > 0 ? (int) Math.min(BATCH, config.rate()) : BATCH;
        long started = System.nanoTime();
        long sent = 0;
        Condition pending = field(name("m", "delivery_id"), Long.class).eq(deliveryId)
                .and(field(name("m", "status"), String.class).eq("pending"));
        // one pass over the pending messages on a second connection; each batch is written on the store's own
        try (Connection reader = r.store().openReader();
             Cursor<Record> cursor = r.store().dsl(reader).select(select).from(from).where(pending).orderBy(field(name("m", "id")))
                     .fetchSize(batch).fetchLazy()) {
            while (cursor.hasNext()) {
                if (stop.getAsBoolean()) {
                    return false;
                }
                List<Record> rows = cursor.fetchNext(batch);
                sent += write(rows, dim, secondary);
                throttle(started, sent);
            }
            return true;
        } catch (SQLException e) {
            throw new dev.herald.store.StoreException("reading the messages of delivery " + deliveryId + ": " + e.getMessage(), e);
        }
    }

    /** Renders a batch and, in one transaction, writes it to the outbox and marks its messages; returns how many. */
    private int write(List<Record> rows, Entity dim, Entity secondary) {
        List<Long> done = new ArrayList<>();
        List<Object[]> outbox = new ArrayList<>();
        Map<Long, String> failed = new LinkedHashMap<>();
        for (Record row : rows) {
            long id = row.get("herald_id", Long.class);
            if (id <= lastRead) {
                continue; // the same message again (a worktable repeating a key), maybe across two batches
            }
            lastRead = id;
            try {
                outbox.add(render(row, dim, secondary));
                done.add(id);
            } catch (RuntimeException e) {
                failed.put(id, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
        r.store().inTransaction(() -> {
            write(outbox);
            for (var f : failed.entrySet()) {
                r.dsl().update(table(name(MessageLog.TABLE))).set(field(name("status")), "failed")
                        .set(field(name("error")), f.getValue()).where(field(name("id"), Long.class).eq(f.getKey())).execute();
            }
            if (!done.isEmpty()) {
                // the batch is every pending message of the delivery between its first and last id
                long first = done.get(0);
                long last = done.get(done.size() - 1);
                r.dsl().update(table(name(MessageLog.TABLE))).set(field(name("status")), "sent")
                        .set(field(name("sent_at")), r.store().now())
                        .where(field(name("delivery_id"), Long.class).eq(deliveryId))
                        .and(field(name("id"), Long.class).between(first, last))
                        .and(field(name("status"), String.class).eq("pending")).execute();
            }
            return null;
        });
        return done.size() + failed.size();
    }

    /** Renders one message: {message id, address, subject, body}. */
    private Object[] render(Record row, Entity dim, Entity secondary) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(dim.name(), prefixed(row, "d__"));
        values.put(Population.TARGET, prefixed(row, "t__"));
        values.put("vars", r.record().variables());
        if (secondary != null) {
            values.put(secondary.name(), prefixed(row, "s__"));
        }
        String subject = null;
        String body;
        if (!columns.isEmpty()) {
            List<String> cells = new ArrayList<>();
            columns.values().forEach(t -> cells.add(CsvCell.quote(t.render(values))));
            body = String.join(",", cells);
        } else {
            for (String k : List.of("subject", "title", "url")) {
                if (templates.containsKey(k) && subject == null) {
                    subject = templates.get(k).render(values);
                }
            }
            MessageTemplate main = templates.containsKey("body") ? templates.get("body") : templates.get("text");
            body = main.render(values);
        }
        return new Object[] {row.get("herald_id", Long.class), row.get("herald_address", String.class), subject, body};
    }

    private static Map<String, Object> prefixed(Record row, String prefix) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field<?> f : row.fields()) {
            if (f.getName().startsWith(prefix)) {
                values.put(f.getName().substring(prefix.length()), plain(row.get(f)));
            }
        }
        return values;
    }

    /** A value as templates read it: text, a number, true/false; times in ISO 8601. */
    private static Object plain(Object v) {
        return switch (v) {
            case null -> null;
            case OffsetDateTime t -> t.toInstant().toString();
            case java.sql.Timestamp t -> t.toInstant().toString();
            case java.time.LocalDate d -> d.toString();
            case java.sql.Date d -> d.toLocalDate().toString();
            case BigDecimal d -> d;
            case Number n -> n;
            case Boolean b -> b;
            case org.jooq.JSON j -> j.data();
            case org.jooq.JSONB j -> j.data();
            default -> v.toString();
        };
    }

    private void write(List<Object[]> outbox) {
        if (outbox.isEmpty()) {
            return;
        }
        OffsetDateTime now = r.store().now();
        var insert = r.dsl().insertInto(OUTBOX, field(name("message_id"), Long.class), field(name("delivery_id"), Long.class),
                field(name("channel"), String.class), field(name("address"), String.class), field(name("subject"), String.class),
                field(name("body"), String.class), field(name("created_at"), OffsetDateTime.class));
        for (Object[] m : outbox) {
            insert = insert.values((Long) m[0], deliveryId, addressing.channel(), (String) m[1], (String) m[2], (String) m[3], now);
        }
        insert.execute();
    }

    /** Keeps to {@code rate} messages per second. */
    private void throttle(long started, long sent) {
        if (config.rate() <= 0) {
            return;
        }
        long due = started + (long) (sent * 1e9 / config.rate());
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
