package dev.herald.campaign.plan;

import dev.herald.delivery.MessageTemplate;
import dev.herald.delivery.Templates;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The message templates a campaign's validation parsed, kept in its {@link Plan} with the
 * workspace's {@link Templates} (its partials, already parsed, and its time zone): a run parses none again.
 */
public final class ParsedTemplates {

    private final Templates workspace;
    private final Map<String, MessageTemplate> parsed = new ConcurrentHashMap<>();

    ParsedTemplates(Templates workspace) {
        this.workspace = workspace;
    }

    void add(MessageTemplate template) {
        parsed.put(template.text(), template);
    }

    /** The workspace's templates: its partials and time zone. */
    public Templates workspace() {
        return workspace;
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
