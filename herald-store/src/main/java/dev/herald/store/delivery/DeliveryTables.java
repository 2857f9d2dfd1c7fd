package dev.herald.store.delivery;

import dev.herald.store.report.DeliveryScope;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.campaign.Population;
import dev.herald.campaign.run.ActivityRun;
import dev.herald.campaign.run.RunRecord;
import dev.herald.channel.ChannelEvents;
import dev.herald.channel.SendResult;
import dev.herald.compliance.DeliveryRules;
import dev.herald.compliance.SuppressionPolicy;
import dev.herald.store.compliance.ComplianceTables;
import dev.herald.delivery.Addressing;
import dev.herald.delivery.run.DeliveryStore;
import dev.herald.delivery.MessageLog;
import dev.herald.delivery.run.PendingMessage;
import dev.herald.delivery.run.PendingMessages;
import dev.herald.schema.Entity;
import dev.herald.store.Store;
import dev.herald.store.StoreException;
import dev.herald.store.activity.ActivitySql;
import dev.herald.store.audience.ExpressionSql;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Deliveries and the message log in the store's system tables: a delivery per channel activity of
 * a run ({@code herald_delivery}), a row per message ({@code herald_message}).
 */
public final class DeliveryTables implements DeliveryStore {

    private static final Table<?> DELIVERY = table(name("herald_delivery"));
    private static final Table<?> MESSAGES = table(name(MessageLog.TABLE));
    private static final Table<?> PROVIDER_IDS = table(name("herald_provider_id"));
    private static final Field<Long> ID = field(name("id"), Long.class);
    private static final Field<Long> DELIVERY_ID = field(name("delivery_id"), Long.class);
    private static final Field<Long> RUN_ID = field(name("run_id"), Long.class);
    private static final Field<String> ACTIVITY = field(name("activity"), String.class);
    private static final Field<String> STATUS = field(name("status"), String.class);
    private static final Field<String> REASON = field(name("reason"), String.class);
    /** The recipients of messages to addresses alone (a campaign's supervisors). */
    private static final String TO_ADDRESSES = "supervisor";

    private final Store store;
    private final DSLContext dsl;
    private final ComplianceTables compliance;

    public DeliveryTables(Store store) {
        this(store, SuppressionPolicy.DEFAULT);
    }

    /** Deliveries whose bounces suppress addresses under {@code policy}. */
    public DeliveryTables(Store store, SuppressionPolicy policy) {
        this.store = store;
        this.dsl = store.dsl();
        this.compliance = new ComplianceTables(store, policy);
    }

    @Override
    public Optional<Long> find(long runId, String activity) {
        return dsl.select(ID).from(DELIVERY).where(RUN_ID.eq(runId)).and(ACTIVITY.eq(activity)).fetchOptional(ID);
    }

    @Override
    public long create(RunRecord run, String activity, String channel) {
        long id = store.nextval("herald_delivery_seq");
        dsl.insertInto(DELIVERY).set(ID, id).set(RUN_ID, run.id()).set(field(name("campaign")), run.campaign())
                .set(ACTIVITY, activity).set(field(name("channel")), channel).set(field(name("mode")), run.mode())
                .set(STATUS, "sending").set(field(name("created_at")), store.now()).execute();
        return id;
    }

    @Override
    public long resolve(ActivityRun run, long deliveryId, Addressing addressing, String perFilter, DeliveryRules rules) {
        return Recipients.resolve(new ActivitySql(store, run), deliveryId, addressing, perFilter, run.input().worktable(), rules);
    }

    @Override
    public void addressTo(ActivityRun run, long deliveryId, String channel, List<String> addresses) {
        OffsetDateTime now = store.now();
        for (int i = 0; i < addresses.size(); i++) {
            dsl.insertInto(MESSAGES).set(ID, (deliveryId << Recipients.ID_SHIFT) + i + 1).set(DELIVERY_ID, deliveryId)
                    .set(field(name("campaign")), run.record().campaign()).set(ACTIVITY, run.activity().id())
                    .set(RUN_ID, run.record().id()).set(field(name("channel")), channel)
                    .set(field(name("dimension")), TO_ADDRESSES).set(field(name("recipient_code")), addresses.get(i))
                    .set(field(name("address")), addresses.get(i)).set(STATUS, run.test() ? "prepared" : "pending")
                    .set(field(name("created_at")), now).execute();
        }
    }

    @Override
    public PendingMessages pending(ActivityRun run, long deliveryId, Addressing addressing) {
        Population p = run.input().population();
        Entity dim = p.dimension();
        ExpressionSql.WorktableQuery pop = new ExpressionSql(run.plan().schema(), store.dialect(), run.variables(), run.now())
                .over(table(name(run.input().worktable())), p.key(), dim);
        pop.dimensionTable();
        Table<?> m = MESSAGES.as("m");
        Field<Object> messageKey = field(name("m", MessageLog.textKey(dim) ? "recipient_code" : "recipient_id"));
        Table<?> from = pop.from().join(m).on(messageKey.eq(pop.column(p.key())));
        Entity secondary = addressing.secondary();
        if (secondary != null) {
            from = from.leftJoin(table(name(secondary.name())).as("s")).on(field(name("s", secondary.key().get(0)))
                    .eq(field(name("m", MessageLog.textKey(secondary) ? "secondary_code" : "secondary_id"))));
        }
        List<SelectField<?>> select = new ArrayList<>(List.of(field(name("m", "id"), Long.class).as("herald_id"),
                field(name("m", "address"), String.class).as("herald_address")));
        dim.fields().keySet().forEach(f -> select.add(field(name(ExpressionSql.ROOT, f)).as("d__" + f)));
        p.columns().keySet().forEach(c -> select.add(field(name(ExpressionSql.TARGET, c)).as("t__" + c)));
        if (secondary != null) {
            secondary.fields().keySet().forEach(f -> select.add(field(name("s", f)).as("s__" + f)));
        }
        Map<String, String> scopes = new LinkedHashMap<>();
        scopes.put("d__", dim.name());
        scopes.put("t__", Population.TARGET);
        if (secondary != null) {
            scopes.put("s__", secondary.name());
        }
        return new Reader(select, from, deliveryId, scopes);
    }

    @Override
    public PendingMessages pendingToAddresses(long deliveryId) {
        List<SelectField<?>> select = List.of(field(name("m", "id"), Long.class).as("herald_id"),
                field(name("m", "address"), String.class).as("herald_address"));
        return new Reader(select, MESSAGES.as("m"), deliveryId, Map.of());
    }

    @Override
    public void record(long deliveryId, List<Long> sent, Map<Long, String> providerIds, Map<Long, SendResult.Failed> failed,
                       List<Long> deferred, Map<Long, String> excluded, Map<Long, String> mirrors) {
        store.inTransaction(() -> {
            Mirrors.keep(dsl, mirrors);
            // before the sent range below, which only marks what is still pending
            excluded.entrySet().stream().collect(Collectors.groupingBy(Map.Entry::getValue, Collectors.mapping(Map.Entry::getKey, Collectors.toList())))
                    .forEach((reason, ids) -> dsl.update(MESSAGES).set(STATUS, "excluded").set(REASON, reason)
                            .where(ID.in(ids)).and(STATUS.eq("pending")).execute());
            if (!providerIds.isEmpty()) {
                String channel = dsl.select(field(name("channel"), String.class)).from(DELIVERY).where(ID.eq(deliveryId)).fetchOne(0, String.class);
                var insert = dsl.insertInto(PROVIDER_IDS).columns(field(name("message_id")), field(name("channel")), field(name("provider_id")));
                for (var e : providerIds.entrySet()) {
                    for (String part : e.getValue().split(",")) {
                        insert = insert.values(e.getKey(), channel, part);
                    }
                }
                insert.execute();
            }
            for (var f : failed.entrySet()) {
                dsl.update(MESSAGES).set(STATUS, "failed").set(field(name("error")), f.getValue().reason()).where(ID.eq(f.getKey())).execute();
                if (f.getValue().bounce() != null) {
                    Record m = dsl.select(field(name("channel")), field(name("address"))).from(MESSAGES).where(ID.eq(f.getKey())).fetchOne();
                    if (m != null && m.get(1) != null) {
                        compliance.bounce(m.get(0, String.class), m.get(1, String.class), f.getValue().bounce(), f.getValue().reason(),
                                f.getKey(), store.now().toInstant());
                    }
                }
            }
            if (!sent.isEmpty()) {
                // a batch is every pending message of the delivery from its first id to its last (the stream
                // gives them in id order; the failed ones are failed already): one range, not a list of ids,
                // less the few a channel deferred, which stay pending
                dsl.update(MESSAGES).set(STATUS, "sent").set(field(name("sent_at")), store.now())
                        .where(DELIVERY_ID.eq(deliveryId)).and(ID.between(sent.get(0), sent.get(sent.size() - 1)))
                        .and(STATUS.eq("pending")).and(deferred.isEmpty() ? noCondition() : ID.notIn(deferred)).execute();
            }
            return null;
        });
    }

    @Override
    public boolean receipt(Long messageId, String channel, String providerId, ChannelEvents.Receipt receipt, String detail) {
        return store.inTransaction(() -> {
            Long id = messageId != null ? messageId : dsl.select(field(name("message_id"), Long.class)).from(PROVIDER_IDS)
                    .where(field(name("channel")).eq(channel)).and(field(name("provider_id")).eq(providerId)).limit(1).fetchOne(0, Long.class);
            if (id == null) {
                return false;
            }
            String state = receipt.name().toLowerCase(java.util.Locale.ROOT);
            // a long message is delivered when its parts are: one undelivered part makes it undelivered, for good
            int changed = dsl.update(MESSAGES).set(field(name("receipt")), state).set(field(name("receipt_at")), store.now())
                    .set(field(name("receipt_detail")), detail).where(ID.eq(id))
                    .and(field(name("receipt")).isNull().or(field(name("receipt")).eq("delivered"))).execute();
            if (changed > 0 && receipt == ChannelEvents.Receipt.UNDELIVERED) {
                Record m = dsl.select(field(name("channel")), field(name("address"))).from(MESSAGES).where(ID.eq(id)).fetchOne();
                if (m != null && m.get(1) != null) {
                    compliance.bounce(m.get(0, String.class), m.get(1, String.class), dev.herald.channel.Bounce.SOFT, detail, id,
                            store.now().toInstant());
                }
            }
            return true;
        });
    }

    /**
     * A bounce or a complaint that came back for the message {@code id}: a bounce marks it
     * undelivered ({@code receipt}), and either counts against its address as {@link ComplianceTables#bounce}
     * says. The same report read twice (a mailbox read again after a crash) changes nothing the
     * second time. Returns whether the message log holds the message.
     */
    public boolean returned(long id, dev.herald.channel.Bounce kind, String detail) {
        return store.inTransaction(() -> {
            Record m = dsl.select(field(name("channel")), field(name("address"))).from(MESSAGES).where(ID.eq(id))
                    .and(STATUS.eq(inline("sent"))).fetchOne();
            if (m == null) {
                return false;
            }
            String k = kind.name().toLowerCase(java.util.Locale.ROOT);
            if (dsl.fetchExists(dsl.selectOne().from(table(name("herald_bounce"))).where(field(name("message_id")).eq(id))
                    .and(field(name("kind")).eq(k)))) {
                return true;
            }
            if (kind != dev.herald.channel.Bounce.COMPLAINT) {
                dsl.update(MESSAGES).set(field(name("receipt")), "undelivered").set(field(name("receipt_at")), store.now())
                        .set(field(name("receipt_detail")), detail).where(ID.eq(id)).execute();
            }
            if (m.get(1) != null) {
                compliance.bounce(m.get(0, String.class), m.get(1, String.class), kind, detail, id, store.now().toInstant());
            }
            return true;
        });
    }

    @Override
    public Reached reached(ActivityRun run, long deliveryId) {
        ActivitySql r = new ActivitySql(store, run);
        Population p = run.input().population();
        String key = MessageLog.textKey(p.dimension()) ? "recipient_code" : "recipient_id";
        var reached = dsl.select(field(name(key))).from(MESSAGES).where(DELIVERY_ID.eq(inline(deliveryId)))
                .and(STATUS.in(inline("sent"), inline("prepared")));
        Summary summary = summary(deliveryId);
        String out = run.newWorktable();
        Table<?> in = table(name(run.input().worktable())).as("t");
        r.execute(dsl.createView(name(out)).as(dsl.select(in.asterisk()).from(in).where(field(name("t", p.key())).in(reached))));
        done(deliveryId);
        // the view repeats a recipient as often as the worktable does
        return new Reached(out, p.unique() ? summary.recipientsReached() : r.count(out), summary);
    }

    @Override
    public void approve(long deliveryId, String by) {
        dsl.update(DELIVERY).set(field(name("approved_at")), store.now()).set(field(name("approved_by")), by)
                .where(ID.eq(deliveryId)).and(field(name("approved_at")).isNull()).execute();
    }

    @Override
    public Optional<String> approvedBy(long deliveryId) {
        Record r = dsl.select(field(name("approved_at")), field(name("approved_by"))).from(DELIVERY).where(ID.eq(deliveryId)).fetchOne();
        return r == null || r.get(0) == null ? Optional.empty() : Optional.of(r.get(1) == null ? "" : r.get(1, String.class));
    }

    @Override
    public void done(long deliveryId) {
        dsl.update(DELIVERY).set(STATUS, "done").where(ID.eq(deliveryId)).execute();
    }

    @Override
    public Summary summary(long deliveryId) {
        return summary(DeliveryScope.delivery(deliveryId));
    }

    /** The messages of the deliveries of {@code scope} per status and exclusion reason, and how many recipients got one. */
    public Summary summary(DeliveryScope scope) {
        Field<String> recipient = DSL.coalesce(field(name("recipient_id"), Long.class).cast(String.class),
                field(name("recipient_code"), String.class));
        Field<String> reason = field(name("reason"), String.class);
        Map<String, Long> counts = new LinkedHashMap<>();
        long reached = 0;
        for (var r : dsl.select(STATUS, reason, count(), DSL.countDistinct(recipient)).from(MESSAGES)
                .where(DSL.condition(scope.on("delivery_id"), scope.values())).groupBy(STATUS, reason).orderBy(STATUS, reason).fetch()) {
            counts.put(r.value2() == null ? r.value1() : r.value1() + ":" + r.value2(), (long) r.value3());
            if (r.value1().equals("sent") || r.value1().equals("prepared")) {
                reached += r.value4(); // a delivery's messages are either sent (live) or prepared (test), never both
            }
        }
        return new Summary(counts, reached);
    }

    /** What came back for a delivery's sent messages: undelivered receipts, bounces by kind, complaints. */
    public record Returns(long undelivered, long hardBounces, long softBounces, long complaints) {
    }

    /** What came back for the messages of {@code deliveryId}, each message counted once per kind. */
    public Returns returns(long deliveryId) {
        return returns(DeliveryScope.delivery(deliveryId), field(name("message_id"), Long.class).between(deliveryId << 32,
                ((deliveryId + 1) << 32) - 1));
    }

    /** One delivery of a report: which run and activity made it, on which channel, and how many of its messages were sent. */
    public record Part(long deliveryId, long runId, int version, String activity, String channel, long sent) {
    }

    /** The deliveries of {@code scope}, in the order they were made. */
    public List<Part> parts(DeliveryScope scope) {
        return dsl.fetch("SELECT d.id, d.run_id, r.version, d.activity, d.channel, count(m.id) FROM herald_delivery d "
                + "JOIN herald_run r ON r.id = d.run_id LEFT JOIN herald_message m ON m.delivery_id = d.id AND m.status = 'sent' WHERE "
                + scope.on("d.id") + " GROUP BY d.id, d.run_id, r.version, d.activity, d.channel ORDER BY d.id", scope.values())
                .map(r -> new Part(r.get(0, Long.class), r.get(1, Long.class), r.get(2, Integer.class), r.get(3, String.class),
                        r.get(4, String.class), r.get(5, Long.class)));
    }

    /** What came back for the messages of the deliveries of {@code scope}. */
    public Returns returns(DeliveryScope scope) {
        return returns(scope, field(name("message_id"), Long.class).in(DSL.select(ID).from(MESSAGES)
                .where(DSL.condition(scope.on("delivery_id"), scope.values()))));
    }

    private Returns returns(DeliveryScope scope, org.jooq.Condition bounced) {
        long undelivered = dsl.fetchCount(MESSAGES, DSL.condition(scope.on("delivery_id"), scope.values())
                .and(field(name("receipt")).eq(inline("undelivered"))));
        Map<String, Long> kinds = new LinkedHashMap<>();
        for (var r : dsl.select(field(name("kind"), String.class), DSL.countDistinct(field(name("message_id")))).from(table(name("herald_bounce")))
                .where(bounced)
                .groupBy(field(name("kind"))).fetch()) {
            kinds.put(r.value1(), (long) r.value2());
        }
        return new Returns(undelivered, kinds.getOrDefault("hard", 0L), kinds.getOrDefault("soft", 0L), kinds.getOrDefault("complaint", 0L));
    }

    /**
     * The pending messages of one delivery in one pass, in id order, on a connection of its own
     * (the statuses are written meanwhile on others); a message the population repeats comes once.
     */
    private final class Reader implements PendingMessages {
        private final Connection connection;
        private final Cursor<Record> cursor;
        private final Map<String, String> scopes;
        /** The last message read: messages come in id order, a repeated one right after itself. */
        private long lastRead = Long.MIN_VALUE;

        Reader(List<SelectField<?>> select, Table<?> from, long deliveryId, Map<String, String> scopes) {
            this.scopes = scopes;
            Condition pending = field(name("m", "delivery_id"), Long.class).eq(deliveryId)
                    .and(field(name("m", "status"), String.class).eq("pending"));
            this.connection = store.openReader();
            try {
                this.cursor = store.dsl(connection).select(select).from(from).where(pending).orderBy(field(name("m", "id")))
                        .fetchSize(500).fetchLazy();
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public List<PendingMessage> next(int size) {
            List<PendingMessage> batch = new ArrayList<>();
            while (batch.size() < size && cursor.hasNext()) {
                Record row = cursor.fetchNext();
                long id = row.get("herald_id", Long.class);
                if (id <= lastRead) {
                    continue; // the same message again (a worktable repeating a key), maybe across two batches
                }
                lastRead = id;
                Map<String, Map<String, Object>> records = new LinkedHashMap<>();
                scopes.forEach((prefix, scope) -> records.put(scope, prefixed(row, prefix)));
                batch.add(new PendingMessage(id, row.get("herald_address", String.class), records));
            }
            return batch;
        }

        @Override
        public void close() {
            try {
                if (cursor != null) {
                    cursor.close();
                }
                connection.close();
            } catch (SQLException e) {
                throw new StoreException("closing the reader of pending messages: " + e.getMessage(), e);
            }
        }
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

    /** How many messages the log holds per channel and status, in one grouped scan: {@code {email: {sent: 120, pending: 3}}}. */
    public Map<String, Map<String, Long>> countByChannelAndStatus() {
        Field<String> channel = field(name("channel"), String.class);
        Map<String, Map<String, Long>> counts = new java.util.TreeMap<>();
        dsl.select(channel, STATUS, DSL.count()).from(MESSAGES).groupBy(channel, STATUS)
                .forEach(r -> counts.computeIfAbsent(r.value1(), c -> new java.util.TreeMap<>()).put(r.value2(), r.value3().longValue()));
        return counts;
    }
}
