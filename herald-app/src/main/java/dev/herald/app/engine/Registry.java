package dev.herald.app.engine;

import dev.herald.app.channel.AlertActivity;
import dev.herald.app.channel.DeliveryActivity;
import dev.herald.app.channel.DirectMailFile;
import dev.herald.app.channel.ProviderEvents;
import dev.herald.campaign.Activity;
import dev.herald.campaign.ActivityConfig;
import dev.herald.campaign.activity.ActivityType;
import dev.herald.campaign.activity.ActivityTypes;
import dev.herald.campaign.run.ActivityRun;
import dev.herald.campaign.run.ChannelExecutor;
import dev.herald.campaign.run.SetExecutor;
import dev.herald.channel.Channel;
import dev.herald.channel.ChannelType;
import dev.herald.channel.ChannelTypes;
import dev.herald.channel.httpsms.HttpSmsChannel;
import dev.herald.channel.httpsms.HttpSmsProvider;
import dev.herald.channel.outbox.OutboxChannel;
import dev.herald.channel.push.PushChannel;
import dev.herald.channel.push.PushProvider;
import dev.herald.channel.smpp.SmppChannel;
import dev.herald.channel.smpp.SmppProvider;
import dev.herald.channel.smtp.SmtpChannel;
import dev.herald.channel.smtp.SmtpProvider;
import dev.herald.channel.webhook.WebhookChannel;
import dev.herald.channel.webhook.WebhookProvider;
import dev.herald.compliance.ComplianceRules;
import dev.herald.delivery.SignedLinks;
import dev.herald.delivery.run.DeliveryPipeline;
import dev.herald.delivery.run.DeliveryStore;
import dev.herald.schema.Schema;
import dev.herald.store.Store;
import dev.herald.store.activity.SqlActivities;
import dev.herald.store.delivery.DeliveryTables;
import dev.herald.store.delivery.OutboxTable;
import dev.herald.workspace.HeraldConfig;
import dev.herald.workspace.Workspace;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The one place that says what runs what: each set-based activity type's SQL, each channel
 * activity type's worker, and the channel each kind of message leaves through. Control activities
 * are decided by the orchestrator and have no entry. Everything is registered by hand, here, by
 * its type — no scanning, no reflection.
 */
public final class Registry implements AutoCloseable {

    private final Map<String, SetBinding<?>> sets = new LinkedHashMap<>();
    private final Map<String, ChannelBinding<?>> workers = new LinkedHashMap<>();
    private final Map<String, Channel> channels = new LinkedHashMap<>();

    /**
     * Herald's activities on {@code store}, every kind of message to the outbox, deliveries under
     * the workspace's {@code compliance} rules, their links back to Herald signed as {@code links}.
     */
    public static Registry standard(Store store, ComplianceRules compliance, SignedLinks links) {
        Registry r = new Registry();
        SqlActivities sql = new SqlActivities(store);
        r.set(ActivityTypes.BUILD_AUDIENCE, sql.buildAudience());
        r.set(ActivityTypes.INCREMENTAL_QUERY, sql.incrementalQuery());
        r.set(ActivityTypes.COMBINE, sql.combine());
        r.set(ActivityTypes.DEDUP, sql.dedup());
        r.set(ActivityTypes.ENRICH, sql.enrich());
        r.set(ActivityTypes.CHANGE_DIMENSION, sql.changeDimension());
        r.set(ActivityTypes.SPLIT, sql.split());
        r.set(ActivityTypes.LOAD_FILE, sql.loadFile());
        r.set(ActivityTypes.RECONCILE, sql.reconcile());
        r.set(ActivityTypes.SAVE_AUDIENCE, sql.saveAudience());
        r.set(ActivityTypes.UPDATE_DATA, sql.updateData());

        Channel outbox = new OutboxChannel(new OutboxTable(store));
        ChannelTypes.all().values().forEach(type -> r.channel(type, outbox));

        DeliveryStore deliveries = new DeliveryTables(store, compliance.suppression());
        DeliveryPipeline pipeline = new DeliveryPipeline(DeliveryPipeline.BATCH, DeliveryPipeline.MAX_CONCURRENCY);
        for (ChannelType type : ChannelTypes.deliveries()) {
            r.worker(ActivityTypes.delivery(type.id()), new DeliveryActivity(deliveries, pipeline, r::channelFor, compliance, links,
                    new DirectMailFile(store), () -> store.now().toInstant()));
        }
        r.worker(ActivityTypes.ALERT, new AlertActivity(deliveries, pipeline, r.channelFor(ChannelTypes.of(ChannelTypes.ALERT))));
        return r;
    }

    public <C extends ActivityConfig> Registry set(ActivityType<C> type, SetExecutor<C> executor) {
        sets.put(type.id(), new SetBinding<>(type, executor));
        return this;
    }

    public <C extends ActivityConfig> Registry worker(ActivityType<C> type, ChannelExecutor<C> executor) {
        workers.put(type.id(), new ChannelBinding<>(type, executor));
        return this;
    }

    /**
     * The providers the workspace names ({@code providers.email}, {@code providers.sms},
     * {@code providers.push}, {@code providers.webhook}, or {@code HERALD_EMAIL_URL} /
     * {@code HERALD_SMS_URL} / {@code HERALD_PUSH_URL} / {@code HERALD_WEBHOOK_URL}): their messages leave through them instead of the outbox; what
     * they report later (receipts, STOP replies) is written to the store.
     */
    public Registry providers(Workspace workspace, Store store, java.util.function.Supplier<Schema> schema, SignedLinks links) {
        HeraldConfig.Tracking tracking = workspace.config().tracking();
        workspace.provider(ChannelTypes.SMS).ifPresent(url -> channel(ChannelTypes.of(ChannelTypes.SMS), HttpSmsProvider.names(url)
                ? new HttpSmsChannel(HttpSmsProvider.parse(url))
                : new SmppChannel(SmppProvider.parse(url), new ProviderEvents(store, schema, workspace.config().compliance().suppression()))));
        workspace.provider(ChannelTypes.EMAIL).map(url -> SmtpProvider.parse(url, workspace.dir()))
                .ifPresent(smtp -> channel(ChannelTypes.of(ChannelTypes.EMAIL), new SmtpChannel(smtp, links,
                        tracking.unsubscribeEmail())));
        workspace.provider(ChannelTypes.PUSH).map(urls -> PushProvider.parse(urls, workspace.dir()))
                .ifPresent(push -> channel(ChannelTypes.of(ChannelTypes.PUSH), new PushChannel(push)));
        workspace.provider(ChannelTypes.WEBHOOK).map(WebhookProvider::parse)
                .ifPresent(webhooks -> channel(ChannelTypes.of(ChannelTypes.WEBHOOK), new WebhookChannel(webhooks)));
        return this;
    }

    /** Closes the channels that hold connections (an SMTP relay's). */
    @Override
    public void close() {
        for (Channel c : channels.values()) {
            if (c instanceof AutoCloseable open) {
                try {
                    open.close();
                } catch (Exception e) {
                    // a connection that is closing anyway; nothing was left unsent by closing it
                }
            }
        }
    }

    /** Messages of {@code type} leave through {@code channel}. */
    public Registry channel(ChannelType type, Channel channel) {
        channels.put(type.id(), channel);
        return this;
    }

    /** The channel messages of {@code type} leave through. */
    public Channel channelFor(ChannelType type) {
        Channel c = channels.get(type.id());
        if (c == null) {
            throw new IllegalStateException("no channel for " + type.id() + " messages");
        }
        return c;
    }

    /** The set-based activity types that have SQL here. */
    public java.util.Set<String> setTypes() {
        return Collections.unmodifiableSet(sets.keySet());
    }

    /** The channel activity types that have a worker here. */
    public java.util.Set<String> channelTypes() {
        return Collections.unmodifiableSet(workers.keySet());
    }

    /** Runs a set-based activity in the unit of work under way. */
    public void runSet(ActivityRun run) throws Exception {
        binding(sets, run.activity()).run(run);
    }

    /** The worker of a channel activity. */
    public Worker worker(Activity activity) {
        return binding(workers, activity);
    }

    /** A channel activity's three steps, on its config. */
    public interface Worker {
        void prepare(ActivityRun run) throws Exception;

        boolean send(ActivityRun run, BooleanSupplier stop) throws Exception;

        void finish(ActivityRun run) throws Exception;
    }

    private static <B> B binding(Map<String, B> bindings, Activity activity) {
        B b = bindings.get(activity.type());
        if (b == null) {
            throw new IllegalStateException("nothing runs " + activity.type() + " activities");
        }
        return b;
    }

    private record SetBinding<C extends ActivityConfig>(ActivityType<C> type, SetExecutor<C> executor) {
        void run(ActivityRun run) throws Exception {
            executor.run(run, type.configOf(run.activity()));
        }
    }

    private record ChannelBinding<C extends ActivityConfig>(ActivityType<C> type, ChannelExecutor<C> executor) implements Worker {
        @Override
        public void prepare(ActivityRun run) throws Exception {
            executor.prepare(run, type.configOf(run.activity()));
        }

        @Override
        public boolean send(ActivityRun run, BooleanSupplier stop) throws Exception {
            return executor.send(run, type.configOf(run.activity()), stop);
        }

        @Override
        public void finish(ActivityRun run) throws Exception {
            executor.finish(run, type.configOf(run.activity()));
        }
    }
}
