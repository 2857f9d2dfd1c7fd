package dev.herald.app.channel;

import dev.herald.campaign.activity.Delivery;
import dev.herald.campaign.run.ActivityRun;
import dev.herald.campaign.run.ChannelExecutor;
import dev.herald.channel.Channel;
import dev.herald.channel.ChannelType;
import dev.herald.channel.ChannelTypes;
import dev.herald.compliance.ComplianceRules;
import dev.herald.compliance.DeliveryRules;
import dev.herald.compliance.Exclusion;
import dev.herald.compliance.QuietHours;
import dev.herald.compliance.SendWindow;
import dev.herald.delivery.Addressing;
import dev.herald.delivery.LinkTracking;
import dev.herald.delivery.SignedLinks;
import dev.herald.channel.OutboundMessage;
import dev.herald.delivery.run.AwaitingApproval;
import dev.herald.delivery.run.DeliveryPipeline;
import dev.herald.delivery.run.PendingMessage;
import dev.herald.delivery.run.PendingMessages;
import dev.herald.text.Echo;
import dev.herald.delivery.run.DeliveryStore;
import dev.herald.delivery.run.MessageRenderer;
import dev.herald.delivery.run.RecipientZone;
import dev.herald.delivery.run.SendTime;
import dev.herald.delivery.MessageTemplate;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * email, sms, push, webhook, direct-mail: recipients resolved into the message log in SQL, then
 * rendered with the templates validation parsed and sent through the channel of their kind. A test
 * run prepares the messages (and shows every exclusion) but sends nothing.
 */
public final class DeliveryActivity implements ChannelExecutor<Delivery> {

    private final DeliveryStore deliveries;
    private final DeliveryPipeline pipeline;
    private final Function<ChannelType, Channel> channels;
    private final ComplianceRules compliance;
    private final SignedLinks links;
    private final DirectMailFile files;
    private final Supplier<Instant> clock;

    public DeliveryActivity(DeliveryStore deliveries, DeliveryPipeline pipeline, Function<ChannelType, Channel> channels,
                            ComplianceRules compliance, SignedLinks links, DirectMailFile files,
                            Supplier<Instant> clock) {
        this.clock = clock;
        this.compliance = compliance;
        this.links = links;
        this.files = files;
        this.deliveries = deliveries;
        this.pipeline = pipeline;
        this.channels = channels;
    }

    @Override
    public void prepare(ActivityRun r, Delivery c) {
        if (deliveries.find(r.record().id(), r.activity().id()).isPresent()) {
            return; // prepared before the process stopped: its messages are in the log
        }
        long id = deliveries.create(r.record(), r.activity().id(), c.channel());
        deliveries.resolve(r, id, addressing(r, c), c.perFilter(), rules(r, c));
        if (!r.test() && (r.record().approved() || !c.needsApproval())) {
            deliveries.approve(id, r.record().approved() ? "run " + r.record().id() + " started approved" : "approval: none");
        }
    }

    @Override
    public boolean send(ActivityRun r, Delivery c, BooleanSupplier stop) throws Exception {
        if (r.test()) {
            return true;
        }
        long id = deliveries.find(r.record().id(), r.activity().id()).orElseThrow();
        ChannelType type = c.type();
        Map<String, MessageTemplate> parts = new LinkedHashMap<>();
        c.templates().forEach((part, text) -> parts.put(part, r.template(text)));
        Map<String, MessageTemplate> columns = new LinkedHashMap<>();
        c.columns().forEach((column, text) -> columns.put(column, r.template(text)));
        MessageRenderer renderer = new MessageRenderer(id, type, parts, columns, r.variables(), zones(r),
                new LinkTracking(links, c.trackClicks(), c.trackOpens()));
        if (deliveries.approvedBy(id).isEmpty()) {
            awaitApproval(r, c, id, renderer);
        }
        MirrorBodies mirrors = new MirrorBodies(links, type);
        return pipeline.send(deliveries.pending(r, id, addressing(r, c)), m -> mirrors.seen(renderer.render(m)), release(r, c),
                channels.apply(type), (sent, ids, failed, deferred, excluded) -> deliveries.record(id, sent, ids, failed, deferred, excluded,
                        mirrors.take(sent)), c.rate(), stop);
    }

    /**
     * When each message may leave, in its recipient's time zone: once the workspace's quiet hours
     * (for its channel and category) end and the delivery's send window opens — or never, when it
     * is due inside quiet hours that drop.
     */
    private Function<PendingMessage, SendTime> release(ActivityRun r, Delivery c) {
        List<QuietHours> hours = compliance.quietHours(c.channel(), c.category());
        List<QuietHours> dropping = hours.stream().filter(QuietHours::drop).toList();
        List<QuietHours> waiting = hours.stream().filter(h -> !h.drop()).toList();
        SendWindow window = c.sendWindow();
        if (hours.isEmpty() && window == null) {
            return m -> SendTime.NOW;
        }
        RecipientZone zones = zones(r);
        return m -> {
            Instant now = r.record().timeAt(clock.get()); // each message's own moment: a slow delivery may run into quiet hours
            ZoneId zone = zones.of(m);
            if (dropping.stream().anyMatch(h -> h.inside(now, zone))) {
                return new SendTime.Never(Exclusion.QUIET_HOURS);
            }
            // the later of the two; released into the other's hours, it is held again then
            Instant quietEnds = QuietHours.release(now, zone, waiting);
            Instant windowOpens = window == null ? null : window.holdUntil(now, zone);
            Instant at = quietEnds == null ? windowOpens : windowOpens == null || quietEnds.isAfter(windowOpens) ? quietEnds : windowOpens;
            return at == null ? SendTime.NOW : new SendTime.Later(at);
        };
    }

    /**
     * Unless nothing is left to send, stops the delivery until someone approves it, saying how many
     * messages wait, who is left out and why, and what the first message looks like.
     */
    private void awaitApproval(ActivityRun r, Delivery c, long id, MessageRenderer renderer) throws AwaitingApproval {
        DeliveryStore.Summary summary = deliveries.summary(id);
        if (summary.messages().getOrDefault("pending", 0L) == 0) {
            return;
        }
        String sample;
        try (PendingMessages pending = deliveries.pending(r, id, addressing(r, c))) {
            List<PendingMessage> first = pending.next(1);
            sample = first.isEmpty() ? "" : "; the first, to " + first.get(0).address() + ": " + sample(renderer, first.get(0));
        }
        throw new AwaitingApproval(describe(id, summary) + " — waiting for approval" + sample);
    }

    /** What a recipient sees first: the subject or title, else the start of the text. */
    private static String sample(MessageRenderer renderer, PendingMessage m) {
        try {
            OutboundMessage out = renderer.render(m);
            String text = out.headline() != null ? out.headline() : out.main();
            return Echo.quoted(text.length() > 120 ? text.substring(0, 120) + "…" : text);
        } catch (MessageRenderer.MessageRenderException e) {
            return "it cannot render (" + e.getMessage() + ")";
        }
    }

    /**
     * The transition {@code out}: the recipients who got a message, as a view of the inbound
     * worktable filtered by the message log — nothing is copied, and the count comes from the
     * delivery's summary.
     */
    @Override
    public void finish(ActivityRun r, Delivery c) {
        long id = deliveries.find(r.record().id(), r.activity().id()).orElseThrow();
        DeliveryStore.Reached reached = deliveries.reached(r, id);
        r.output("out", reached.worktable(), reached.recipients());
        r.info(describe(id, reached.summary()));
        if (!r.test() && c.channel().equals(ChannelTypes.DIRECT_MAIL)) {
            DirectMailFile.Written file = files.write(r);
            r.info(String.format("wrote %,d line%s to %s for the print provider", file.lines(), file.lines() == 1 ? "" : "s", file.file()));
        }
    }

    /** The compliance rules the delivery checks, at the run's moment: calendar caps start at midnight in the workspace's zone. */
    private DeliveryRules rules(ActivityRun r, Delivery c) {
        return compliance.forDelivery(c.channel(), c.category(), c.topic(), r.now(), r.plan().templates().workspace().zone());
    }

    /** The recipient's time zone field of the schema, and the workspace's zone the plan was checked with. */
    static RecipientZone zones(ActivityRun r) {
        return new RecipientZone(r.plan().schema().timeZone(), r.plan().templates().workspace().zone());
    }

    private static Addressing addressing(ActivityRun r, Delivery c) {
        List<String> problems = new ArrayList<>();
        Addressing a = Addressing.resolve(r.plan().schema(), c.channel(), r.input().population().dimension(), c.perLink(),
                r.activity().path(), (path, message) -> problems.add(message));
        if (a == null) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return a;
    }

    /** "delivery 3: 10,000 messages: 9,100 sent, 900 excluded (no_consent 700, …)". */
    static String describe(long deliveryId, DeliveryStore.Summary summary) {
        long total = summary.messages().values().stream().mapToLong(Long::longValue).sum();
        List<String> parts = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        long excludedTotal = 0;
        for (var e : summary.messages().entrySet()) {
            if (e.getKey().startsWith("excluded:")) {
                excluded.add(e.getKey().substring(9) + " " + String.format("%,d", e.getValue()));
                excludedTotal += e.getValue();
            } else {
                parts.add(String.format("%,d %s", e.getValue(), e.getKey()));
            }
        }
        if (excludedTotal > 0) {
            parts.add(String.format("%,d excluded (%s)", excludedTotal, String.join(", ", excluded)));
        }
        return String.format("delivery %d: %,d messages: %s", deliveryId, total, String.join(", ", parts));
    }
}
