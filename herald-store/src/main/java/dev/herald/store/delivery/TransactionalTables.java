package dev.herald.store.delivery;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.delivery.MessageLog;
import dev.herald.schema.Entity;
import dev.herald.store.Store;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.Field;
import org.jooq.Table;

/**
 * The store of transactional messages: which run and delivery hold the messages of one delivery
 * activity of a campaign version, each message as a row of the message log like any delivery's,
 * and the callers' idempotency keys.
 */
public final class TransactionalTables {

    /** The run and delivery that hold the transactional messages of one activity of one version. */
    public record Holder(long runId, long deliveryId) {
    }

    /** A message as the log has it now: its delivery, activity and recipient's key (as text), and when it was made. */
    public record Message(long id, long deliveryId, String activity, String recipient, String address, String status, String reason,
                          String error, java.time.Instant createdAt) {
    }

    private static final Table<?> HOLDER = table(name("herald_transactional"));
    private static final Table<?> KEYS = table(name("herald_transactional_key"));
    private static final Table<?> MESSAGES = table(name("herald_message"));
    private static final Field<String> CAMPAIGN = field(name("campaign"), String.class);
    private static final Field<Integer> VERSION = field(name("version"), Integer.class);
    private static final Field<String> ACTIVITY = field(name("activity"), String.class);
    private static final Field<String> KIND = field(name("kind"), String.class);
    private static final Field<Long> RUN_ID = field(name("run_id"), Long.class);
    private static final Field<Long> DELIVERY_ID = field(name("delivery_id"), Long.class);
    private static final Field<String> IDEMPOTENCY_KEY = field(name("idempotency_key"), String.class);
    private static final Field<Long> MESSAGE_ID = field(name("message_id"), Long.class);
    private static final Field<OffsetDateTime> CREATED_AT = field(name("created_at"), OffsetDateTime.class);
    private static final Field<Long> ID = field(name("id"), Long.class);
    private static final Field<String> ADDRESS = field(name("address"), String.class);
    private static final Field<String> STATUS = field(name("status"), String.class);
    private static final Field<String> REASON = field(name("reason"), String.class);
    private static final Field<String> ERROR = field(name("error"), String.class);

    private final Store store;
    private final DSLContext dsl;

    public TransactionalTables(Store store) {
        this.store = store;
        this.dsl = store.dsl();
    }

    /** Transactional messages, or proofs. */
    public enum Kind {
        TRANSACTIONAL, PROOF;

        String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Optional<Holder> holder(String campaign, int version, String activity, Kind kind) {
        return dsl.select(RUN_ID, DELIVERY_ID).from(HOLDER).where(CAMPAIGN.eq(campaign)).and(VERSION.eq(version)).and(ACTIVITY.eq(activity))
                .and(KIND.eq(kind.word())).fetchOptional(r -> new Holder(r.value1(), r.value2()));
    }

    /**
     * Records the holder of an activity's messages of one kind (a proof delivery's mode becomes
     * {@code proof}, so that no report counts it); false when another process recorded one first
     * (the caller rolls back its own).
     */
    public boolean hold(String campaign, int version, String activity, Kind kind, Holder holder) {
        if (kind == Kind.PROOF) {
            dsl.update(table(name("herald_delivery"))).set(field(name("mode"), String.class), "proof").where(ID.eq(holder.deliveryId())).execute();
        }
        return dsl.insertInto(HOLDER, CAMPAIGN, VERSION, ACTIVITY, KIND, RUN_ID, DELIVERY_ID)
                .values(campaign, version, activity, kind.word(), holder.runId(), holder.deliveryId()).onConflictDoNothing().execute() == 1;
    }

    /** The message a caller's idempotency key made, if it made one. */
    public Optional<Long> byKey(String campaign, String idempotencyKey) {
        return dsl.select(MESSAGE_ID).from(KEYS).where(CAMPAIGN.eq(campaign)).and(IDEMPOTENCY_KEY.eq(idempotencyKey)).fetchOptional(MESSAGE_ID);
    }

    /** Remembers the message a key made; false when the key made one already (the caller rolls back its own). */
    public boolean remember(String campaign, String idempotencyKey, long messageId) {
        return dsl.insertInto(KEYS, CAMPAIGN, IDEMPOTENCY_KEY, MESSAGE_ID, CREATED_AT)
                .values(campaign, idempotencyKey, messageId, store.now()).onConflictDoNothing().execute() == 1;
    }

    /**
     * Adds one message of a transactional delivery to the message log: pending, or excluded with
     * {@code reason}; returns its id.
     */
    public long add(String campaign, String activity, long runId, long deliveryId, String channel, String category, String topic,
                    Entity recipient, Object key, String address, String reason) {
        long id = (deliveryId << Recipients.ID_SHIFT) + store.nextval("herald_transactional_seq");
        boolean text = MessageLog.textKey(recipient);
        dsl.insertInto(MESSAGES).set(ID, id).set(DELIVERY_ID, deliveryId).set(CAMPAIGN, campaign).set(ACTIVITY, activity)
                .set(RUN_ID, runId).set(field(name("channel"), String.class), channel)
                .set(field(name("category"), String.class), category).set(field(name("topic"), String.class), topic)
                .set(field(name("dimension"), String.class), recipient.name())
                .set(field(name(text ? "recipient_code" : "recipient_id")), text ? key.toString() : key)
                .set(ADDRESS, address).set(STATUS, reason == null ? "pending" : "excluded").set(REASON, reason)
                .set(field(name("created_at"), OffsetDateTime.class), store.now()).execute();
        return id;
    }

    /** Adds one pending message to a seed address (a proof): its recipient is the address itself; returns its id. */
    public long addSeed(String campaign, String activity, long runId, long deliveryId, String channel, String address) {
        long id = (deliveryId << Recipients.ID_SHIFT) + store.nextval("herald_transactional_seq");
        dsl.insertInto(MESSAGES).set(ID, id).set(DELIVERY_ID, deliveryId).set(CAMPAIGN, campaign).set(ACTIVITY, activity)
                .set(RUN_ID, runId).set(field(name("channel"), String.class), channel).set(field(name("dimension"), String.class), "seed")
                .set(field(name("category"), String.class), "transactional") // a seed's proof counts against no cap
                .set(field(name("recipient_code"), String.class), address).set(ADDRESS, address).set(STATUS, "pending")
                .set(field(name("created_at"), OffsetDateTime.class), store.now()).execute();
        return id;
    }

    /**
     * Claims a message for sending again, in one statement: one that failed, or is pending with the
     * channel's word that it could not leave, or pending with no word for longer than
     * {@code inFlight} (its call died). True when this caller claimed it — of two at once, one does;
     * its clock starts again, so that a third caller waits for it.
     */
    public boolean retry(long id, java.time.Duration inFlight) {
        OffsetDateTime now = store.now();
        return dsl.update(MESSAGES).set(STATUS, "pending").set(ERROR, (String) null).set(CREATED_AT, now).where(ID.eq(id))
                .and(STATUS.eq("failed").or(STATUS.eq("pending").and(ERROR.isNotNull().or(CREATED_AT.lt(now.minus(inFlight))))))
                .execute() == 1;
    }

    /** A message claimed for sending again that the compliance rules now refuse: excluded, with the reason. */
    public void exclude(long id, String reason) {
        dsl.update(MESSAGES).set(STATUS, "excluded").set(REASON, reason).where(ID.eq(id)).execute();
    }

    /** The campaign version and activity whose messages a delivery holds. */
    public Optional<org.jooq.Record3<String, Integer, String>> heldBy(long deliveryId) {
        return dsl.select(CAMPAIGN, VERSION, ACTIVITY).from(HOLDER).where(DELIVERY_ID.eq(deliveryId)).fetchOptional();
    }

    /** Why a pending message has not left yet (the provider could not be reached, or asked to slow down). */
    public void note(long id, String why) {
        dsl.update(MESSAGES).set(ERROR, why).where(ID.eq(id)).and(STATUS.eq("pending")).execute();
    }

    public Optional<Message> message(long id) {
        Field<String> recipient = DSL.coalesce(field(name("recipient_id"), Long.class).cast(String.class), field(name("recipient_code"), String.class));
        return dsl.select(ID, DELIVERY_ID, ACTIVITY, recipient, ADDRESS, STATUS, REASON, ERROR, CREATED_AT).from(MESSAGES).where(ID.eq(id))
                .fetchOptional(r -> new Message(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7(), r.value8(),
                        r.value9().toInstant()));
    }
}
