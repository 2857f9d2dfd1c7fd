package dev.herald.store.compliance;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.channel.Bounce;
import dev.herald.compliance.ComplianceFacts;
import dev.herald.compliance.Suppression;
import dev.herald.compliance.SuppressionPolicy;
import dev.herald.delivery.MessageLog;
import dev.herald.store.Store;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The suppression list, the subscriptions and the bounces, and the one-recipient lookups the
 * in-memory form of the rules makes ({@link ComplianceFacts}). Addresses are stored trimmed and in
 * lower case, by the store's own {@code lower(trim(…))}, the same function the SQL form compares with.
 */
public final class ComplianceTables implements ComplianceFacts {

    private static final Table<Record> SUPPRESSION = table(name("herald_suppression"));
    private static final Table<Record> SUBSCRIPTION = table(name("herald_subscription"));
    private static final Table<Record> BOUNCE = table(name("herald_bounce"));
    private static final Field<String> CHANNEL = field(name("channel"), String.class);
    private static final Field<String> ADDRESS = field(name("address"), String.class);
    private static final Field<OffsetDateTime> EXPIRES_AT = field(name("expires_at"), OffsetDateTime.class);
    private static final Field<OffsetDateTime> CREATED_AT = field(name("created_at"), OffsetDateTime.class);

    private final Store store;
    private final DSLContext dsl;
    private final SuppressionPolicy policy;

    public ComplianceTables(Store store, SuppressionPolicy policy) {
        this.store = store;
        this.dsl = store.dsl();
        this.policy = policy;
    }

    private static Field<String> normalized(String address) {
        return DSL.lower(DSL.trim(DSL.val(address)));
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    @Override
    public boolean suppressed(String channel, String address, Instant at) {
        return dsl.fetchExists(DSL.selectOne().from(SUPPRESSION).where(CHANNEL.eq(channel)).and(ADDRESS.eq(normalized(address)))
                .and(EXPIRES_AT.isNull().or(EXPIRES_AT.gt(utc(at)))));
    }

    @Override
    public Boolean subscribed(String dimension, Object key, String channel, String topic) {
        return dsl.select(field(name("subscribed"), Boolean.class)).from(SUBSCRIPTION)
                .where(field(name("dimension")).eq(dimension)).and(field(name("recipient")).eq(key.toString()))
                .and(CHANNEL.eq(channel)).and(field(name("topic")).eq(topic)).fetchOne(0, Boolean.class);
    }

    @Override
    public long marketingMessagesSince(String dimension, Object key, Set<String> channels, Instant since, long except) {
        Field<OffsetDateTime> moment = DSL.coalesce(field(name("sent_at"), OffsetDateTime.class), CREATED_AT);
        Field<Object> recipient = field(name(key instanceof String ? "recipient_code" : "recipient_id"));
        Condition in = channels.isEmpty() ? DSL.trueCondition() : CHANNEL.in(channels);
        return dsl.fetchCount(DSL.selectOne().from(table(name(MessageLog.TABLE)))
                .where(field(name("dimension")).eq(dimension)).and(recipient.eq(key)).and(in)
                .and(field(name("category")).eq(inline("marketing"))).and(field(name("status")).in(inline("pending"), inline("sent")))
                .and(field(name("delivery_id"), Long.class).ne(except)).and(moment.ge(utc(since))));
    }

    /**
     * Puts {@code s.address()} on the list of its channel. An entry already there that expires is
     * replaced (a hard bounce makes it last; a later soft bounce renews it); one lasting until removed
     * is kept as it is, with its first reason. Returns whether it changed.
     */
    public boolean suppress(Suppression s) {
        String sql = "INSERT INTO herald_suppression (channel, address, reason, detail, source, created_at, expires_at) "
                + "VALUES (?, lower(trim(?)), ?, ?, ?, ?, ?) ON CONFLICT (channel, address) DO UPDATE SET reason = excluded.reason, "
                + "detail = excluded.detail, source = excluded.source, created_at = excluded.created_at, expires_at = excluded.expires_at "
                + "WHERE herald_suppression.expires_at IS NOT NULL";
        return dsl.execute(sql, s.channel(), s.address(), s.reason(), s.detail(), s.source(), utc(s.createdAt()), utc(s.expiresAt())) > 0;
    }

    /** Takes {@code address} off the list of {@code channel}; returns whether it was on it. */
    public boolean release(String channel, String address) {
        return dsl.deleteFrom(SUPPRESSION).where(CHANNEL.eq(channel)).and(ADDRESS.eq(normalized(address))).execute() > 0;
    }

    /** The entry of {@code address} on the list of {@code channel} that holds at {@code at}, or null. */
    public Suppression find(String channel, String address, Instant at) {
        return store.inTransaction(() -> dsl.selectFrom(SUPPRESSION).where(CHANNEL.eq(channel)).and(ADDRESS.eq(normalized(address)))
                .and(EXPIRES_AT.isNull().or(EXPIRES_AT.gt(utc(at)))).fetch().stream().map(ComplianceTables::suppression).findFirst().orElse(null));
    }

    /** The entries of a channel's list (all channels when null) holding at {@code at}, newest first, at most {@code limit}. */
    public List<Suppression> list(String channel, Instant at, int limit) {
        return list(new Filter(channel, null, null), null, at, limit);
    }

    /** Which entries a list shows: one channel's, one reason's, one address's (each null: any). */
    public record Filter(String channel, String reason, String address) {
    }

    /**
     * Up to {@code limit} entries holding at {@code at}, newest first, that {@code filter} keeps,
     * after the entry {@code after} (null: from the newest): a page that stays right while entries come and go.
     */
    public List<Suppression> list(Filter filter, Suppression after, Instant at, int limit) {
        Condition next = after == null ? DSL.noCondition() : CREATED_AT.lt(utc(after.createdAt()))
                .or(CREATED_AT.eq(utc(after.createdAt())).and(DSL.row(CHANNEL, ADDRESS).gt(after.channel(), after.address())));
        return dsl.selectFrom(SUPPRESSION).where(holding(filter, at)).and(next)
                .orderBy(CREATED_AT.desc(), CHANNEL, ADDRESS).limit(limit).fetch().stream().map(ComplianceTables::suppression).toList();
    }

    /** How many entries hold at {@code at}, on one channel's list or all (null). */
    public long count(String channel, Instant at) {
        return count(new Filter(channel, null, null), at);
    }

    /** How many entries hold at {@code at} that {@code filter} keeps. */
    public long count(Filter filter, Instant at) {
        return dsl.fetchCount(SUPPRESSION, holding(filter, at));
    }

    private static Condition holding(Filter filter, Instant at) {
        return (filter.channel() == null ? DSL.noCondition() : CHANNEL.eq(filter.channel()))
                .and(filter.reason() == null ? DSL.noCondition() : field(name("reason"), String.class).eq(filter.reason()))
                .and(filter.address() == null ? DSL.noCondition() : ADDRESS.eq(normalized(filter.address())))
                .and(EXPIRES_AT.isNull().or(EXPIRES_AT.gt(utc(at))));
    }

    private static Suppression suppression(Record r) {
        OffsetDateTime expires = r.get(EXPIRES_AT);
        return new Suppression(r.get(CHANNEL), r.get(ADDRESS), r.get("reason", String.class), r.get("detail", String.class),
                r.get("source", String.class), r.get(CREATED_AT).toInstant(), expires == null ? null : expires.toInstant());
    }

    /** Records what a recipient said about a channel ({@link #WHOLE_CHANNEL}) or a topic; the latest word counts. */
    public void subscribe(String dimension, Object key, String channel, String topic, boolean subscribed, String source, Instant at) {
        dsl.execute("INSERT INTO herald_subscription (dimension, recipient, channel, topic, subscribed, source, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dimension, recipient, channel, topic) DO UPDATE SET "
                + "subscribed = excluded.subscribed, source = excluded.source, updated_at = excluded.updated_at",
                dimension, key.toString(), channel, topic, subscribed, source, utc(at));
    }

    /**
     * The keys of the {@code entity} records whose {@code field} is the phone number {@code number},
     * compared by their digits alone ({@code +33 6 12 34 56 78} is {@code 33612345678}).
     */
    public List<Object> keysWithNumber(dev.herald.schema.Entity entity, String field, String number) {
        String digits = number.replaceAll("[^0-9]", "");
        if (digits.isEmpty()) {
            return List.of();
        }
        Field<String> stored = field(name(field), String.class); // the same regexp_replace on DuckDB and PostgreSQL: every non-digit
        return new java.util.ArrayList<Object>(dsl.select(field(name(entity.key().get(0)))).from(table(name(entity.name())))
                .where(DSL.field("regexp_replace({0}, '[^0-9]', '', 'g')", String.class, stored).eq(digits)).fetch(0));
    }

    /** A recipient's subscriptions: channel, topic ('' for the channel itself), subscribed, source, when. */
    public List<Record> subscriptions(String dimension, Object key) {
        return dsl.selectFrom(SUBSCRIPTION).where(field(name("dimension")).eq(dimension)).and(field(name("recipient")).eq(key.toString()))
                .orderBy(CHANNEL, field(name("topic"))).fetch();
    }

    /**
     * Records a bounce or a complaint of {@code address}: a hard bounce or a complaint puts it on the
     * list until removed; a soft bounce does once the policy's number of them fell within its window,
     * for the policy's release time. Returns the entry it made, or null.
     */
    public Suppression bounce(String channel, String address, Bounce kind, String detail, Long messageId, Instant at) {
        if (kind != Bounce.HARD && kind != Bounce.SOFT && kind != Bounce.COMPLAINT) {
            return null;
        }
        return store.inTransaction(() -> {
            String k = kind == Bounce.COMPLAINT ? "complaint" : kind == Bounce.HARD ? "hard" : "soft";
            dsl.execute("INSERT INTO herald_bounce (channel, address, kind, detail, message_id, bounced_at) VALUES (?, lower(trim(?)), ?, ?, ?, ?)",
                    channel, address, k, detail, messageId, utc(at));
            String source = messageId == null ? null : "message " + messageId;
            Suppression s;
            if (kind.suppressesAtOnce()) {
                s = new Suppression(channel, address, kind == Bounce.HARD ? Suppression.HARD_BOUNCE : Suppression.COMPLAINT, detail, source, at, null);
            } else {
                int soft = dsl.fetchCount(BOUNCE, CHANNEL.eq(channel).and(ADDRESS.eq(normalized(address))).and(field(name("kind")).eq("soft"))
                        .and(field(name("bounced_at"), OffsetDateTime.class).gt(utc(at.minus(policy.softBounceWindow())))));
                if (soft < policy.softBounces()) {
                    return null;
                }
                s = new Suppression(channel, address, Suppression.SOFT_BOUNCES, soft + " soft bounces, the last: " + detail, source, at,
                        at.plus(policy.softBounceRelease()));
            }
            return suppress(s) ? s : null;
        });
    }
}
