package dev.herald.app.delivery;

import dev.herald.app.campaign.CampaignService;
import dev.herald.app.channel.ProviderEvents;
import dev.herald.app.engine.Engine;
import dev.herald.campaign.plan.Plan;
import dev.herald.campaign.run.RunRecord;
import dev.herald.channel.ReturnsRead;
import dev.herald.channel.returns.ReturnMailbox;
import dev.herald.delivery.run.DeliveryStore;
import dev.herald.delivery.run.Outbox;
import dev.herald.error.UserError;
import dev.herald.store.delivery.DeliveryTables;
import dev.herald.store.tracking.TrackingTables;
import dev.herald.tracking.Engagement;
import dev.herald.store.delivery.DeliveryExport;
import dev.herald.store.delivery.OutboxTable;
import dev.herald.store.run.Runs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What deliveries produced: a delivery's messages or direct-mail file, and the messages the outbox keeps. */
public final class DeliveryService {

    private final Engine app;
    private final CampaignService campaigns;

    public DeliveryService(Engine app, CampaignService campaigns) {
        this.app = app;
        this.campaigns = campaigns;
    }

    /**
     * Writes what a delivery activity of a run produced to CSV or Parquet: its messages (status,
     * exclusion reason, address) or, for direct-mail unless {@code messages}, its file.
     */
    public DeliveryExport.Written export(long runId, String activity, boolean messages, Path file) {
        RunRecord run = new Runs(app.store()).run(runId);
        Plan plan = campaigns.plan(run.campaign(), run.version());
        return new DeliveryExport(app.store()).export(plan, run, activity, messages, file);
    }

    /** A delivery's messages counted by status and exclusion reason, what came back, and what its recipients did with them. */
    public record Report(long deliveryId, DeliveryStore.Summary messages, DeliveryTables.Returns returns, Engagement engagement) {
    }

    /** The id of the delivery of {@code activity} in run {@code runId}, once the run reached it. */
    public java.util.Optional<Long> delivery(long runId, String activity) {
        return new DeliveryTables(app.store()).find(runId, activity);
    }

    /** The report of the delivery of {@code activity} in run {@code runId}. */
    public Report report(long runId, String activity) {
        RunRecord run = new Runs(app.store()).run(runId);
        DeliveryTables deliveries = new DeliveryTables(app.store());
        long id = deliveries.find(run.id(), activity).orElseThrow(() -> UserError.notFound("run " + runId + " has no delivery '"
                + activity + "' (a delivery activity that has started)", new dev.herald.error.Action.ListRuns()));
        return new Report(id, deliveries.summary(id), deliveries.returns(id), new TrackingTables(app.store()).engagement(id));
    }

    /** The setting that names the mailbox bounces and complaints come back to. */
    public static final String RETURNS = "bounces";

    /** How many messages the log holds per channel and status. */
    public Map<String, Map<String, Long>> countByChannelAndStatus() {
        return new DeliveryTables(app.store()).countByChannelAndStatus();
    }

    /**
     * Reads once what came back to the return mailbox ({@code providers.bounces}) since the last
     * time: each bounce and complaint onto its message and the suppression list.
     */
    public ReturnsRead readReturns() {
        ReturnMailbox mailbox = ReturnMailbox.parse(app.workspace().provider(RETURNS).orElseThrow(() -> UserError.invalid("providers.bounces",
                "the workspace names no return mailbox: set providers.bounces in herald.yaml, e.g. "
                        + "imaps://bounces%40example.com:${IMAP_PASSWORD}@imap.example.com/INBOX, or HERALD_BOUNCES_URL")));
        try {
            return mailbox.read(new ProviderEvents(app.store(), app.schema(), app.workspace().config().compliance().suppression()));
        } catch (IOException e) {
            throw UserError.unavailable(e.getMessage(), e);
        }
    }

    /** The first {@code limit} messages in the outbox, by message id. */
    public List<Outbox.Kept> outbox(int limit) {
        return new OutboxTable(app.store()).first(limit);
    }
}
