package dev.herald.delivery;

import dev.herald.schema.DidYouMean;
import dev.herald.schema.Entity;
import dev.herald.schema.Link;
import dev.herald.schema.Schema;
import java.util.function.BiConsumer;

/**
 * How a delivery reaches each recipient of a population of {@code dimension} records on a channel:
 * where the address lives — on the record itself ({@code profile.email}), on a record it links to
 * ({@code booking → profile.email}), or on its linked records, one message each
 * ({@code profile → push_device.token}) — where consent lives, and the optional secondary link that
 * makes one message per linked record ({@code per: bookings}).
 *
 * @param viaLink     the dimension's many-to-one link to the address entity, or null
 * @param fanOut      the dimension's one-to-many link to the address entity (one message per address), or null
 * @param consentLink the dimension's many-to-one link to the consent entity, or null
 * @param per         the dimension's one-to-many link whose records each get a message, or null
 */
public record Addressing(String channel, Entity dimension, Entity addressEntity, String addressField, Link viaLink, Link fanOut,
                         Entity consentEntity, String consentField, Link consentLink, Link per, Entity perEntity) {

    /**
     * Whether a channel sends to an address per recipient; a webhook calls one endpoint. (A
     * direct-mail line carries its address in its columns; when the schema names a
     * {@code direct_mail} field, recipients without one are excluded.)
     */
    public static boolean needsAddress(String channel) {
        return dev.herald.channel.ChannelTypes.of(channel).needsAddress();
    }

    /**
     * How {@code channel} reaches {@code dimension} records; null (with problems reported at
     * {@code path}) when it cannot.
     */
    public static Addressing resolve(Schema schema, String channel, Entity dimension, String perLink, String path,
                                     BiConsumer<String, String> problem) {
        Link per = null;
        Entity perEntity = null;
        if (perLink != null) {
            per = dimension.links().get(perLink);
            if (per == null || !per.isToMany()) {
                problem.accept(path + ".per.link", "'" + perLink + "' is not a one-to-many link of " + dimension.name()
                        + DidYouMean.hint(perLink, dimension.links().keySet()));
                return null;
            }
            perEntity = schema.entities().get(per.target());
            if (perEntity.key().size() != 1) {
                problem.accept(path + ".per.link", oneKeyPerMessage(perEntity));
                return null;
            }
        }
        Schema.Channel c = schema.channels().get(channel.replace('-', '_'));
        if (!needsAddress(channel) || c == null && channel.equals("direct-mail")) {
            return new Addressing(channel, dimension, null, null, null, null, null, null, null, per, perEntity);
        }
        if (c == null) {
            problem.accept(path, "the schema names no address for " + channel + "; add it under channels, e.g. "
                    + channel.replace('-', '_') + ": { address: " + dimension.name() + ".FIELD }");
            return null;
        }
        Entity addressEntity = schema.entities().get(c.address().entity());
        Link via = null;
        Link fanOut = null;
        if (!addressEntity.name().equals(dimension.name())) {
            via = manyToOne(dimension, addressEntity.name());
            fanOut = via != null ? null : oneToMany(dimension, addressEntity.name());
            if (via == null && fanOut == null) {
                problem.accept(path, channel + " addresses are " + c.address() + ", which " + dimension.name()
                        + " records do not link to; target " + addressEntity.name() + " records or records linked to them");
                return null;
            }
            if (fanOut != null && addressEntity.key().size() != 1) {
                problem.accept(path, oneKeyPerMessage(addressEntity));
                return null;
            }
            if (fanOut != null && per != null) {
                problem.accept(path + ".per", channel + " already sends one message per " + addressEntity.name()
                        + "; it cannot also send one per " + perEntity.name());
                return null;
            }
        }
        Entity consentEntity = null;
        String consentField = null;
        Link consentLink = null;
        if (c.consent() != null) {
            consentEntity = schema.entities().get(c.consent().entity());
            consentField = c.consent().field();
            if (!consentEntity.name().equals(dimension.name()) && !consentEntity.name().equals(addressEntity.name())) {
                consentLink = manyToOne(dimension, consentEntity.name());
                if (consentLink == null) {
                    problem.accept(path, channel + " consent is " + c.consent() + ", which " + dimension.name()
                            + " records do not link to");
                    return null;
                }
            }
        }
        return new Addressing(channel, dimension, addressEntity, c.address().field(), via, fanOut, consentEntity, consentField,
                consentLink, per, perEntity);
    }

    private static String oneKeyPerMessage(Entity secondary) {
        return secondary.name() + " has a composite key (" + String.join(", ", secondary.key()) + "); one message per record "
                + "needs a one-field key, as the message log holds one secondary key per message — give " + secondary.name()
                + " a one-field key";
    }

    /** The entity whose records each get a message besides the recipient (a booking, a device), or null. */
    public Entity secondary() {
        return perEntity != null ? perEntity : fanOut != null ? addressEntity : null;
    }

    private static Link manyToOne(Entity from, String target) {
        return from.links().values().stream().filter(l -> !l.isToMany() && l.target().equals(target)).findFirst().orElse(null);
    }

    private static Link oneToMany(Entity from, String target) {
        return from.links().values().stream().filter(l -> l.isToMany() && l.target().equals(target)).findFirst().orElse(null);
    }
}
