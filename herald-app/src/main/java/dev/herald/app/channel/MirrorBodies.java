package dev.herald.app.channel;

import dev.herald.channel.OutboundMessage;
import dev.herald.delivery.SignedLinks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTML body of each email of a batch that links to its view-online mirror
 * ({@code {{ message.view_online_url }}}, in the body or a partial), kept from its rendering until
 * the batch's statuses are written, when the sent ones' bodies are stored with them.
 */
final class MirrorBodies {

    private final SignedLinks links;
    private final String part;
    private final Map<Long, String> bodies = new ConcurrentHashMap<>();

    /** @param part the message part that is the body (email: {@code body}) */
    MirrorBodies(SignedLinks links, String part) {
        this.links = links;
        this.part = part;
    }

    /** Keeps the message's body when it links to its mirror; returns the message. */
    OutboundMessage seen(OutboundMessage out) {
        String body = out.parts().get(part);
        if (body != null && body.contains(links.viewUrl(out.id()))) {
            bodies.put(out.id(), body);
        }
        return out;
    }

    /** The bodies of the batch's {@code sent} messages; the others of the batch are forgotten (a batch is done once its statuses are written). */
    Map<Long, String> take(List<Long> sent) {
        Map<Long, String> kept = new HashMap<>();
        for (Long id : sent) {
            String body = bodies.get(id);
            if (body != null) {
                kept.put(id, body);
            }
        }
        bodies.clear();
        return kept;
    }
}
