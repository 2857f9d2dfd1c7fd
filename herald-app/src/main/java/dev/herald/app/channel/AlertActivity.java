package dev.herald.app.channel;

import dev.herald.campaign.activity.Alert;
import dev.herald.campaign.run.ActivityRun;
import dev.herald.campaign.run.ChannelExecutor;
import dev.herald.channel.Channel;
import dev.herald.channel.ChannelType;
import dev.herald.channel.ChannelTypes;
import dev.herald.channel.OutboundMessage;
import dev.herald.delivery.run.DeliveryPipeline;
import dev.herald.delivery.run.DeliveryStore;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code alert}: the message goes to the run log at its level and, in a live run, to each
 * supervisor through the message log and the channel of alerts. The population passes through
 * unchanged.
 */
public final class AlertActivity implements ChannelExecutor<Alert> {

    private final DeliveryStore deliveries;
    private final DeliveryPipeline pipeline;
    private final Channel channel;

    public AlertActivity(DeliveryStore deliveries, DeliveryPipeline pipeline, Channel channel) {
        this.deliveries = deliveries;
        this.pipeline = pipeline;
        this.channel = channel;
    }

    @Override
    public void prepare(ActivityRun r, Alert c) {
        String message = message(r, c);
        if ("error".equals(c.level()) || "warning".equals(c.level())) {
            r.warning(message);
        } else {
            r.info(message);
        }
        List<String> to = c.recipients(r.plan().campaign().supervisors());
        if (r.test() || to.isEmpty() || deliveries.find(r.record().id(), r.activity().id()).isPresent()) {
            return;
        }
        long id = deliveries.create(r.record(), r.activity().id(), ChannelTypes.ALERT);
        deliveries.addressTo(r, id, ChannelTypes.ALERT, to);
    }

    @Override
    public boolean send(ActivityRun r, Alert c, BooleanSupplier stop) throws Exception {
        var id = deliveries.find(r.record().id(), r.activity().id());
        if (r.test() || id.isEmpty()) {
            return true;
        }
        ChannelType type = ChannelTypes.of(ChannelTypes.ALERT);
        String subject = "[Herald] " + c.level() + " from " + r.record().campaign() + " (run " + r.record().id() + ")";
        String body = message(r, c);
        boolean done = pipeline.send(deliveries.pendingToAddresses(id.get()),
                m -> new OutboundMessage(m.id(), id.get(), type, m.address(), Map.of(type.headline(), subject, type.main(), body)),
                channel, (sent, ids, failed, deferred, excluded) -> deliveries.record(id.get(), sent, ids, failed, deferred, excluded), 0, stop);
        if (done) {
            deliveries.done(id.get());
        }
        return done;
    }

    @Override
    public void finish(ActivityRun r, Alert c) {
        ActivityRun.Input in = r.input();
        r.output("out", in.worktable(), in.rows());
    }

    private static String message(ActivityRun r, Alert c) {
        return c.message().replace("{count}", String.format("%,d", r.input().rows())).replace("{campaign}", r.record().campaign())
                .replace("{run}", String.valueOf(r.record().id())).replace("{activity}", r.activity().id());
    }
}
