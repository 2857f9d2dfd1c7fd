package dev.herald.app.tracking;

import dev.herald.app.engine.Engine;
import dev.herald.compliance.ComplianceFacts;
import dev.herald.delivery.SignedLinks;
import dev.herald.store.compliance.ComplianceTables;
import dev.herald.store.tracking.TrackingTables;
import dev.herald.tracking.Engagement;
import dev.herald.tracking.MachineTraffic;
import dev.herald.tracking.TrackedMessage;
import dev.herald.tracking.TrackingEvent;
import java.time.Instant;
import java.util.Optional;

/**
 * What the links of messages do when someone follows them: an open pixel and a click are counted
 * (in batches, by {@link EventBuffer}), a click goes on to the URL its signed token holds, and an
 * unsubscribe link shows what it would do and, confirmed, takes the recipient off the message's
 * topic, or its channel when it has none. A token that is not signed by one of the store's link
 * keys, or is cut short, or is of another kind, does nothing.
 */
public final class TrackingService implements AutoCloseable {

    /** What an unsubscribe link would do, for its page. */
    public record Unsubscribe(TrackedMessage message, String list, boolean done) {
    }

    /** One topic of the preference page: opt-in or opt-out, and whether the recipient gets it now. */
    public record Topic(String name, boolean optIn, boolean subscribed) {
    }

    /** The preference page of a message's recipient: its channel, and each topic of the workspace. */
    public record Preferences(TrackedMessage message, boolean channel, java.util.List<Topic> topics) {
    }

    /** How often at most the store's link keys are read again, for a token of a key rotated since. */
    static final java.time.Duration KEYS_REREAD = java.time.Duration.ofSeconds(10);

    private final Engine engine;
    private final SignedLinks links;
    private volatile long keysReadAt;
    private final long rereadNanos;
    private final TrackingTables events;
    private final EventBuffer buffer;

    public TrackingService(Engine engine) {
        this(engine, KEYS_REREAD);
    }

    TrackingService(Engine engine, java.time.Duration reread) {
        this.engine = engine;
        this.rereadNanos = reread.toNanos();
        this.links = engine.links();
        this.keysReadAt = System.nanoTime();
        this.events = new TrackingTables(engine.store());
        this.buffer = new EventBuffer(events::append);
    }

    /** Counts an open of the pixel of the token's message; false when the token is not one. */
    public boolean open(String token, String userAgent) {
        Optional<SignedLinks.Token> t = read(SignedLinks.Kind.OPEN, token);
        t.ifPresent(open -> buffer.add(new TrackingEvent(TrackingEvent.Kind.OPEN, open.messageId(), 0, null, now(), userAgent,
                MachineTraffic.of(TrackingEvent.Kind.OPEN, userAgent))));
        return t.isPresent();
    }

    /** Whether the token is one of an open pixel, counting nothing (a {@code HEAD} request: a link checker, not a reader). */
    public boolean isOpen(String token) {
        return read(SignedLinks.Kind.OPEN, token).isPresent();
    }

    /** Where the token's link goes, counting nothing (a {@code HEAD} request); empty when the token is not one. */
    public Optional<String> clickTarget(String token) {
        return read(SignedLinks.Kind.CLICK, token).map(SignedLinks.Token::url);
    }

    /** Counts a click of the token's link and returns where it goes; empty when the token is not one. */
    public Optional<String> click(String token, String userAgent) {
        return read(SignedLinks.Kind.CLICK, token).map(click -> {
            String machine = click.link() == 0 ? MachineTraffic.HONEYPOT : MachineTraffic.of(TrackingEvent.Kind.CLICK, userAgent);
            buffer.add(new TrackingEvent(TrackingEvent.Kind.CLICK, click.messageId(), click.link(), click.url(), now(), userAgent, machine));
            return click.url();
        });
    }

    /**
     * The view-online mirror of the token's message: its HTML body as its recipient got it; empty
     * when the token is not one or the message kept no mirror (its body did not link to one).
     */
    public Optional<String> mirror(String token) {
        return read(SignedLinks.Kind.VIEW, token).flatMap(v -> dev.herald.store.delivery.Mirrors.read(engine.store().dsl(), v.messageId()));
    }

    /** What the token's unsubscribe link would do, changing nothing (link scanners follow links); empty when it is not one. */
    public Optional<Unsubscribe> unsubscribePage(String token) {
        return message(token).map(m -> new Unsubscribe(m, list(m), false));
    }

    /** Takes the token's recipient off the message's topic (or channel), at once; empty when the token is not one. */
    public Optional<Unsubscribe> unsubscribe(String token, String userAgent) {
        return message(token).map(m -> {
            Instant now = now();
            String topic = m.topic() == null ? ComplianceFacts.WHOLE_CHANNEL : m.topic();
            engine.store().inTransaction(() -> {
                compliance().subscribe(m.dimension(), m.recipient(), m.channel(), topic, false, "unsubscribe link of message " + m.id(), now);
                events.append(java.util.List.of(new TrackingEvent(TrackingEvent.Kind.UNSUBSCRIBE, m.id(), 0, null, now, userAgent, null)));
                return null;
            });
            return new Unsubscribe(m, list(m), true);
        });
    }

    /** What the recipient of the token's message gets now, channel and topics; empty when the token is not one. */
    public Optional<Preferences> preferences(String token) {
        return message(token).map(this::preferences);
    }

    /**
     * Records the recipient's choices — the channel on or off, and the topics among {@code topics}
     * on, the others off — where they differ from what holds now; empty when the token is not one.
     */
    public Optional<Preferences> choose(String token, boolean channel, java.util.Set<String> topics, String userAgent) {
        return message(token).map(m -> {
            Preferences now = preferences(m);
            Instant at = now();
            String source = "preference page of message " + m.id();
            engine.store().inTransaction(() -> {
                ComplianceTables tables = compliance();
                if (channel != now.channel()) {
                    tables.subscribe(m.dimension(), m.recipient(), m.channel(), ComplianceFacts.WHOLE_CHANNEL, channel, source, at);
                    if (!channel) {
                        events.append(java.util.List.of(new TrackingEvent(TrackingEvent.Kind.UNSUBSCRIBE, m.id(), 0, null, at, userAgent, null)));
                    }
                }
                for (Topic t : now.topics()) {
                    boolean wanted = topics.contains(t.name());
                    if (wanted != t.subscribed()) {
                        tables.subscribe(m.dimension(), m.recipient(), m.channel(), t.name(), wanted, source, at);
                    }
                }
                return null;
            });
            return preferences(m);
        });
    }

    private Preferences preferences(TrackedMessage m) {
        ComplianceTables tables = compliance();
        Boolean whole = tables.subscribed(m.dimension(), m.recipient(), m.channel(), ComplianceFacts.WHOLE_CHANNEL);
        java.util.List<Topic> topics = new java.util.ArrayList<>();
        new java.util.TreeMap<>(engine.workspace().config().compliance().topics()).forEach((name, topic) -> {
            Boolean said = tables.subscribed(m.dimension(), m.recipient(), m.channel(), name);
            topics.add(new Topic(name, topic.optIn(), said != null ? said : !topic.optIn()));
        });
        return new Preferences(m, !Boolean.FALSE.equals(whole), topics);
    }

    private ComplianceTables compliance() {
        return new ComplianceTables(engine.store(), engine.workspace().config().compliance().suppression());
    }

    /** What a delivery's recipients did with its messages (what is queued is written first). */
    public Engagement engagement(long deliveryId) {
        flush();
        return events.engagement(deliveryId);
    }

    /** Opens and clicks taken and not yet in the store. */
    public long eventsQueued() {
        return buffer.queued();
    }

    /** Opens and clicks that could not be queued or written since the process started. */
    public long eventsLost() {
        return buffer.lost();
    }

    /** Waits (at most a minute) until every event counted so far is in the store; false when it is not. */
    public boolean flush() {
        return buffer.flush(60_000);
    }

    private Optional<TrackedMessage> message(String token) {
        return read(SignedLinks.Kind.UNSUBSCRIBE, token).flatMap(t -> events.message(t.messageId()));
    }

    /**
     * What a token says; when it does not verify, the store's keys are read again (at most every 10
     * seconds), since another process may have rotated them after this one started.
     */
    private Optional<SignedLinks.Token> read(SignedLinks.Kind kind, String token) {
        Optional<SignedLinks.Token> t = links.read(kind, token);
        long now = System.nanoTime();
        if (t.isEmpty() && now - keysReadAt >= rereadNanos) {
            keysReadAt = now;
            engine.refreshLinks();
            t = links.read(kind, token);
        }
        return t;
    }

    private static String list(TrackedMessage m) {
        return m.topic() == null ? m.channel() + " messages of this sender" : "the " + m.topic() + " " + m.channel() + " messages";
    }

    private Instant now() {
        return engine.clock().instant();
    }

    /** Writes every event still queued. */
    @Override
    public void close() {
        buffer.close();
    }
}
