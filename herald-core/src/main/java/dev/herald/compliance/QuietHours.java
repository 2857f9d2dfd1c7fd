package dev.herald.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.channel.ChannelType;
import dev.herald.channel.ChannelTypes;
import dev.herald.schema.DidYouMean;
import dev.herald.text.Echo;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Hours in the recipient's time zone when no marketing message of the named channels goes out
 * ({@code compliance.quiet_hours: {from: "21:00", to: "08:00", channels: [sms, push]}}): a message
 * due inside them waits until they end, or with {@code action: drop} is not sent at all (excluded
 * as {@code quiet_hours}: a flash sale's text is worthless the next morning). {@code from} after
 * {@code to} spans midnight. Transactional messages are exempt.
 */
public record QuietHours(LocalTime from, LocalTime to, Set<String> channels, boolean drop) {

    private static final Set<String> KEYS = Set.of("from", "to", "channels", "action");

    public QuietHours {
        channels = Set.copyOf(channels);
    }

    /** Hours in which messages wait. */
    public QuietHours(LocalTime from, LocalTime to, Set<String> channels) {
        this(from, to, channels, false);
    }

    /** Whether {@code now} is inside these hours in {@code zone}. */
    public boolean inside(Instant now, ZoneId zone) {
        return endAfter(now, zone) != null;
    }

    /** Whether a message of this channel and category waits for the quiet hours to end. */
    public boolean covers(String channel, Category category) {
        return category == Category.MARKETING && channels.contains(channel);
    }

    /** When the quiet hours around {@code now} end in {@code zone}, or null when {@code now} is not inside them. */
    public Instant endAfter(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        LocalTime t = local.toLocalTime();
        boolean inside = from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
        if (!inside) {
            return null;
        }
        ZonedDateTime end = local.with(to);
        if (!end.isAfter(local)) {
            end = end.plusDays(1);
        }
        return end.toInstant();
    }

    /**
     * When a message may leave at {@code now} in {@code zone} under all of {@code hours}: the latest
     * of their ends, or null when none holds it now. (Released into other hours, it is held again then.)
     */
    public static Instant release(Instant now, ZoneId zone, List<QuietHours> hours) {
        Instant latest = null;
        for (QuietHours h : hours) {
            Instant end = h.endAfter(now, zone);
            latest = end != null && (latest == null || end.isAfter(latest)) ? end : latest;
        }
        return latest;
    }

    /**
     * The {@code compliance.quiet_hours} setting: one rule (a mapping) or several (a list of them,
     * say SMS dropped and push waiting); empty when absent.
     */
    static List<QuietHours> read(JsonNode n) {
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            return List.of(rule(n, "compliance.quiet_hours"));
        }
        List<QuietHours> rules = new java.util.ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            rules.add(rule(n.get(i), "compliance.quiet_hours[" + i + "]"));
        }
        return List.copyOf(rules);
    }

    private static QuietHours rule(JsonNode n, String path) {
        if (!n.isObject()) {
            throw new IllegalArgumentException(path + ": must be a mapping: {from: \"21:00\", to: \"08:00\", channels: [sms, push]}");
        }
        n.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException(path + "." + k + ": unknown setting" + DidYouMean.hint(k, KEYS)
                        + " (settings: action, channels, from, to)");
            }
        });
        JsonNode action = n.get("action");
        if (action != null && !(action.isTextual() && Set.of("wait", "drop").contains(action.asText()))) {
            throw new IllegalArgumentException(path + ".action: " + Echo.quoted(action.asText())
                    + " is neither wait (the message leaves when the hours end, the default) nor drop (it is not sent)");
        }
        LocalTime from = time(n.get("from"), path + ".from");
        LocalTime to = time(n.get("to"), path + ".to");
        if (from.equals(to)) {
            throw new IllegalArgumentException(path + ": from and to are the same time; quiet hours need a span, e.g. from 21:00 to 08:00");
        }
        Set<String> known = new TreeSet<>(ChannelTypes.deliveries().stream().map(ChannelType::id).toList());
        Set<String> channels = new LinkedHashSet<>();
        JsonNode cn = n.get("channels");
        if (cn == null || !cn.isArray() || cn.isEmpty()) {
            throw new IllegalArgumentException(path + ".channels: must be a list of channels, e.g. [sms, push]");
        }
        for (JsonNode c : cn) {
            if (!c.isTextual() || !known.contains(c.asText())) {
                throw new IllegalArgumentException(path + ".channels: " + Echo.quoted(c.asText()) + " is not a channel"
                        + DidYouMean.hint(c.asText(), known) + " (channels: " + String.join(", ", known) + ")");
            }
            channels.add(c.asText());
        }
        return new QuietHours(from, to, channels, action != null && action.asText().equals("drop"));
    }

    private static LocalTime time(JsonNode v, String path) {
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(path + ": must be a time of day in quotes, such as \"21:00\"");
        }
        try {
            return LocalTime.parse(v.asText().strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(path + ": " + Echo.quoted(v.asText()) + " is not a time of day such as \"21:00\"");
        }
    }
}
