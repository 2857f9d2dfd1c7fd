package dev.herald.store.activity;

import dev.herald.campaign.activity.Delivery;
import java.util.Map;

/** The workers of every channel activity type, by its short id. */
public final class ChannelActivities {

    private static final DeliveryActivity DELIVERY = new DeliveryActivity();
    private static final Map<String, ChannelActivity> BY_TYPE = Map.of(
            Delivery.EMAIL, DELIVERY, Delivery.SMS, DELIVERY, Delivery.PUSH, DELIVERY, Delivery.WEBHOOK, DELIVERY,
            Delivery.DIRECT_MAIL, DELIVERY, "alert", new AlertActivity());

    private ChannelActivities() {
    }

    public static ChannelActivity of(String type) {
        ChannelActivity a = BY_TYPE.get(type);
        if (a == null) {
            throw new IllegalStateException("no worker for " + type);
        }
        return a;
    }
}
