package dev.herald.campaign.plan;

import dev.herald.delivery.MessageTemplate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The message templates a campaign's validation parsed, kept in its {@link Plan}: a run parses none again. */
public final class ParsedTemplates {

    private final Map<String, MessageTemplate> parsed = new ConcurrentHashMap<>();

    void add(MessageTemplate template) {
        parsed.put(template.text(), template);
    }

    /** The template of {@code text}, as validation parsed it. */
    public MessageTemplate of(String text) {
        MessageTemplate t = parsed.get(text);
        if (t == null) {
            throw new IllegalStateException("the template '" + text + "' was not parsed when the campaign was validated");
        }
        return t;
    }
}
