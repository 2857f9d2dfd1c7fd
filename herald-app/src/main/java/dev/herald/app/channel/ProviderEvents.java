package dev.herald.app.channel;

import dev.herald.channel.Bounce;
import dev.herald.channel.ChannelEvents;
import dev.herald.compliance.ComplianceFacts;
import dev.herald.compliance.SuppressionPolicy;
import dev.herald.schema.Entity;
import dev.herald.schema.Schema;
import dev.herald.store.Store;
import dev.herald.store.compliance.ComplianceTables;
import dev.herald.store.delivery.DeliveryTables;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What providers report, written to the store: receipts onto their messages, bounces and complaints
 * that came back onto their messages and the suppression list, and replies that say
 * STOP (or START again) onto the sender's subscription to the channel — for every record of the
 * schema's dimension whose address for it is that number.
 */
public final class ProviderEvents implements ChannelEvents {

    /** The words that, alone in a reply, unsubscribe its sender from the channel (CTIA's and the usual European ones). */
    public static final Set<String> STOP = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "ARRET", "ARRÊT", "STOPP", "BAJA");
    /** The words that subscribe the sender again. */
    public static final Set<String> START = Set.of("START", "UNSTOP", "YES");

    private static final Logger LOG = LoggerFactory.getLogger(ProviderEvents.class);

    private final Store store;
    private final java.util.function.Supplier<Schema> schema;
    private final SuppressionPolicy policy;

    /** @param schema the workspace's schema as it is now: a STOP is matched by the addresses of the schema applied last, not the one the channel started with */
    public ProviderEvents(Store store, java.util.function.Supplier<Schema> schema, SuppressionPolicy policy) {
        this.store = store;
        this.schema = schema;
        this.policy = policy;
    }

    @Override
    public void receipt(String channel, Long messageId, String providerId, Receipt receipt, String detail) {
        if (!new DeliveryTables(store, policy).receipt(messageId, channel, providerId, receipt, detail)) {
            LOG.info("a {} receipt for provider id {} matches no message", channel, providerId);
        }
    }

    @Override
    public boolean returned(String channel, long messageId, Bounce kind, String detail) {
        boolean known = new DeliveryTables(store, policy).returned(messageId, kind, detail);
        if (!known) {
            LOG.info("a returned {} names message {}, which is not a sent message of the log", channel, messageId);
        }
        return known;
    }

    @Override
    public void inbound(String channel, String from, String to, String text) {
        String word = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        boolean stop = STOP.contains(word);
        if (!stop && !START.contains(word)) {
            return;
        }
        Schema now = schema.get();
        var c = now.channels().get(channel);
        Entity dimension = now.entities().get(now.dimension());
        if (c == null || !c.address().entity().equals(dimension.name())) {
            LOG.warn("a {} {} from {} cannot be matched: the schema's {} addresses are not on {}", channel, word, from, channel, dimension.name());
            return;
        }
        ComplianceTables tables = new ComplianceTables(store, policy);
        for (Object key : tables.keysWithNumber(dimension, c.address().field(), from)) {
            tables.subscribe(dimension.name(), key, channel, ComplianceFacts.WHOLE_CHANNEL, !stop, channel + " " + word + " from " + from,
                    store.clock().instant());
        }
    }
}

