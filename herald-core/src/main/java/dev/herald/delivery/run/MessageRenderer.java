package dev.herald.delivery.run;

import dev.herald.channel.ChannelType;
import dev.herald.channel.ChannelTypes;
import dev.herald.channel.OutboundMessage;
import dev.herald.delivery.LinkTracking;
import dev.herald.delivery.MessageTemplate;
import dev.herald.delivery.TemplateNames;
import dev.herald.liquid.Escape;
import dev.herald.liquid.LiquidException;
import dev.herald.load.CsvCell;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a delivery's messages: each template part of its channel with the message's records and
 * the run's variables ({@code vars}), dates in the recipient's time zone, values escaped as the
 * part needs ({@link ChannelTypes#escape}); a direct-mail line is its columns, rendered and joined
 * as CSV; an HTML email's links and open pixel are tracked as its delivery says ({@link LinkTracking}).
 * The templates are the ones validation parsed. A part that cannot render fails that one
 * message with a {@link MessageRenderException} that says which part, where and why.
 */
public final class MessageRenderer {

    private final long deliveryId;
    private final ChannelType type;
    private final Map<String, MessageTemplate> parts;
    private final Map<String, MessageTemplate> columns;
    private final Map<String, Object> variables;
    private final RecipientZone zones;
    private final LinkTracking tracking;

    /** Without links back to Herald: {@code message.unsubscribe_url} is empty, nothing is tracked. */
    public MessageRenderer(long deliveryId, ChannelType type, Map<String, MessageTemplate> parts,
                           Map<String, MessageTemplate> columns, Map<String, Object> variables, RecipientZone zones) {
        this(deliveryId, type, parts, columns, variables, zones, null);
    }

    /**
     * @param parts    part name → its template (the channel's parts that have one)
     * @param columns  a direct-mail line's columns → their templates, in order (empty for other channels)
     * @param tracking the links back to Herald and what of an HTML email is tracked, or null for none
     */
    public MessageRenderer(long deliveryId, ChannelType type, Map<String, MessageTemplate> parts,
                           Map<String, MessageTemplate> columns, Map<String, Object> variables, RecipientZone zones,
                           LinkTracking tracking) {
        this.tracking = tracking;
        this.deliveryId = deliveryId;
        this.type = type;
        this.parts = new LinkedHashMap<>(parts);
        this.columns = new LinkedHashMap<>(columns);
        this.variables = variables;
        this.zones = zones;
    }

    /** The message rendered; a template that cannot render throws {@link MessageRenderException}, and that one message fails. */
    public OutboundMessage render(PendingMessage m) {
        return new OutboundMessage(m.id(), deliveryId, type, m.address(), parts(m));
    }

    /** Every part of the message, by name, in the channel's order. */
    public Map<String, String> parts(PendingMessage m) {
        Map<String, Object> values = new LinkedHashMap<>(m.records());
        values.put("vars", variables);
        values.put(TemplateNames.MESSAGE, Map.of("id", m.id(),
                "unsubscribe_url", tracking == null ? "" : tracking.links().unsubscribeUrl(m.id()),
                "preferences_url", tracking == null ? "" : tracking.links().preferencesUrl(m.id()),
                "view_online_url", tracking == null ? "" : tracking.links().viewUrl(m.id())));
        var zone = zones.of(m);
        Map<String, String> rendered = new LinkedHashMap<>();
        parts.forEach((name, t) -> rendered.put(name, render(name, t, values, zone, ChannelTypes.escape(type, name, t.text()))));
        String main = rendered.get(type.main());
        if (tracking != null && type.id().equals(ChannelTypes.EMAIL) && ChannelTypes.isHtml(main)) {
            rendered.put(type.main(), tracking.apply(m.id(), main));
        }
        if (!columns.isEmpty()) {
            List<String> cells = new ArrayList<>();
            columns.forEach((name, t) -> cells.add(CsvCell.quote(render(ChannelTypes.COLUMNS + "." + name, t, values, zone, Escape.NONE))));
            rendered.put(type.main(), String.join(",", cells));
        }
        return rendered;
    }

    private static String render(String part, MessageTemplate t, Map<String, Object> values, java.time.ZoneId zone, Escape escape) {
        try {
            return t.render(values, zone, escape);
        } catch (LiquidException e) {
            throw new MessageRenderException(part + ": " + e.getMessage());
        } catch (StackOverflowError | OutOfMemoryError e) {
            throw new MessageRenderException(part + ": the template could not render within the sender's memory (" + e + ")");
        }
    }

    /** A message part that could not render: that one message fails with this reason. */
    public static final class MessageRenderException extends RuntimeException {
        public MessageRenderException(String reason) {
            super(reason);
        }
    }
}
