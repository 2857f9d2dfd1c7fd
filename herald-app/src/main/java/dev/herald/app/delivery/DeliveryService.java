package dev.herald.app.delivery;

import dev.herald.app.campaign.CampaignService;
import dev.herald.app.channel.ProviderEvents;
import dev.herald.app.engine.Engine;
import dev.herald.campaign.plan.Plan;
import dev.herald.campaign.run.RunRecord;
import dev.herald.channel.ReturnsRead;
import dev.herald.channel.returns.ReturnListener;
import dev.herald.channel.returns.ReturnMailbox;
import dev.herald.delivery.run.DeliveryStore;
import dev.herald.delivery.run.Outbox;
import dev.herald.error.UserError;
import dev.herald.store.report.DeliveryScope;
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
        public Figures figures() {
            return new Figures(messages, returns, engagement);
        }
    }

    /** The figures every report has: messages by status and reason, what came back, what people did. */
    public record Figures(DeliveryStore.Summary messages, DeliveryTables.Returns returns, Engagement engagement) {
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

    /**
     * The report of several deliveries together — every delivery of a run, or every live delivery
     * of a campaign: their messages by status and reason, what came back, what people did, the
     * rates, and each delivery's share.
     */
    public record Combined(String scope, DeliveryStore.Summary messages, DeliveryTables.Returns returns, Engagement engagement, Rates rates,
                           List<DeliveryTables.Part> deliveries) {
        public Figures figures() {
            return new Figures(messages, returns, engagement);
        }
    }

    /**
     * The rates of a report, each a fraction of the messages sent: people who opened, clicked (also
     * of those who opened), unsubscribed; messages that bounced hard or soft, drew a complaint.
     */
    public record Rates(double open, double click, double clickToOpen, double unsubscribe, double bounce, double complaint) {
        static Rates of(Engagement e, DeliveryTables.Returns r) {
            double sent = e.sent();
            return new Rates(e.openRate(), e.clickRate(), e.clickToOpenRate(), sent == 0 ? 0 : e.unsubscribes() / sent,
                    sent == 0 ? 0 : (r.hardBounces() + r.softBounces()) / sent, sent == 0 ? 0 : r.complaints() / sent);
        }
    }

    /** Every delivery of run {@code runId}, together. */
    public Combined runReport(long runId) {
        new Runs(app.store()).run(runId);
        return combined(DeliveryScope.run(runId));
    }

    /** Every live delivery of {@code campaign}, of every run and version, together. */
    public Combined campaignReport(String campaign) {
        campaign(campaign);
        return combined(DeliveryScope.campaign(campaign));
    }

    /** One hour (UTC) of a report: messages sent in it; opens, clicks and unsubscribes by people in it; machines' opens and clicks. */
    public record Hour(java.time.Instant hour, long sent, long opens, long clicks, long unsubscribes, long machineEvents) {
        /** The columns of {@link #csv}. */
        public static final String CSV_HEADER = "hour,sent,opens,clicks,unsubscribes,machine_events";

        public String csv() {
            return hour + "," + sent + "," + opens + "," + clicks + "," + unsubscribes + "," + machineEvents;
        }
    }

    /** A run's deliveries hour by hour (UTC), each hour that sent a message or saw an event. */
    public List<Hour> runHours(long runId) {
        new Runs(app.store()).run(runId);
        return hours(DeliveryScope.run(runId));
    }

    /** A campaign's live deliveries hour by hour (UTC). */
    public List<Hour> campaignHours(String campaign) {
        campaign(campaign);
        return hours(DeliveryScope.campaign(campaign));
    }

    private List<Hour> hours(DeliveryScope scope) {
        return new TrackingTables(app.store()).hourly(scope).stream()
                .map(h -> new Hour(h.hour(), h.sent(), h.opens(), h.clicks(), h.unsubscribes(), h.machineEvents())).toList();
    }

    private Combined combined(DeliveryScope scope) {
        DeliveryTables deliveries = new DeliveryTables(app.store());
        DeliveryTables.Returns returns = deliveries.returns(scope);
        Engagement engagement = new TrackingTables(app.store()).engagement(scope);
        return new Combined(scope.what(), deliveries.summary(scope), returns, engagement, Rates.of(engagement, returns), deliveries.parts(scope));
    }

    private void campaign(String campaign) {
        campaigns.latest(campaign);
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
        String url = app.workspace().provider(RETURNS).orElseThrow(() -> UserError.invalid("providers.bounces",
                "the workspace names no return mailbox: set providers.bounces in herald.yaml, e.g. "
                        + "imaps://bounces%40example.com:${IMAP_PASSWORD}@imap.example.com/INBOX, or HERALD_BOUNCES_URL"));
        if (ReturnListener.names(url)) {
            throw UserError.invalid("providers.bounces", "providers.bounces is an SMTP listener (" + url + "): herald server takes "
                    + "the returns as they arrive; there is no mailbox to read");
        }
        ReturnMailbox mailbox = ReturnMailbox.parse(url);
        try {
            return mailbox.read(new ProviderEvents(app.store(), app::schema, app.workspace().config().compliance().suppression()));
        } catch (IOException e) {
            throw UserError.unavailable(e.getMessage(), e);
        }
    }

    /** An SMTP listener for returns, open until closed. */
    public interface ReturnsListening extends AutoCloseable {
        int port();

        @Override
        void close();
    }

    /**
     * Starts the SMTP listener {@code providers.bounces} names ({@code smtp://HOST:PORT}), which
     * records each bounce and complaint as it arrives; empty when the workspace names a mailbox to
     * read instead, or nothing.
     */
    public java.util.Optional<ReturnsListening> listenForReturns() {
        java.util.Optional<String> url = app.workspace().provider(RETURNS).filter(ReturnListener::names);
        if (url.isEmpty()) {
            return java.util.Optional.empty();
        }
        try {
            ReturnListener listener = ReturnListener.start(url.get(),
                    new ProviderEvents(app.store(), app::schema, app.workspace().config().compliance().suppression()));
            return java.util.Optional.of(new ReturnsListening() {
                @Override
                public int port() {
                    return listener.port();
                }

                @Override
                public void close() {
                    listener.close();
                }
            });
        } catch (IllegalArgumentException e) {
            throw UserError.invalid("providers.bounces", e.getMessage());
        } catch (IOException e) {
            throw UserError.unavailable("cannot listen for returns on " + url.get() + ": " + e.getMessage(), e);
        }
    }

    /** The first {@code limit} messages in the outbox, by message id. */
    public List<Outbox.Kept> outbox(int limit) {
        return new OutboxTable(app.store()).first(limit);
    }
}
