package dev.herald.store.delivery;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.rowNumber;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.when;

import dev.herald.campaign.Population;
import dev.herald.compliance.DeliveryRules;
import dev.herald.compliance.Exclusion;
import dev.herald.delivery.Addressing;
import dev.herald.delivery.MessageLog;
import dev.herald.expr.CheckedExpression;
import dev.herald.schema.Entity;
import dev.herald.schema.Link;
import dev.herald.channel.ChannelTypes;
import dev.herald.store.activity.ActivitySql;
import dev.herald.store.audience.ExpressionSql;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Resolves a delivery's recipients into the message log with one {@code INSERT … SELECT}: one row
 * per recipient (and per secondary record), each pending — or excluded with the first reason of
 * {@link Exclusion#ORDER} that holds: the record is gone, no address, an invalid address, no
 * consent, unsubscribed (from the channel or the topic), not subscribed (to an opt-in topic),
 * suppressed, a frequency cap reached, or an address already taken by another recipient of the
 * delivery. A recipient that appears twice in the population gets one message. This is the SQL
 * form of the rules; {@link dev.herald.compliance.Eligibility} is the in-memory one.
 */
public final class Recipients {

    /** Messages of a delivery are numbered from {@code delivery id × 2^32}. */
    public static final int ID_SHIFT = 32;

    private Recipients() {
    }

    /** Inserts the delivery's messages; returns how many rows were written. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static long resolve(ActivitySql r, long deliveryId, Addressing a, String perFilter, String worktable, DeliveryRules rules) {
        Population p = r.input().population();
        Entity dim = p.dimension();
        Table<?> t = table(name(worktable)).as("t");
        Table<?> d = table(name(dim.name())).as("d");
        Field<Object> key = field(name("t", p.key()));
        // a record deleted since it entered the population gets an exclusion row, not silence
        Table<?> from = t.leftJoin(d).on(field(name("d", dim.key().get(0))).eq(key));
        Field<?> address = null;
        Field<?> secondary = null;
        Entity secondaryEntity = a.secondary();
        Table<?> addressTable = d;
        if (a.addressEntity() != null && !a.addressEntity().name().equals(dim.name())) {
            addressTable = table(name(a.addressEntity().name())).as("a");
            String addressKey = a.addressEntity().key().get(0);
            if (a.viaLink() != null) {
                from = from.leftJoin(addressTable).on(field(name("a", addressKey)).eq(field(name("d", a.viaLink().field()))));
            } else {
                Link back = a.addressEntity().links().get(a.fanOut().inverse());
                from = from.leftJoin(addressTable).on(field(name("a", back.field())).eq(field(name("d", dim.key().get(0)))));
                secondary = field(name("a", addressKey));
            }
        }
        if (a.addressEntity() != null) {
            address = field(name(addressTable.getName(), a.addressField()), String.class);
        }
        if (a.per() != null) {
            Entity per = a.perEntity();
            Table<?> rows = table(name(per.name()));
            if (perFilter != null) {
                ExpressionSql.WorktableQuery filtered = r.expressions().over(rows, per.key().get(0), null);
                CheckedExpression e = r.condition(perFilter, per);
                Condition c = filtered.condition(e);
                rows = DSL.select(filtered.worktable().asterisk()).from(filtered.from()).where(c).asTable("s");
            } else {
                rows = rows.as("s");
            }
            Link back = per.links().get(a.per().inverse());
            from = from.join(rows).on(field(name("s", back.field())).eq(field(name("d", dim.key().get(0)))));
            secondary = field(name("s", per.key().get(0)));
        }
        Condition consent = DSL.trueCondition();
        if (a.consentEntity() != null && rules.marketing()) {
            String alias = a.consentEntity().name().equals(dim.name()) ? "d" : a.consentLink() == null ? "a" : "c";
            if (a.consentLink() != null) {
                from = from.leftJoin(table(name(a.consentEntity().name())).as("c"))
                        .on(field(name("c", a.consentEntity().key().get(0))).eq(field(name("d", a.consentLink().field()))));
            }
            consent = DSL.condition(field(name(alias, a.consentField()), Boolean.class).isTrue());
        }
        Compliance compliance = a.addressEntity() == null ? null : new Compliance(r.dsl(), dim, rules, deliveryId);
        if (compliance != null) {
            from = compliance.join(from, key, address);
        }
        Field<Object> sk = secondary == null ? DSL.inline((Object) null) : (Field<Object>) secondary;
        // 1: every recipient (and secondary record) once, with its address and consent
        // a recipient (with its secondary record) may appear twice only if the population repeats keys
        Field<?> once = p.unique() ? inline(1L) : rowNumber().over().partitionBy(key, sk).orderBy(key);
        List<SelectField<?>> first = new ArrayList<>(List.of(key.as("rk"), sk.as("sk"),
                (address == null ? DSL.inline((String) null) : address).as("addr"), DSL.field(consent).as("ok"), once.as("rn"),
                DSL.field(field(name("d", dim.key().get(0))).isNotNull()).as("known")));
        if (compliance != null) {
            first.addAll(compliance.facts());
        }
        Table<?> l1 = r.dsl().select(first).from(from).asTable("l1");
        Field<Object> rk = field(name("l1", "rk"));
        Field<Object> skl = field(name("l1", "sk"));
        Field<String> addr = field(name("l1", "addr"), String.class);
        String pattern = ChannelTypes.of(a.channel()).address().sql();
        var unknown = when(field(name("l1", "known"), Boolean.class).isFalse(), inline(Exclusion.NO_RECORD));
        Field<String> reason1 = unknown;
        if (a.addressEntity() != null) {
            var addressed = unknown.when(addr.isNull().or(DSL.trim(addr).eq(inline(""))), inline(Exclusion.NO_ADDRESS))
                    .when(pattern == null ? DSL.falseCondition() : DSL.not(r.store().dialect().matches(DSL.trim(addr), pattern)), inline(Exclusion.INVALID_ADDRESS))
                    .when(field(name("l1", "ok"), Boolean.class).isDistinctFrom(inline(true)), inline(Exclusion.NO_CONSENT));
            reason1 = compliance == null ? addressed : compliance.reasons(addressed);
        }
        Table<?> l2 = r.dsl().select(rk.as("rk"), skl.as("sk"), addr.as("addr"), reason1.as("reason1")).from(l1)
                .where(field(name("l1", "rn"), Long.class).eq(1L)).asTable("l2");
        // 2: an address (for the same per record) goes to its first recipient only; when the addresses are the
        // secondary records themselves (push devices), an address shared by two of them still gets one message
        Field<String> reasonEarlier = field(name("l2", "reason1"), String.class);
        Field<String> normalized = when(reasonEarlier.isNull(), DSL.lower(DSL.trim(field(name("l2", "addr"), String.class))));
        List<Field<?>> sameAddress = a.per() != null ? List.of(normalized, field(name("l2", "sk"))) : List.of(normalized);
        Table<?> l3 = r.dsl().select(field(name("l2", "rk")).as("rk"), field(name("l2", "sk")).as("sk"),
                        field(name("l2", "addr")).as("addr"), reasonEarlier.as("reason1"),
                        rowNumber().over().partitionBy(sameAddress).orderBy(field(name("l2", "rk")), field(name("l2", "sk"))).as("rn_addr"))
                .from(l2).asTable("l3");
        Field<String> earlier = field(name("l3", "reason1"), String.class);
        Field<String> reason = a.addressEntity() == null ? earlier
                : DSL.coalesce(earlier, when(field(name("l3", "rn_addr"), Long.class).gt(1L), inline(Exclusion.DUPLICATE_ADDRESS)));
        boolean textKey = MessageLog.textKey(dim);
        boolean textSecondary = secondaryEntity != null && MessageLog.textKey(secondaryEntity);
        Field<Long> id = inline(deliveryId << ID_SHIFT).plus(rowNumber().over().orderBy(field(name("l3", "rk")), field(name("l3", "sk"))));
        String pending = r.test() ? "prepared" : "pending";
        var select = r.dsl().select(id, inline(deliveryId), inline(r.record().campaign()), inline(r.activity().id()),
                        inline(r.record().id()), inline(a.channel()), inline(dim.name()),
                        textKey ? DSL.inline((Long) null) : field(name("l3", "rk")).cast(SQLDataType.BIGINT),
                        textKey ? field(name("l3", "rk")).cast(SQLDataType.VARCHAR) : DSL.inline((String) null),
                        inline(secondaryEntity == null ? null : secondaryEntity.name()),
                        secondaryEntity == null || textSecondary ? DSL.inline((Long) null) : field(name("l3", "sk")).cast(SQLDataType.BIGINT),
                        textSecondary ? field(name("l3", "sk")).cast(SQLDataType.VARCHAR) : DSL.inline((String) null),
                        field(name("l3", "addr"), String.class),
                        when(reason.isNull(), inline(pending)).otherwise(inline("excluded")),
                        reason, DSL.val(r.store().now()), inline(rules.category().id()),
                        rules.topic() == null ? DSL.inline((String) null) : inline(rules.topic().name()))
                .from(l3);
        Table<Record> messages = DSL.table(name(MessageLog.TABLE));
        List<Field<?>> columns = List.of(field(name("id")), field(name("delivery_id")), field(name("campaign")),
                field(name("activity")), field(name("run_id")), field(name("channel")), field(name("dimension")),
                field(name("recipient_id")), field(name("recipient_code")), field(name("secondary")), field(name("secondary_id")),
                field(name("secondary_code")), field(name("address")), field(name("status")), field(name("reason")),
                field(name("created_at")), field(name("category")), field(name("topic")));
        return r.execute(r.dsl().insertInto(messages).columns(columns).select((org.jooq.Select) select));
    }
}
