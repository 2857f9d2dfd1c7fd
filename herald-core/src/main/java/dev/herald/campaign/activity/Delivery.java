package dev.herald.campaign.activity;

import dev.herald.campaign.ActivityConfig;
import dev.herald.campaign.Checks;
import dev.herald.campaign.Population;
import dev.herald.campaign.config.Options;
import dev.herald.channel.ChannelType;
import dev.herald.channel.ChannelTypes;
import dev.herald.compliance.Category;
import dev.herald.delivery.Addressing;
import dev.herald.delivery.TemplateNames;
import dev.herald.text.Echo;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code email}, {@code sms}, {@code push}, {@code webhook}, {@code direct-mail}: a delivery to the
 * population. Recipients are resolved in SQL into the message log — one row per recipient, and per
 * secondary record when there is one ({@code per: { link: bookings }}: one message per booking) —
 * with every exclusion and its reason (no address, no consent, unsubscribed, suppressed, a frequency cap,
 * a duplicate: {@link dev.herald.compliance.Exclusion}); then each message is
 * rendered and sent — in a live run once the delivery is approved, unless it needs no approval.
 * The transition {@code out} carries the recipients who got a message.
 */
public record Delivery(String channel, Map<String, String> templates, String perLink, String perFilter, long rate,
                       Map<String, String> columns, Category category, String topic, boolean trackClicks, boolean trackOpens,
                       boolean needsApproval, java.time.Duration retryPeriod, String windowFrom, String windowTo, List<String> windowDays)
        implements ActivityConfig {

    static Delivery read(ChannelType channel, Options o) {
        Map<String, String> templates = new LinkedHashMap<>();
        for (String part : channel.partNames()) {
            if (!part.equals(ChannelTypes.COLUMNS) && o.has(part)) {
                templates.put(part, o.text(part));
            }
        }
        Options per = o.object(ChannelType.PER);
        Options window = o.object(ChannelType.SEND_WINDOW);
        return new Delivery(channel.id(), templates, per == null ? null : per.text("link"), per == null ? null : per.text("filter"),
                o.integer(ChannelType.RATE, 0), o.namedTexts(ChannelTypes.COLUMNS), Category.of(o.text(ChannelType.CATEGORY)),
                o.text(ChannelType.TOPIC), o.flag(ChannelType.TRACK_CLICKS), o.flag(ChannelType.TRACK_OPENS),
                !"none".equals(o.text(ChannelType.APPROVAL)),
                o.has(ChannelType.RETRY_PERIOD) ? o.duration(ChannelType.RETRY_PERIOD) : ChannelType.DEFAULT_RETRY_PERIOD,
                window == null ? null : window.text("from"), window == null ? null : window.text("to"),
                window == null ? List.of() : window.texts("days"));
    }

    /** The kind of message it sends. */
    public ChannelType type() {
        return ChannelTypes.of(channel);
    }

    @Override
    public List<String> outputs() {
        return List.of(Outputs.OUT);
    }

    @Override
    public Map<String, Population> check(Checks c) {
        Population p = c.inputs().isEmpty() ? Population.none() : c.inputs().get(0);
        if (!p.isRecords()) {
            if (!c.inputs().isEmpty()) {
                c.problem(c.path() + ".from", "the " + channel + " activity needs an audience: " + Echo.quoted(c.inputNames().get(0)) + " carries "
                        + p.describe() + (p.kind() == Population.Kind.FILE ? " (reconcile the file's rows first)" : ""));
            }
            return Outputs.all(outputs(), Population.none());
        }
        if (topic != null && category == Category.TRANSACTIONAL) {
            c.problem(c.path() + ".topic", "a transactional message has no topic: topics are for marketing messages");
        } else if (topic != null && !c.compliance().topics().containsKey(topic)) {
            c.problem(c.path() + ".topic", c.compliance().unknownTopic(topic));
        }
        if (windowFrom != null) {
            LocalTime from = time(c, windowFrom, c.path() + ".send_window.from");
            LocalTime to = time(c, windowTo, c.path() + ".send_window.to");
            if (from != null && from.equals(to)) {
                c.problem(c.path() + ".send_window", "from and to are the same time; a window needs a span, e.g. from \"09:00\" to \"19:00\"");
            }
            for (int i = 0; i < windowDays.size(); i++) {
                if (dev.herald.compliance.SendWindow.day(windowDays.get(i)).isEmpty()) {
                    c.problem(c.path() + ".send_window.days[" + i + "]", "not a day: " + Echo.quoted(windowDays.get(i))
                            + "; write mon, tue, wed, thu, fri, sat or sun");
                }
            }
        }
        if (rate < 0) {
            c.problem(c.path() + ".rate", "must be 0 (no limit) or more");
        }
        Addressing a = Addressing.resolve(c.schema(), channel, p.dimension(), perLink, c.path(), c::problem);
        if (a != null && perFilter != null) {
            c.onEntity(perFilter, a.perEntity(), true, c.path() + ".per.filter");
        }
        Map<String, Set<String>> scopes = scopes(c, p, a);
        templates.forEach((key, text) -> template(c, text, scopes, c.path() + "." + key));
        columns.forEach((name, text) -> {
            String path = c.path() + ".columns." + name;
            if (Outputs.name(c, name, path)) {
                template(c, text, scopes, path);
            }
        });
        return Outputs.all(outputs(), p);
    }

    /** The send window (every category: the window is the delivery's own choice), or null without one. */
    public dev.herald.compliance.SendWindow sendWindow() {
        if (windowFrom == null) {
            return null;
        }
        Set<java.time.DayOfWeek> days = java.util.EnumSet.noneOf(java.time.DayOfWeek.class);
        windowDays.forEach(d -> dev.herald.compliance.SendWindow.day(d).ifPresent(days::add));
        return new dev.herald.compliance.SendWindow(LocalTime.parse(windowFrom.strip()), LocalTime.parse(windowTo.strip()), days);
    }

    private static LocalTime time(Checks c, String text, String path) {
        try {
            return LocalTime.parse(text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            c.problem(path, Echo.quoted(text) + " is not a time of day such as \"09:00\"");
            return null;
        }
    }

    /** What a message's templates read: the recipient's fields, the population's columns, the variables, the secondary record's fields. */
    private static Map<String, Set<String>> scopes(Checks c, Population p, Addressing a) {
        Map<String, Set<String>> scopes = new LinkedHashMap<>();
        scopes.put(p.dimension().name(), p.dimension().fields().keySet());
        scopes.put(Population.TARGET, p.columns().keySet());
        scopes.put("vars", c.variables());
        scopes.put(TemplateNames.MESSAGE, TemplateNames.MESSAGE_FIELDS);
        if (a != null && a.secondary() != null) {
            scopes.put(a.secondary().name(), a.secondary().fields().keySet());
        }
        return scopes;
    }

    private static void template(Checks c, String text, Map<String, Set<String>> scopes, String path) {
        c.template(text, scopes, path);
    }
}
