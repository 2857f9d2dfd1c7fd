package dev.herald.channel.push;

import dev.herald.channel.Channel;
import dev.herald.channel.OutboundMessage;
import dev.herald.channel.SendResult;
import dev.herald.channel.Throttle;
import dev.herald.channel.provider.OneRequestEach;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Push notifications through FCM, APNs or both. Each message goes to the device its address (a
 * {@code push_device.token}) names; with both services, a token of hex digits only is an APNs
 * device token (Apple's tokens are hex; FCM's never are) and the rest go to FCM.
 * <p>
 * A request the service answers "later" is tried again with a growing pause (0.5 s, 1 s, 2 s…) up
 * to the provider's attempts, then the message is deferred (it stays pending for the delivery's
 * retry). When the service refuses Herald's credentials, the message and the rest of its batch are
 * deferred: nothing more can leave until they are fixed, and the delivery retries by itself
 * ({@link OneRequestEach}).
 * A process killed in the middle of a batch sends again, on resume, the batch's notifications that
 * had left; their collapse ids make each replace the first on the device.
 */
public final class PushChannel implements Channel, AutoCloseable {

    public static final String ID = "push";

    private final PushService fcm;
    private final PushService apns;
    private final OneRequestEach requests;
    private final String description;

    public PushChannel(PushProvider provider) {
        this(provider, Clock.systemUTC(), Duration.ofMillis(500));
    }

    PushChannel(PushProvider provider, Clock clock, Duration firstPause) {
        this.fcm = provider.fcm() == null ? null : new FcmService(provider.fcm(), clock);
        this.apns = provider.apns() == null ? null : new ApnsService(provider.apns(), clock);
        this.requests = new OneRequestEach(new Throttle(Math.max(rate(provider.fcm() == null ? null : provider.fcm().settings()),
                rate(provider.apns() == null ? null : provider.apns().settings()))), firstPause);
        this.description = provider.toString();
    }

    private static int rate(PushProvider.Settings settings) {
        return settings == null ? 0 : settings.rate();
    }

    @Override
    public String id() {
        return ID;
    }

    /** Requests under way at once: the larger of the services' concurrency. */
    @Override
    public int concurrency() {
        return Math.max(fcm == null ? 1 : fcm.settings().concurrency(), apns == null ? 1 : apns.settings().concurrency());
    }

    /** 25 notifications per request under way: what a crash in the middle of a batch can send again. */
    @Override
    public int batch() {
        return 25 * concurrency();
    }

    @Override
    public List<SendResult> send(List<OutboundMessage> batch) {
        return requests.send(batch, m -> serviceFor(m.address()).settings().attempts(), m -> serviceFor(m.address()).attempt(m));
    }

    /** The service for a device token: APNs for hex tokens when there are both. */
    PushService serviceFor(String token) {
        if (fcm == null || apns == null) {
            return fcm == null ? apns : fcm;
        }
        return ApnsService.isDeviceToken(token == null ? "" : token.strip()) ? apns : fcm;
    }

    @Override
    public void close() {
        if (fcm != null) {
            fcm.close();
        }
        if (apns != null) {
            apns.close();
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
