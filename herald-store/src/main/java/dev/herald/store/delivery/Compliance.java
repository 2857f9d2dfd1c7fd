package dev.herald.store.delivery;

import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.val;
import static org.jooq.impl.DSL.when;

import dev.herald.compliance.ComplianceFacts;
import dev.herald.compliance.DeliveryRules;
import dev.herald.compliance.Exclusion;
import dev.herald.delivery.MessageLog;
import dev.herald.schema.Entity;
import dev.herald.store.activity.ActivitySql;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jooq.CaseConditionStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The SQL form of a delivery's compliance rules, as joins of the recipients' query: per recipient,
 * its subscriptions (to the channel and to the delivery's topic) and its marketing messages counted
 * per frequency cap; per address, whether it is on the suppression list. Each table is aggregated
 * to one row per recipient or address first, so the joins never repeat a recipient. A table with no
 * row for the delivery's channel is not joined at all (its facts are constants): most workspaces
 * have no subscriptions or suppressions on most channels, and the joins cost a third of a
 * delivery's statement on DuckDB even when empty.
 */
final class Compliance {

    private static final Field<String> CHANNEL = field(name("channel"), String.class);
    private static final Field<String> DIMENSION = field(name("dimension"), String.class);

    private final DeliveryRules rules;
    private final String dimension;
    private final boolean textKey;
    private final long deliveryId;
    private final boolean anySubscription;
    private final boolean anySuppression;

    Compliance(DSLContext dsl, Entity dimension, DeliveryRules rules, long deliveryId) {
        this.rules = rules;
        this.dimension = dimension.name();
        this.textKey = MessageLog.textKey(dimension);
        this.deliveryId = deliveryId;
        this.anySubscription = rules.marketing() && dsl.fetchExists(DSL.selectOne().from(table(name("herald_subscription")))
                .where(DIMENSION.eq(val(this.dimension)).and(CHANNEL.eq(val(rules.channel())))));
        Field<OffsetDateTime> expires = field(name("expires_at"), OffsetDateTime.class);
        this.anySuppression = dsl.fetchExists(DSL.selectOne().from(table(name("herald_suppression")))
                .where(CHANNEL.eq(val(rules.channel())).and(expires.isNull().or(expires.gt(val(at()))))));
    }

    /** {@code from} with the rules' tables joined to the recipient {@code key} and its {@code address}. */
    Table<?> join(Table<?> from, Field<Object> key, Field<?> address) {
        if (anySubscription) {
            from = from.leftJoin(subscriptions()).on(field(name("sub", "s_rk"), String.class).eq(key.cast(SQLDataType.VARCHAR)));
        }
        if (anySuppression) {
            from = from.leftJoin(suppressions()).on(field(name("sup", "x_address"), String.class).eq(DSL.lower(DSL.trim(address.cast(String.class)))));
        }
        if (!rules.caps().isEmpty()) {
            from = from.leftJoin(counts()).on(field(name("fc", "f_rk")).eq(key));
        }
        return from;
    }

    /** The facts the reasons read, as columns of the recipients' first query. */
    List<SelectField<?>> facts() {
        List<SelectField<?>> f = new ArrayList<>();
        if (rules.marketing()) {
            for (String s : List.of("s_off", "s_topic_on", "s_topic_off")) {
                f.add((anySubscription ? coalesce(field(name("sub", s), Integer.class), inline(0)) : inline(0)).as(s));
            }
        }
        f.add((anySuppression ? DSL.field(field(name("sup", "x_address")).isNotNull()) : DSL.inline(false)).as("x_hit"));
        for (int i = 0; i < rules.caps().size(); i++) {
            f.add(coalesce(field(name("fc", "f_n" + i), Long.class), inline(0L)).as("f_n" + i));
        }
        return f;
    }

    /** The reasons after consent, in {@link Exclusion#ORDER}: unsubscribed, not subscribed, suppressed, a frequency cap. */
    CaseConditionStep<String> reasons(CaseConditionStep<String> earlier) {
        CaseConditionStep<String> r = earlier;
        if (rules.marketing()) {
            r = r.when(fact("s_off").eq(1L), inline(Exclusion.UNSUBSCRIBED));
            if (rules.topic() != null && rules.topic().optIn()) {
                r = r.when(fact("s_topic_on").eq(0L), inline(Exclusion.NOT_SUBSCRIBED));
            } else if (rules.topic() != null) {
                r = r.when(fact("s_topic_off").eq(1L), inline(Exclusion.UNSUBSCRIBED));
            }
        }
        r = r.when(field(name("l1", "x_hit"), Boolean.class).isTrue(), inline(Exclusion.SUPPRESSED));
        for (int i = 0; i < rules.caps().size(); i++) {
            r = r.when(fact("f_n" + i).ge(rules.caps().get(i).max()), inline(Exclusion.FREQUENCY_CAP));
        }
        return r;
    }

    private static Field<Long> fact(String column) {
        return field(name("l1", column), SQLDataType.BIGINT);
    }

    /** One row per recipient with a subscription on the channel: whether it unsubscribed from the channel, subscribed to or left the topic. */
    private Table<?> subscriptions() {
        Field<String> topic = field(name("topic"), String.class);
        Field<Boolean> subscribed = field(name("subscribed"), Boolean.class);
        String t = rules.topic() == null ? null : rules.topic().name();
        return DSL.select(field(name("recipient")).as("s_rk"),
                        max(when(topic.eq(inline(ComplianceFacts.WHOLE_CHANNEL)).and(subscribed.isFalse()), inline(1)).otherwise(inline(0))).as("s_off"),
                        (t == null ? inline(0) : max(when(topic.eq(val(t)).and(subscribed.isTrue()), inline(1)).otherwise(inline(0)))).as("s_topic_on"),
                        (t == null ? inline(0) : max(when(topic.eq(val(t)).and(subscribed.isFalse()), inline(1)).otherwise(inline(0)))).as("s_topic_off"))
                .from(table(name("herald_subscription")))
                .where(DIMENSION.eq(val(dimension)).and(CHANNEL.eq(val(rules.channel()))))
                .groupBy(field(name("recipient")))
                .asTable("sub");
    }

    /** The channel's suppressed addresses at the delivery's moment, once each. */
    private Table<?> suppressions() {
        Field<OffsetDateTime> expires = field(name("expires_at"), OffsetDateTime.class);
        return DSL.selectDistinct(field(name("address")).as("x_address"))
                .from(table(name("herald_suppression")))
                .where(CHANNEL.eq(val(rules.channel())).and(expires.isNull().or(expires.gt(val(at())))))
                .asTable("sup");
    }

    /** One row per recipient with marketing messages in the widest window: how many fall in each cap's window and channels. */
    private Table<?> counts() {
        Field<Object> recipient = field(name(textKey ? "recipient_code" : "recipient_id"));
        Field<OffsetDateTime> moment = coalesce(field(name("sent_at"), OffsetDateTime.class), field(name("created_at"), OffsetDateTime.class));
        List<SelectField<?>> columns = new ArrayList<>();
        columns.add(recipient.as("f_rk"));
        OffsetDateTime widest = null;
        for (int i = 0; i < rules.caps().size(); i++) {
            DeliveryRules.Cap cap = rules.caps().get(i);
            OffsetDateTime since = cap.since().atOffset(ZoneOffset.UTC);
            widest = widest == null || since.isBefore(widest) ? since : widest;
            Condition in = cap.channels().isEmpty() ? DSL.trueCondition() : CHANNEL.in(cap.channels().stream().sorted().map(DSL::val).toList());
            columns.add(sum(when(in.and(moment.ge(val(since))), inline(1)).otherwise(inline(0))).cast(SQLDataType.BIGINT).as("f_n" + i));
        }
        return DSL.select(columns)
                .from(table(name(MessageLog.TABLE)))
                .where(DIMENSION.eq(val(dimension))
                        .and(field(name("category"), String.class).eq(inline("marketing")))
                        .and(field(name("status"), String.class).in(inline("pending"), inline("sent")))
                        .and(field(name("delivery_id"), Long.class).ne(val(deliveryId)))
                        .and(moment.ge(val(widest))))
                .groupBy(recipient)
                .asTable("fc");
    }

    private OffsetDateTime at() {
        return rules.at().atOffset(ZoneOffset.UTC);
    }
}
