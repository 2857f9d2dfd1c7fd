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
 * the batch's statuses are written, when the sent ones' bodies are stored with them. A text body
 * is not kept: its values are not escaped for HTML.
 */
public final class MirrorBodies {

    private final SignedLinks links;
    /** The part that is an email's body; null for other channels, which keep no mirror. */
    private final String part;
    private final Map<Long, String> bodies = new ConcurrentHashMap<>();

    /** For the messages of a delivery of {@code type}: only email keeps mirrors. */
    public MirrorBodies(SignedLinks links, dev.herald.channel.ChannelType type) {
        this.links = links;
        this.part = type.id().equals(dev.herald.channel.ChannelTypes.EMAIL) ? type.main() : null;
    }

    /**
     * Keeps the message's body when it links to its own mirror — a view token of this message
     * under any known key, so that a key rotated between rendering and this look changes nothing;
     * returns the message.
     */
    public OutboundMessage seen(OutboundMessage out) {
        String body = part == null ? null : out.parts().get(part);
        if (body != null && dev.herald.channel.ChannelTypes.isHtml(body) && linksToMirror(body, out.id())) { // HTML, whose values are escaped
            bodies.put(out.id(), body);
        }
        return out;
    }

    private boolean linksToMirror(String body, long messageId) {
        String prefix = links.baseUrl() + "/" + SignedLinks.Kind.VIEW.path() + "/";
        for (int at = body.indexOf(prefix); at >= 0; at = body.indexOf(prefix, at + 1)) {
            int from = at + prefix.length();
            int to = from;
            while (to < body.length() && token(body.charAt(to))) {
                to++;
            }
            if (links.read(SignedLinks.Kind.VIEW, body.substring(from, to)).filter(t -> t.messageId() == messageId).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** A character of a token: URL-safe base64. */
    private static boolean token(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    /** The bodies of the batch's {@code sent} messages; the others of the batch are forgotten (a batch is done once its statuses are written). */
    public Map<Long, String> take(List<Long> sent) {
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
