package dev.herald.channel;

import java.util.Map;

/**
 * A rendered message on its way out: its id in the message log (stable: a retry sends the same
 * id), its delivery, the kind of message, the address, and its parts by name as its
 * {@link ChannelType} declares them ({@code subject}, {@code body}; {@code text}; {@code columns}).
 */
public record OutboundMessage(long id, long deliveryId, ChannelType type, String address, Map<String, String> parts) {

    public OutboundMessage {
        parts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parts));
    }

    /** The part that heads the message (a subject, a title, a URL), or null. */
    public String headline() {
        return type.headline() == null ? null : parts.get(type.headline());
    }

    /** The message's main text. */
    public String main() {
        return parts.get(type.main());
    }
}
