package dev.herald.compliance;

import dev.herald.channel.AddressRule;
import dev.herald.channel.ChannelTypes;
import dev.herald.delivery.Addressing;
import dev.herald.expr.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-memory form of a delivery's exclusion rules, for one customer at a time (a journey's
 * message): the first reason of {@link Exclusion#ORDER} that holds, or null when the message may
 * go. The store's SQL form decides the same for a whole population in one statement; an agreement
 * suite on both stores proves the two agree. Duplicate addresses are a property of a population,
 * so only the SQL form knows them.
 */
public final class Eligibility {

    private Eligibility() {
    }

    /**
     * One way to reach a recipient: its record's key, the key of the linked record holding the
     * address when there is one per message (a push device; else null), whether the record still
     * exists, and the address and consent the delivery's addressing finds ({@code addressed} is false
     * for channels that send to no address, such as webhooks).
     */
    public record Candidate(String dimension, Object key, Object secondary, boolean known, boolean addressed, String address,
                            Boolean consent) {
    }

    /**
     * The candidates of one record: one, or one per linked record when the addresses live on the
     * records it links to ({@code profile → push_device.token}; one without an address when it links
     * to none). A null row is a record that is gone. With {@code per} (a message per booking), every
     * message of a recipient shares its one candidate's answer.
     */
    public static List<Candidate> candidates(Row row, Object key, Addressing a) {
        String dim = a.dimension().name();
        if (row == null) {
            return List.of(new Candidate(dim, key, null, false, a.addressEntity() != null, null, null));
        }
        if (a.addressEntity() == null) {
            return List.of(new Candidate(dim, key, null, true, false, null, null));
        }
        List<Row> addressRows = new ArrayList<>();
        if (a.addressEntity().name().equals(dim)) {
            addressRows.add(row);
        } else if (a.viaLink() != null) {
            addressRows.add(row.one(a.viaLink()));
        } else {
            addressRows.addAll(row.many(a.fanOut()));
            if (addressRows.isEmpty()) {
                addressRows.add(null); // no linked record: no address
            }
        }
        List<Candidate> out = new ArrayList<>();
        for (Row at : addressRows) {
            Object address = at == null ? null : at.get(a.addressField());
            Object secondary = a.fanOut() == null || at == null ? null : at.get(a.addressEntity().key().get(0));
            out.add(new Candidate(dim, key, secondary, true, true, address == null ? null : address.toString(), consent(row, at, a)));
        }
        return out;
    }

    private static Boolean consent(Row row, Row addressRow, Addressing a) {
        if (a.consentEntity() == null) {
            return true;
        }
        Row holder;
        if (a.consentEntity().name().equals(a.dimension().name())) {
            holder = row;
        } else if (a.consentLink() != null) {
            holder = row.one(a.consentLink());
        } else {
            holder = addressRow;
        }
        return holder == null ? null : (Boolean) holder.get(a.consentField());
    }

    /** Why {@code c} gets no message of the delivery {@code deliveryId}, or null when it may get one. */
    public static String exclusion(Candidate c, DeliveryRules rules, ComplianceFacts facts, long deliveryId) {
        if (!c.known()) {
            return Exclusion.NO_RECORD;
        }
        if (!c.addressed()) {
            return null;
        }
        String address = AddressRule.trimmed(c.address());
        if (address == null || address.isEmpty()) {
            return Exclusion.NO_ADDRESS;
        }
        if (!ChannelTypes.of(rules.channel()).address().accepts(address)) {
            return Exclusion.INVALID_ADDRESS;
        }
        if (rules.marketing()) {
            if (!Boolean.TRUE.equals(c.consent())) {
                return Exclusion.NO_CONSENT;
            }
            if (Boolean.FALSE.equals(facts.subscribed(c.dimension(), c.key(), rules.channel(), ComplianceFacts.WHOLE_CHANNEL))) {
                return Exclusion.UNSUBSCRIBED;
            }
            if (rules.topic() != null) {
                Boolean s = facts.subscribed(c.dimension(), c.key(), rules.channel(), rules.topic().name());
                if (rules.topic().optIn() && !Boolean.TRUE.equals(s)) {
                    return Exclusion.NOT_SUBSCRIBED;
                }
                if (!rules.topic().optIn() && Boolean.FALSE.equals(s)) {
                    return Exclusion.UNSUBSCRIBED;
                }
            }
        }
        if (facts.suppressed(rules.channel(), c.address(), rules.at())) {
            return Exclusion.SUPPRESSED;
        }
        for (DeliveryRules.Cap cap : rules.caps()) {
            if (facts.marketingMessagesSince(c.dimension(), c.key(), cap.channels(), cap.since(), deliveryId) >= cap.max()) {
                return Exclusion.FREQUENCY_CAP;
            }
        }
        return null;
    }
}
