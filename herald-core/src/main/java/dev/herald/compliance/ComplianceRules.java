package dev.herald.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.schema.DidYouMean;
import dev.herald.text.Echo;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The workspace's compliance rules ({@code compliance:} in {@code herald.yaml}): frequency caps,
 * subscription topics, and when bounces put an address on the suppression list.
 *
 * <pre>
 * compliance:
 *   frequency_caps:
 *     - max: 3                  # at most 3 marketing messages per recipient
 *       within: 7d              # in any 7 days (rolling: d, h or m) — or per: day | week | month
 *       channels: [email, sms]  # counted across these channels (all when absent)
 *   topics:                     # what a delivery's topic: may name
 *     newsletter: opt_out       # sent unless the recipient unsubscribed from it
 *     partner_offers: opt_in    # sent only to who subscribed to it
 *   quiet_hours:                # marketing sms and push due between 21:00 and 08:00 (recipient's time) wait until 08:00
 *     from: "21:00"
 *     to: "08:00"
 *     channels: [sms, push]
 *     action: wait              # or drop: not sent at all (a list of such rules gives each channel its own)
 *   suppression:
 *     soft_bounces: 5           # this many soft bounces within soft_bounce_window suppress the address
 *     soft_bounce_window: 3d
 *     soft_bounce_release: 30d  # for this long (hard bounces and complaints stay until removed)
 * </pre>
 */
public record ComplianceRules(List<FrequencyCap> caps, Map<String, Topic> topics, SuppressionPolicy suppression, List<QuietHours> quietHours) {

    /** No caps, no topics, the default suppression policy. */
    public static final ComplianceRules NONE = new ComplianceRules(List.of(), Map.of(), SuppressionPolicy.DEFAULT, List.of());

    private static final Set<String> KEYS = Set.of("frequency_caps", "topics", "suppression", "quiet_hours");
    private static final Set<String> CAP_KEYS = Set.of("max", "within", "per", "channels");
    private static final Set<String> SUPPRESSION_KEYS = Set.of("soft_bounces", "soft_bounce_window", "soft_bounce_release");
    private static final String NAME = "[a-z][a-z0-9_]{0,62}";

    /** A subscription topic: opt-in (sent only to subscribers) or opt-out (sent unless unsubscribed). */
    public record Topic(String name, boolean optIn) {
    }

    public ComplianceRules {
        caps = List.copyOf(caps);
        topics = Map.copyOf(topics);
        quietHours = List.copyOf(quietHours);
    }

    /** The quiet hours that cover a message of this channel and category. */
    public List<QuietHours> quietHours(String channel, Category category) {
        return quietHours.stream().filter(q -> q.covers(channel, category)).toList();
    }

    /**
     * What a delivery on {@code channel} checks at {@code now}: the caps that cover its channel with
     * their windows' starts (none for transactional messages), and its topic.
     */
    public DeliveryRules forDelivery(String channel, Category category, String topic, Instant now, ZoneId zone) {
        List<DeliveryRules.Cap> applicable = new ArrayList<>();
        if (category == Category.MARKETING) {
            for (FrequencyCap cap : caps) {
                if (cap.covers(channel)) {
                    applicable.add(new DeliveryRules.Cap(cap.max(), cap.since(now, zone), cap.channels(), cap.describe()));
                }
            }
        }
        Topic t = topic == null ? null : topics.get(topic);
        if (topic != null && t == null) {
            throw new IllegalArgumentException(unknownTopic(topic));
        }
        return new DeliveryRules(channel, category, t, applicable, now);
    }

    /** Why {@code topic} cannot be named: what the workspace declares, the closest name, or how to declare it. */
    public String unknownTopic(String topic) {
        return Echo.quoted(topic) + " is not a topic of herald.yaml's compliance.topics" + (topics.isEmpty()
                ? " (it declares none; add e.g. compliance: {topics: {" + topic + ": opt_out}})"
                : DidYouMean.hint(topic, topics.keySet()) + " (topics: " + String.join(", ", new TreeSet<>(topics.keySet())) + ")");
    }

    /** Reads the {@code compliance} section; the message of the exception names the setting's path. */
    public static ComplianceRules read(JsonNode node) {
        if (node == null || node.isNull()) {
            return NONE;
        }
        object(node, "compliance", KEYS);
        List<FrequencyCap> caps = new ArrayList<>();
        JsonNode list = node.get("frequency_caps");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new IllegalArgumentException("compliance.frequency_caps: must be a list of caps, e.g. - {max: 3, within: 7d}");
            }
            for (int i = 0; i < list.size(); i++) {
                caps.add(cap(list.get(i), "compliance.frequency_caps[" + i + "]"));
            }
        }
        Map<String, Topic> topics = new LinkedHashMap<>();
        JsonNode tn = node.get("topics");
        if (tn != null && !tn.isNull()) {
            if (!tn.isObject()) {
                throw new IllegalArgumentException("compliance.topics: must be a mapping of topic → opt_in | opt_out, e.g. newsletter: opt_out");
            }
            tn.fields().forEachRemaining(e -> {
                String path = "compliance.topics." + e.getKey();
                if (!e.getKey().matches(NAME)) {
                    throw new IllegalArgumentException(path + ": a topic's name is lower-case letters, digits and _, starting with a letter");
                }
                String kind = e.getValue().isTextual() ? e.getValue().asText() : "";
                if (!kind.equals("opt_in") && !kind.equals("opt_out")) {
                    throw new IllegalArgumentException(path + ": must be opt_in (only subscribers get it) or opt_out (everyone but who unsubscribed)");
                }
                topics.put(e.getKey(), new Topic(e.getKey(), kind.equals("opt_in")));
            });
        }
        return new ComplianceRules(caps, topics, suppression(node.get("suppression")), QuietHours.read(node.get("quiet_hours")));
    }

    private static FrequencyCap cap(JsonNode n, String path) {
        object(n, path, CAP_KEYS);
        JsonNode max = n.get("max");
        if (max == null || !max.isIntegralNumber() || max.asLong() < 1) {
            throw new IllegalArgumentException(path + ".max: must be a whole number, 1 or more — how many messages the window allows");
        }
        Duration within = n.hasNonNull("within") ? length(n.get("within"), path + ".within") : null;
        FrequencyCap.Period per = null;
        if (n.hasNonNull("per")) {
            String p = n.get("per").asText().toUpperCase(Locale.ROOT);
            if (!n.get("per").isTextual() || !Set.of("DAY", "WEEK", "MONTH").contains(p)) {
                throw new IllegalArgumentException(path + ".per: must be day, week or month (a calendar window); for a rolling one write within: 7d");
            }
            per = FrequencyCap.Period.valueOf(p);
        }
        if ((within == null) == (per == null)) {
            throw new IllegalArgumentException(path + ": give one window: within: 7d (rolling) or per: week (calendar)");
        }
        Set<String> channels = new LinkedHashSet<>();
        JsonNode cn = n.get("channels");
        if (cn != null && !cn.isNull()) {
            if (!cn.isArray() || cn.isEmpty()) {
                throw new IllegalArgumentException(path + ".channels: must be a list of channels, e.g. [email, sms]");
            }
            Set<String> known = new TreeSet<>(dev.herald.channel.ChannelTypes.deliveries().stream().map(dev.herald.channel.ChannelType::id).toList());
            for (JsonNode c : cn) {
                if (!c.isTextual() || !known.contains(c.asText())) {
                    throw new IllegalArgumentException(path + ".channels: " + Echo.quoted(c.asText()) + " is not a channel"
                            + DidYouMean.hint(c.asText(), known) + " (channels: " + String.join(", ", known) + ")");
                }
                channels.add(c.asText());
            }
        }
        return new FrequencyCap(max.asLong(), within, per, channels);
    }

    private static SuppressionPolicy suppression(JsonNode n) {
        if (n == null || n.isNull()) {
            return SuppressionPolicy.DEFAULT;
        }
        object(n, "compliance.suppression", SUPPRESSION_KEYS);
        SuppressionPolicy d = SuppressionPolicy.DEFAULT;
        long soft = d.softBounces();
        if (n.has("soft_bounces")) {
            JsonNode v = n.get("soft_bounces");
            if (!v.isIntegralNumber() || v.asLong() < 1) {
                throw new IllegalArgumentException("compliance.suppression.soft_bounces: must be a whole number, 1 or more, e.g. 5");
            }
            soft = v.asLong();
        }
        Duration window = n.has("soft_bounce_window") ? length(n.get("soft_bounce_window"), "compliance.suppression.soft_bounce_window")
                : d.softBounceWindow();
        Duration release = n.has("soft_bounce_release") ? length(n.get("soft_bounce_release"), "compliance.suppression.soft_bounce_release")
                : d.softBounceRelease();
        return new SuppressionPolicy(soft, window, release);
    }

    private static Duration length(JsonNode v, String path) {
        Duration d = v.isTextual() ? Windows.parse(v.asText()) : null;
        if (d == null) {
            throw new IllegalArgumentException(path + ": must be a length of time such as 7d, 48h or 30m"
                    + (v.isValueNode() ? ", got " + Echo.quoted(v.asText()) : ""));
        }
        return d;
    }

    private static void object(JsonNode n, String path, Set<String> keys) {
        if (!n.isObject()) {
            throw new IllegalArgumentException(path + ": must be a mapping of settings (" + String.join(", ", new TreeSet<>(keys)) + ")");
        }
        n.fieldNames().forEachRemaining(k -> {
            if (!keys.contains(k)) {
                throw new IllegalArgumentException(path + "." + k + ": unknown setting" + DidYouMean.hint(k, keys)
                        + " (settings: " + String.join(", ", new TreeSet<>(keys)) + ")");
            }
        });
    }
}
