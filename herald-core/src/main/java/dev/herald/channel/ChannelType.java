package dev.herald.channel;

import dev.herald.campaign.config.Prop;
import dev.herald.campaign.config.Spec;
import java.util.ArrayList;
import java.util.List;

/**
 * A kind of message, declared once: its id (which is also its activity's type), the template parts
 * a campaign writes for it, which part heads the message (a subject, a title, a URL) and which is
 * its main text, the rule its addresses follow, whether it sends to an address per recipient (a
 * webhook calls one endpoint), and whether a delivery may send one message per linked record.
 * Registered in {@link ChannelTypes}; a provider that sends it is a {@link Channel}.
 *
 * @param headline the part that heads the message, or null
 * @param main     the part that is its text
 */
public record ChannelType(String id, String description, List<Prop> parts, String headline, String main, AddressRule address,
                          boolean needsAddress, boolean perRecord) {

    /** The option sending one message per linked record (a booking, an order) instead of one per recipient. */
    public static final String PER = "per";
    /** The option limiting how many messages leave per second. */
    public static final String RATE = "rate";

    private static final Spec PER_SPEC = Spec.of("One message per linked record instead of one per recipient.",
            Prop.required("link", Prop.Kind.TEXT, "the one-to-many link of the dimension, e.g. bookings"),
            Prop.of("filter", Prop.Kind.CONDITION, "only the linked records meeting this condition, e.g. booking.status == \"confirmed\""));
    private static final Prop PER_PROP = Prop.object(PER, Prop.Kind.OBJECT, false,
            "one message per linked record (a booking, an order) instead of one per recipient", PER_SPEC);
    private static final Prop RATE_PROP = Prop.of(RATE, Prop.Kind.INTEGER, "at most this many messages per second; 0 = as fast as possible")
            .withDefault(0L);

    /** The options saying what a delivery's messages are for, and their subscription topic. */
    public static final String CATEGORY = "category";
    public static final String TOPIC = "topic";
    private static final Prop CATEGORY_PROP = Prop.choice(CATEGORY, "marketing (needs consent, honours unsubscribes, topics and frequency "
            + "caps) or transactional (a receipt, a reset link: exempt from those; the suppression list still applies)", "marketing",
            "marketing", "transactional");
    private static final Prop TOPIC_PROP = Prop.of(TOPIC, Prop.Kind.TEXT,
            "the subscription topic of a marketing message, one of herald.yaml's compliance.topics, e.g. newsletter");

    /** The options of an email saying whether its links are tracked and whether it carries an open pixel. */
    public static final String TRACK_CLICKS = "track_clicks";
    public static final String TRACK_OPENS = "track_opens";
    private static final Prop TRACK_CLICKS_PROP = Prop.of(TRACK_CLICKS, Prop.Kind.BOOLEAN, "links of an HTML body go through signed "
            + "redirects that count clicks (a link with data-herald-track=\"off\" is left alone)").withDefault(true);
    private static final Prop TRACK_OPENS_PROP = Prop.of(TRACK_OPENS, Prop.Kind.BOOLEAN, "an HTML body carries a pixel that counts opens")
            .withDefault(true);

    /** The option saying whether a live delivery waits for someone to approve it before it sends. */
    public static final String APPROVAL = "approval";
    private static final Prop APPROVAL_PROP = Prop.choice(APPROVAL, "required: a live run shows the counts and a sample and waits for "
            + "herald run approve (or starts approved with --approve); none: it sends at once (automated, recurring deliveries)",
            "required", "required", "none");

    /** The option saying how long a delivery whose provider cannot take its messages keeps trying. */
    public static final String RETRY_PERIOD = "retry_period";
    private static final Prop RETRY_PERIOD_PROP = Prop.of(RETRY_PERIOD, Prop.Kind.DURATION, "how long to keep trying when the provider "
            + "asks to try later or cannot be reached: after 1 min, then 2, 4… at most an hour apart; past it the campaign's on_error "
            + "decides; default 1d; under a minute: no retry");
    /** How long a delivery keeps trying when its {@code retry_period} is not written. */
    public static final java.time.Duration DEFAULT_RETRY_PERIOD = java.time.Duration.ofDays(1);

    /** The option limiting the hours of the day, in each recipient's time zone, when a delivery's messages leave. */
    public static final String SEND_WINDOW = "send_window";
    private static final Spec SEND_WINDOW_SPEC = Spec.of("The hours of the day, in each recipient's time zone, when messages leave.",
            Prop.required("from", Prop.Kind.TEXT, "the time the window opens, e.g. \"09:00\""),
            Prop.required("to", Prop.Kind.TEXT, "the time it closes, e.g. \"19:00\" (before from: it spans midnight)"),
            Prop.of("days", Prop.Kind.TEXTS, "the days of the recipient's week it opens, e.g. [mon, tue, wed, thu, fri]; a window "
                    + "spanning midnight belongs to the day it opens (default: every day)"));
    private static final Prop SEND_WINDOW_PROP = Prop.object(SEND_WINDOW, Prop.Kind.OBJECT, false, "messages leave only between these "
            + "times of the recipient's day; one due outside waits until the window opens", SEND_WINDOW_SPEC);

    public ChannelType {
        parts = List.copyOf(parts);
    }

    /** The options of its activity: the parts, then {@code per}, {@code rate}, {@code category}, {@code topic}, {@code approval}, {@code retry_period}, {@code send_window} and tracking where they apply. */
    public Spec spec() {
        List<Prop> props = new ArrayList<>(parts);
        if (perRecord) {
            props.add(PER_PROP);
        }
        if (!id.equals(ChannelTypes.DIRECT_MAIL)) {
            props.add(RATE_PROP);
        }
        if (needsAddress) {
            props.add(CATEGORY_PROP);
            props.add(TOPIC_PROP);
        }
        props.add(APPROVAL_PROP);
        if (!id.equals(ChannelTypes.DIRECT_MAIL)) {
            props.add(RETRY_PERIOD_PROP);
            props.add(SEND_WINDOW_PROP);
        }
        if (id.equals(ChannelTypes.EMAIL)) {
            props.add(TRACK_CLICKS_PROP);
            props.add(TRACK_OPENS_PROP);
        }
        return Spec.of(description, props.toArray(Prop[]::new));
    }

    /** The names of its template parts. */
    public List<String> partNames() {
        return parts.stream().map(Prop::name).toList();
    }
}
