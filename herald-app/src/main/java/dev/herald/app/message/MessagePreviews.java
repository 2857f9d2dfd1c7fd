package dev.herald.app.message;

import dev.herald.app.campaign.CampaignService;
import dev.herald.app.engine.Engine;
import dev.herald.app.records.RecordKey;
import dev.herald.delivery.LinkTracking;
import dev.herald.campaign.Activity;
import dev.herald.campaign.Population;
import dev.herald.campaign.activity.Delivery;
import dev.herald.campaign.plan.Plan;
import dev.herald.campaign.run.CampaignVersion;
import dev.herald.delivery.MessageTemplate;
import dev.herald.delivery.run.MessageRenderer;
import dev.herald.delivery.run.PendingMessage;
import dev.herald.delivery.run.RecipientZone;
import dev.herald.error.UserError;
import dev.herald.expr.Row;
import dev.herald.schema.DidYouMean;
import dev.herald.schema.Entity;
import dev.herald.schema.Link;
import dev.herald.store.audience.StoredRows;
import dev.herald.store.run.Runs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code herald message preview}: renders every part of a delivery activity's message for one
 * recipient, read from the store by its key, with the templates and time zone a run would use —
 * so that a marketer sees what one customer gets before anyone does.
 */
public final class MessagePreviews {

    private final Engine app;
    private final CampaignService campaigns;

    public MessagePreviews(Engine app) {
        this.app = app;
        this.campaigns = new CampaignService(app);
    }

    /**
     * The plan of a campaign given as the text of a document ({@code source} names it), or, when
     * {@code text} is null, as the id of a published campaign (its latest version).
     */
    public Plan plan(String text, String source) {
        if (text != null) {
            return campaigns.check(text, source);
        }
        Optional<CampaignVersion> latest = new Runs(app.store()).latest(source);
        if (latest.isEmpty()) {
            throw UserError.notFound("no file and no published campaign '" + source + "'; give a campaign file, or publish it first "
                    + "(herald campaign publish FILE)", null);
        }
        return campaigns.plan(source, latest.get().version());
    }

    /** The message of activity {@code activityId} of {@code plan} for the record whose key is {@code key}. */
    public MessagePreview preview(Plan plan, String activityId, String key) {
        Activity activity = plan.campaign().activity(activityId).orElseThrow(() -> UserError.invalid("campaign " + plan.campaign().id()
                + " has no activity '" + activityId + "'" + DidYouMean.hint(activityId, plan.campaign().activities().stream()
                .map(Activity::id).toList())));
        if (!(activity.config() instanceof Delivery delivery)) {
            throw UserError.invalid("'" + activityId + "' is a " + activity.type() + " activity; a preview renders a delivery's message "
                    + "(email, sms, push, webhook, direct-mail)");
        }
        List<Population> inputs = plan.inputs(activityId);
        if (inputs.isEmpty() || inputs.getFirst() == null || !inputs.getFirst().isRecords()) {
            throw UserError.invalid("'" + activityId + "' receives no records to preview");
        }
        Population population = inputs.getFirst();
        Entity entity = population.dimension();
        Row row = new StoredRows(app.store(), app.schema()).read(entity, RecordKey.of(entity, key, "--profile")).orElseThrow(() -> UserError.notFound(
                "no " + entity.name() + " with " + entity.key().getFirst() + " " + key, null));
        List<String> notes = new ArrayList<>();
        Map<String, Map<String, Object>> records = new LinkedHashMap<>();
        records.put(entity.name(), RecordKey.values(row));
        Map<String, Object> target = new LinkedHashMap<>();
        List<String> computed = new ArrayList<>();
        for (String column : population.columns().keySet()) {
            boolean isKey = column.equals(population.key());
            target.put(column, isKey ? row.get(entity.key().getFirst()) : null);
            if (!isKey) {
                computed.add("target." + column);
            }
        }
        records.put(Population.TARGET, target);
        if (!computed.isEmpty()) {
            notes.add("the population's columns (" + String.join(", ", computed) + ") are empty: a run computes them");
        }
        if (delivery.perLink() != null) {
            Link link = entity.links().get(delivery.perLink());
            List<Row> linked = link == null ? List.of() : row.many(link);
            if (!linked.isEmpty()) {
                records.put(linked.getFirst().entity().name(), RecordKey.values(linked.getFirst()));
                notes.add("one message per " + delivery.perLink() + ": this is the first of " + linked.size()
                        + (delivery.perFilter() == null ? "" : ", before per.filter"));
            } else {
                notes.add(entity.name() + " " + key + " has no " + delivery.perLink() + ": a run sends it no message");
            }
        }
        Map<String, MessageTemplate> parts = new LinkedHashMap<>();
        delivery.templates().forEach((part, text) -> parts.put(part, plan.templates().of(text)));
        Map<String, MessageTemplate> columns = new LinkedHashMap<>();
        delivery.columns().forEach((column, text) -> columns.put(column, plan.templates().of(text)));
        RecipientZone zones = new RecipientZone(plan.schema().timeZone(), plan.templates().workspace().zone());
        PendingMessage message = new PendingMessage(0, null, records);
        Map<String, String> rendered = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, Object> variables = new LinkedHashMap<>(plan.campaign().variables());
        LinkTracking tracking = new LinkTracking(app.links(), delivery.trackClicks(), delivery.trackOpens());
        parts.forEach((part, t) -> render(delivery, Map.of(part, t), Map.of(), variables, zones, tracking, message, rendered, errors));
        if (!columns.isEmpty()) {
            render(delivery, Map.of(), columns, variables, zones, tracking, message, rendered, errors);
        }
        return new MessagePreview(plan.campaign().id(), activityId, delivery.channel(), entity.name(), key, zones.of(message), rendered,
                errors, notes);
    }

    private static void render(Delivery delivery, Map<String, MessageTemplate> parts, Map<String, MessageTemplate> columns,
                               Map<String, Object> variables, RecipientZone zones, LinkTracking tracking, PendingMessage message,
                               Map<String, String> rendered, Map<String, String> errors) {
        try {
            rendered.putAll(new MessageRenderer(0, delivery.type(), parts, columns, variables, zones, tracking).parts(message));
        } catch (MessageRenderer.MessageRenderException e) {
            String part = parts.isEmpty() ? delivery.type().main() : parts.keySet().iterator().next();
            errors.put(part, e.getMessage().startsWith(part + ": ") ? e.getMessage().substring(part.length() + 2) : e.getMessage());
        }
    }
}
