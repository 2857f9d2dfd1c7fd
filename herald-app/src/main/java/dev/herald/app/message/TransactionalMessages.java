package dev.herald.app.message;

import dev.herald.app.campaign.CampaignService;
import dev.herald.app.engine.Engine;
import dev.herald.app.records.RecordKey;
import dev.herald.campaign.Activity;
import dev.herald.campaign.Population;
import dev.herald.campaign.activity.Delivery;
import dev.herald.campaign.plan.Plan;
import dev.herald.campaign.run.CampaignVersion;
import dev.herald.campaign.run.RunRecord;
import dev.herald.campaign.run.RunLifecycle;
import dev.herald.campaign.run.RunStatus;
import dev.herald.app.channel.MirrorBodies;
import dev.herald.channel.Channel;
import dev.herald.channel.ChannelTypes;
import dev.herald.channel.ChannelUnavailableException;
import dev.herald.channel.OutboundMessage;
import dev.herald.channel.SendResult;
import dev.herald.compliance.ComplianceRules;
import dev.herald.compliance.DeliveryRules;
import dev.herald.compliance.Eligibility;
import dev.herald.delivery.Addressing;
import dev.herald.delivery.LinkTracking;
import dev.herald.delivery.MessageTemplate;
import dev.herald.delivery.run.MessageRenderer;
import dev.herald.delivery.run.PendingMessage;
import dev.herald.delivery.run.RecipientZone;
import dev.herald.error.UserError;
import dev.herald.schema.DidYouMean;
import dev.herald.schema.Entity;
import dev.herald.store.audience.StoredRow;
import dev.herald.store.compliance.ComplianceTables;
import dev.herald.store.delivery.DeliveryTables;
import dev.herald.store.delivery.TransactionalTables;
import dev.herald.store.run.Runs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Transactional messages: one message of a published campaign's delivery activity to one
 * recipient, now — an order confirmation, a password reset. It goes through the same compliance
 * rules as a delivery of that activity's category (a {@code transactional} one needs no marketing
 * consent; a suppressed address gets nothing whatever the category), is rendered by the same
 * templates, sent through the same channel, and logged as a message of one delivery per activity
 * and version, held by a run of its own — so reports, tracking and retargeting see it like any
 * other. Quiet hours and send windows do not hold it: it is sent now, which is what the call asks.
 * An idempotency key makes a call safe to repeat: the same key answers with the message it made,
 * and sends again only a message that failed or could not leave.
 */
public final class TransactionalMessages {

    /** What became of a message: sent, excluded (with its reason), failed (with the provider's word) or pending (try again). */
    public record Outcome(long messageId, long runId, long deliveryId, String campaign, int version, String activity, String channel,
                          String address, String status, String reason, String error, boolean repeated) {
    }

    /** The call: a campaign's delivery activity, the recipient's key, variables, and an optional idempotency key. */
    public record Request(String campaign, String activity, String recipient, Map<String, Object> variables, String idempotencyKey) {
    }

    /** How long a call may take to send its message: a repeated key meanwhile waits for it instead of sending it too. */
    static final java.time.Duration IN_FLIGHT = java.time.Duration.ofMinutes(1);

    private final Engine app;
    private final CampaignService campaigns;

    public TransactionalMessages(Engine app) {
        this.app = app;
        this.campaigns = new CampaignService(app);
    }

    /**
     * What one message is made of: the latest version of a published campaign, its delivery
     * activity, the variables checked against the campaign's, and the recipient's record and key.
     */
    record Target(CampaignVersion version, Plan plan, Delivery delivery, Map<String, Object> variables, Entity entity, Object key,
                  StoredRow row) {
    }

    /** The target of a message of {@code activity} of {@code campaign} to the record {@code recipient}, or the error saying what is missing. */
    Target target(String campaign, String activity, String recipient, Map<String, Object> given) {
        CampaignVersion version = campaigns.latest(campaign);
        Plan plan = campaigns.plan(version.campaign(), version.version());
        Delivery delivery = delivery(plan, activity);
        Map<String, Object> variables = RunLifecycle.variables(plan, given == null ? Map.of() : given);
        Entity entity = plan.inputs(activity).getFirst().dimension();
        Object key = RecordKey.of(entity, recipient, "recipient");
        StoredRow row = new StoredRow(app.store(), app.schema(), entity, key);
        if (!row.exists()) {
            throw UserError.notFound("no " + entity.name() + " with " + entity.key().getFirst() + " " + dev.herald.text.Echo.quoted(recipient),
                    null);
        }
        return new Target(version, plan, delivery, variables, entity, key, row);
    }

    public Outcome send(Request request) {
        campaigns.mayStart(request.campaign());
        Target t = target(request.campaign(), request.activity(), request.recipient(), request.variables());
        CampaignVersion version = t.version();
        Plan plan = t.plan();
        Delivery delivery = t.delivery();
        Map<String, Object> variables = t.variables();
        Entity entity = t.entity();
        Object key = t.key();
        StoredRow row = t.row();
        TransactionalTables tables = new TransactionalTables(app.store());
        TransactionalTables.Holder holder = holder(version, request.activity(), delivery, TransactionalTables.Kind.TRANSACTIONAL);
        String idempotency = request.idempotencyKey();
        if (idempotency != null) {
            Optional<Long> made = tables.byKey(version.campaign(), idempotency);
            if (made.isPresent()) {
                return again(tables, made.get(), request, key);
            }
        }
        Eligibility.Candidate candidate = candidate(plan, delivery, entity, key, row);
        String reason = exclusion(plan, delivery, candidate);
        long id;
        try {
            synchronized (KEYS) { // DuckDB fails the second of two transactions writing one key at their commit; one at a time, it finds the key
                id = app.store().inTransaction(() -> {
                    long m = tables.add(version.campaign(), request.activity(), holder.runId(), holder.deliveryId(), delivery.channel(),
                            delivery.category().id(), delivery.topic(), entity, key, candidate.address(), reason);
                    if (idempotency != null && !tables.remember(version.campaign(), idempotency, m)) {
                        throw new KeyTaken();
                    }
                    return m;
                });
            }
        } catch (KeyTaken e) { // the same key, in a call that came at the same time (another server): its message is the one
            return again(tables, tables.byKey(version.campaign(), idempotency).orElseThrow(), request, key);
        }
        if (reason == null) {
            deliver(id, version, request.activity(), delivery, variables, row, key, candidate.address(), holder, null);
        }
        return outcome(tables, id, version, request.activity(), delivery, holder, false);
    }

    /** One key's transaction at a time in this process. */
    private static final Object KEYS = new Object();

    /**
     * The answer to a repeated idempotency key: the message it made — for the same activity and
     * recipient only — sent again only if it failed or could not leave, and only by the one caller
     * that claims it; not while the first call may still be sending it (pending, no word from the
     * channel, for less than {@link #IN_FLIGHT}: a process that died before sending leaves it so).
     * It goes again through its own delivery and campaign version, and the compliance rules of now.
     */
    private Outcome again(TransactionalTables tables, long id, Request request, Object key) {
        TransactionalTables.Message m = tables.message(id).orElseThrow();
        if (!m.activity().equals(request.activity()) || !m.recipient().equals(String.valueOf(key))) {
            throw UserError.conflict("this Idempotency-Key made message " + id + " of " + m.activity() + " to " + m.recipient()
                    + "; a key names one message: use another key for another message", null);
        }
        var held = tables.heldBy(m.deliveryId()).orElseThrow();
        CampaignVersion version = campaigns.version(held.value1(), held.value2());
        Plan plan = campaigns.plan(version.campaign(), version.version());
        Delivery delivery = delivery(plan, m.activity());
        TransactionalTables.Holder holder = tables.holder(version.campaign(), version.version(), m.activity(), TransactionalTables.Kind.TRANSACTIONAL)
                .orElseThrow();
        if (tables.retry(id, IN_FLIGHT)) {
            Entity entity = plan.inputs(m.activity()).getFirst().dimension();
            StoredRow row = new StoredRow(app.store(), app.schema(), entity, key);
            Eligibility.Candidate candidate = row.exists() ? candidate(plan, delivery, entity, key, row) : null;
            String reason = candidate == null ? dev.herald.compliance.Exclusion.NO_RECORD : exclusion(plan, delivery, candidate);
            if (reason != null) {
                tables.exclude(id, reason);
            } else {
                Map<String, Object> variables = RunLifecycle.variables(plan, request.variables() == null ? Map.of() : request.variables());
                deliver(id, version, m.activity(), delivery, variables, row, key, candidate.address(), holder, null);
            }
        }
        return outcome(tables, id, version, m.activity(), delivery, holder, true);
    }

    /** Why the candidate gets no message of the delivery now, or null; every earlier message of the delivery counts against its caps. */
    private String exclusion(Plan plan, Delivery delivery, Eligibility.Candidate candidate) {
        return Eligibility.exclusion(candidate, rules(plan, delivery), new ComplianceTables(app.store(), compliance().suppression()), -1);
    }

    /**
     * Renders the message and hands it to its channel; records what the channel said. A
     * {@code headlinePrefix} (a proof's "[Proof] ") goes before its subject or title, when not null.
     */
    void deliver(long id, CampaignVersion version, String activity, Delivery delivery, Map<String, Object> variables, StoredRow row,
                 Object key, String address, TransactionalTables.Holder holder, String headlinePrefix) {
        Plan plan = campaigns.plan(version.campaign(), version.version());
        DeliveryTables log = new DeliveryTables(app.store(), compliance().suppression());
        Map<String, MessageTemplate> parts = new LinkedHashMap<>();
        delivery.templates().forEach((part, text) -> parts.put(part, plan.templates().of(text)));
        Map<String, MessageTemplate> columns = new LinkedHashMap<>();
        delivery.columns().forEach((column, text) -> columns.put(column, plan.templates().of(text)));
        MessageRenderer renderer = new MessageRenderer(holder.deliveryId(), delivery.type(), parts, columns, variables,
                new RecipientZone(plan.schema().timeZone(), plan.templates().workspace().zone()),
                new LinkTracking(app.links(), delivery.trackClicks(), delivery.trackOpens()));
        Map<String, Map<String, Object>> records = new LinkedHashMap<>();
        records.put(row.entity().name(), RecordKey.values(row));
        records.put(Population.TARGET, Map.of(plan.inputs(activity).getFirst().key(), key));
        OutboundMessage out;
        try {
            out = renderer.render(new PendingMessage(id, address, records));
        } catch (MessageRenderer.MessageRenderException e) {
            log.record(holder.deliveryId(), List.of(), Map.of(), Map.of(id, new SendResult.Failed("cannot render: " + e.getMessage(), null)), List.of(), Map.of());
            return;
        }
        if (headlinePrefix != null && delivery.type().headline() != null && out.headline() != null) {
            Map<String, String> marked = new LinkedHashMap<>(out.parts());
            marked.put(delivery.type().headline(), headlinePrefix + out.headline());
            out = new OutboundMessage(out.id(), out.deliveryId(), out.type(), out.address(), marked);
        }
        MirrorBodies mirror = new MirrorBodies(app.links(), delivery.type());
        mirror.seen(out);
        Channel channel = app.registry().channelFor(delivery.type());
        SendResult result;
        try {
            result = channel.send(List.of(out)).getFirst();
        } catch (ChannelUnavailableException e) {
            result = new SendResult.Deferred(e.getMessage());
        }
        switch (result) {
            case SendResult.Sent s -> log.record(holder.deliveryId(), List.of(id), channel.keepsProviderIds() && s.providerId() != null
                    ? Map.of(id, s.providerId()) : Map.of(), Map.of(), List.of(), Map.of(), mirror.take(List.of(id)));
            case SendResult.Failed f -> log.record(holder.deliveryId(), List.of(), Map.of(), Map.of(id, f), List.of(), Map.of());
            case SendResult.Deferred d -> new TransactionalTables(app.store()).note(id, d.reason());
        }
    }

    Outcome outcome(TransactionalTables tables, long id, CampaignVersion version, String activity, Delivery delivery,
                            TransactionalTables.Holder holder, boolean repeated) {
        TransactionalTables.Message m = tables.message(id).orElseThrow();
        return new Outcome(id, holder.runId(), holder.deliveryId(), version.campaign(), version.version(), activity, delivery.channel(),
                m.address(), m.status(), m.reason(), m.error(), repeated);
    }

    /** The delivery activity {@code id} of the plan, if it can send one message to one record. */
    static Delivery delivery(Plan plan, String id) {
        Activity activity = plan.campaign().activity(id).orElseThrow(() -> UserError.invalid("activity", "campaign " + plan.campaign().id()
                + " has no activity " + dev.herald.text.Echo.quoted(id) + DidYouMean.hint(id, plan.campaign().activities().stream()
                .map(Activity::id).toList())));
        if (!(activity.config() instanceof Delivery d)) {
            throw UserError.invalid("activity", "'" + id + "' is a " + activity.type() + " activity; a transactional message is a delivery's "
                    + "(email, sms, push, webhook)");
        }
        if (d.channel().equals(ChannelTypes.DIRECT_MAIL)) {
            throw UserError.invalid("activity", "'" + id + "' is direct mail: it goes to a print file with its delivery, not one by one");
        }
        if (d.perLink() != null) {
            throw UserError.invalid("activity", "'" + id + "' sends one message per " + d.perLink() + "; a transactional message goes to "
                    + "one record");
        }
        List<Population> inputs = plan.inputs(id);
        if (inputs.isEmpty() || inputs.getFirst() == null || !inputs.getFirst().isRecords()) {
            throw UserError.invalid("activity", "'" + id + "' receives no records");
        }
        return d;
    }

    private Eligibility.Candidate candidate(Plan plan, Delivery delivery, Entity entity, Object key, StoredRow row) {
        List<String> problems = new ArrayList<>();
        Addressing a = Addressing.resolve(plan.schema(), delivery.channel(), entity, null, "channels." + delivery.channel(),
                (path, problem) -> problems.add(problem));
        if (a == null) {
            throw UserError.invalid("activity", String.join("; ", problems));
        }
        List<Eligibility.Candidate> candidates = Eligibility.candidates(row, key, a);
        if (candidates.size() != 1) {
            throw UserError.invalid("recipient", entity.name() + " " + key + " has " + candidates.size() + " " + delivery.channel()
                    + " addresses; a transactional message goes to one");
        }
        return candidates.getFirst();
    }

    private DeliveryRules rules(Plan plan, Delivery delivery) {
        Instant now = app.clock().instant();
        return compliance().forDelivery(delivery.channel(), delivery.category(), delivery.topic(), now, plan.templates().workspace().zone());
    }

    private ComplianceRules compliance() {
        return app.workspace().config().compliance();
    }

    /**
     * The run and delivery that hold the messages of {@code activity} of {@code version}: made with
     * the first message, once — of two processes making it at once, one does.
     */
    TransactionalTables.Holder holder(CampaignVersion version, String activity, Delivery delivery, TransactionalTables.Kind kind) {
        TransactionalTables tables = new TransactionalTables(app.store());
        Optional<TransactionalTables.Holder> known = tables.holder(version.campaign(), version.version(), activity, kind);
        if (known.isPresent()) {
            return known.get();
        }
        synchronized (TransactionalMessages.class) {
            try {
                return app.store().inTransaction(() -> {
                    Optional<TransactionalTables.Holder> again = tables.holder(version.campaign(), version.version(), activity, kind);
                    if (again.isPresent()) {
                        return again.get();
                    }
                    Runs runs = new Runs(app.store());
                    long run = runs.create(version, false, Map.of(), null, List.of(), true);
                    runs.status(run, RunStatus.FINISHED);
                    runs.log(run, "action", activity, kind == TransactionalTables.Kind.PROOF
                            ? "holds the proofs of " + version.campaign() + " v" + version.version() + " " + activity + ", sent to seed addresses"
                            : "holds the transactional messages of " + version.campaign() + " v" + version.version() + " " + activity
                            + ": each sent on its own through POST /api/v1/messages", null);
                    RunRecord record = runs.run(run);
                    DeliveryTables deliveries = new DeliveryTables(app.store());
                    long id = deliveries.create(record, activity, delivery.channel());
                    deliveries.approve(id, kind.name().toLowerCase(java.util.Locale.ROOT) + ": each message sent when asked for");
                    TransactionalTables.Holder made = new TransactionalTables.Holder(run, id);
                    if (!tables.hold(version.campaign(), version.version(), activity, kind, made)) {
                        throw new KeyTaken();
                    }
                    return made;
                });
            } catch (KeyTaken e) {
                return tables.holder(version.campaign(), version.version(), activity, kind).orElseThrow();
            }
        }
    }

    /** Rolls back what a call made when another process made the same thing first. */
    private static final class KeyTaken extends RuntimeException {
        KeyTaken() {
            super(null, null, false, false);
        }
    }
}
