package dev.herald.delivery.run;

import dev.herald.delivery.MessageTemplate;
import dev.herald.channel.ChannelType;
import dev.herald.channel.OutboundMessage;
import dev.herald.load.CsvCell;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a delivery's messages: each template part of its channel with the message's records and
 * the run's variables ({@code vars}); a direct-mail line is its columns, rendered and joined as CSV.
 * The templates are the ones validation parsed.
 */
public final class MessageRenderer {

    private final long deliveryId;
    private final ChannelType type;
    private final Map<String, MessageTemplate> parts;
    private final Map<String, MessageTemplate> columns;
    private final Map<String, Object> variables;

    /**
     * @param parts   part name → its template (the channel's parts that have one)
     * @param columns a direct-mail line's columns → their templates, in order (empty for other channels)
     */
    public MessageRenderer(long deliveryId, ChannelType type, Map<String, MessageTemplate> parts,
                           Map<String, MessageTemplate> columns, Map<String, Object> variables) {
        this.deliveryId = deliveryId;
        this.type = type;
        this.parts = new LinkedHashMap<>(parts);
        this.columns = new LinkedHashMap<>(columns);
        this.variables = variables;
    }

    /** The message rendered; a template that cannot render throws, and that one message fails. */
    public OutboundMessage render(PendingMessage m) {
        Map<String, Object> values = new LinkedHashMap<>(m.records());
        values.put("vars", variables);
        Map<String, String> rendered = new LinkedHashMap<>();
        parts.forEach((name, t) -> rendered.put(name, t.render(values)));
        if (!columns.isEmpty()) {
            List<String> cells = new ArrayList<>();
            columns.values().forEach(t -> cells.add(CsvCell.quote(t.render(values))));
            rendered.put(type.main(), String.join(",", cells));
        }
        return new OutboundMessage(m.id(), deliveryId, type, m.address(), rendered);
    }
}
