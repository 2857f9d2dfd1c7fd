package dev.herald.app.compliance;

import dev.herald.app.engine.Engine;
import dev.herald.channel.ChannelType;
import dev.herald.channel.ChannelTypes;
import dev.herald.compliance.Category;
import dev.herald.compliance.ComplianceFacts;
import dev.herald.compliance.ComplianceRules;
import dev.herald.compliance.DeliveryRules;
import dev.herald.compliance.Eligibility;
import dev.herald.compliance.Exclusion;
import dev.herald.compliance.QuietHours;
import dev.herald.compliance.Suppression;
import dev.herald.delivery.Addressing;
import dev.herald.delivery.run.RecipientZone;
import dev.herald.error.UserError;
import dev.herald.schema.DidYouMean;
import dev.herald.schema.Entity;
import dev.herald.schema.FieldType;
import dev.herald.schema.Schema;
import dev.herald.store.audience.StoredRow;
import dev.herald.store.compliance.ComplianceTables;
import dev.herald.text.Echo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The suppression list and the recipients' subscriptions, by hand or from a file, and the question
 * support staff ask: would this customer get a message on this channel now, and if not, why — the
 * in-memory form of the delivery rules, for one customer.
 */
public final class ComplianceService {

    private final Engine app;

    public ComplianceService(Engine app) {
        this.app = app;
    }

    private ComplianceRules rules() {
        return app.workspace().config().compliance();
    }

    private ComplianceTables tables() {
        return new ComplianceTables(app.store(), rules().suppression());
    }

    private Instant now() {
        return app.store().clock().instant();
    }

    /** A channel that sends to addresses (email, sms, push, direct-mail); else an error naming them. */
    public static String channel(String name) {
        List<String> addressed = ChannelTypes.deliveries().stream().filter(ChannelType::needsAddress).map(ChannelType::id).toList();
        if (!addressed.contains(name)) {
            throw UserError.invalid("channel", Echo.quoted(name) + " is not a channel with addresses" + DidYouMean.hint(name, addressed)
                    + " (channels: " + String.join(", ", addressed) + ")");
        }
        return name;
    }

    /** Puts addresses on a channel's list by hand, until someone removes them; returns how many were not on it already. */
    public int suppress(String channel, List<String> addresses, String note) {
        return suppress(channel, addresses, note, "herald suppression add");
    }

    /** The same, saying who put them there ({@code source}: a command, an API key). */
    public int suppress(String channel, List<String> addresses, String note, String source) {
        channel(channel);
        if (addresses.stream().anyMatch(a -> a == null || a.isBlank())) {
            throw UserError.invalid("addresses", "an address to suppress must not be empty");
        }
        ComplianceTables tables = tables();
        int added = 0;
        for (String address : addresses) {
            added += tables.find(channel, address, now()) == null ? 1 : 0;
            tables.suppress(new Suppression(channel, address, Suppression.MANUAL, note, source, now(), null));
        }
        return added;
    }

    /** Takes an address off a channel's list; returns whether it was on it. */
    public boolean release(String channel, String address) {
        return tables().release(channel(channel), address);
    }

    /** The entries holding now, newest first, and how many there are in all. */
    public Listing suppressions(String channel, int limit) {
        return suppressions(new Filter(channel, null, null), null, limit);
    }

    /** Which entries of the suppression list to show: one channel's, one reason's, one address's (each null: any). */
    public record Filter(String channel, String reason, String address) {
    }

    /**
     * A page of the entries holding now that {@code filter} keeps, newest first, after the entry
     * the {@code cursor} of the previous page names (null: the first page), and how many it keeps in all.
     */
    public Listing suppressions(Filter filter, String cursor, int limit) {
        if (filter.channel() != null) {
            channel(filter.channel());
        }
        if (filter.reason() != null && !Suppression.REASONS.contains(filter.reason())) {
            throw UserError.invalid("reason", Echo.quoted(filter.reason()) + " is not a reason of the suppression list (reasons: "
                    + String.join(", ", Suppression.REASONS) + ")");
        }
        Instant now = now();
        var kept = new ComplianceTables.Filter(filter.channel(), filter.reason(), filter.address());
        List<Suppression> fetched = tables().list(kept, cursor == null ? null : SuppressionCursor.read(cursor), now, limit + 1);
        List<Suppression> entries = fetched.size() > limit ? fetched.subList(0, limit) : fetched;
        String next = fetched.size() > limit ? SuppressionCursor.of(entries.getLast()) : null;
        return new Listing(entries, tables().count(kept, now), next);
    }

    /** A page of the suppression list: its entries, how many the filter keeps in all, the cursor of the next page (null: the last). */
    public record Listing(List<Suppression> entries, long total, String next) {
    }

    /**
     * Loads a suppression list sent as a whole CSV file ({@code data}, kept in the workspace's
     * {@code data/uploads} while it is read and deleted after), as {@link #importFile} does;
     * {@code source} names it in each entry.
     */
    public SuppressionFile.Loaded importUpload(java.io.InputStream data, String defaultChannel, String source) throws IOException {
        channel(defaultChannel);
        Path file = new dev.herald.app.records.Uploads(app.workspace().uploadsDir()).keep(data, ".csv");
        try {
            ComplianceTables tables = tables();
            Instant now = now();
            return SuppressionFile.read(file, "the upload", defaultChannel, entry -> tables.suppress(new Suppression(entry.channel(),
                    entry.address(), Suppression.IMPORT, entry.note(), source, now, null)));
        } finally {
            dev.herald.app.records.Uploads.delete(file);
        }
    }

    /** Loads a suppression list from a CSV file; see {@link SuppressionFile}. */
    public SuppressionFile.Loaded importFile(Path file, String defaultChannel) throws IOException {
        channel(defaultChannel);
        ComplianceTables tables = tables();
        Instant now = now();
        return SuppressionFile.read(file, file.toString(), defaultChannel, entry -> tables.suppress(new Suppression(entry.channel(), entry.address(),
                Suppression.IMPORT, entry.note(), file.getFileName().toString(), now, null)));
    }

    /** Records that the recipient {@code key} subscribed to (or left) a channel, or one of its topics when {@code topic} is not null. */
    public void subscribe(String key, String channel, String topic, boolean subscribed) {
        subscribe(key, channel, topic, subscribed, "herald consent");
    }

    /** The same, saying who recorded it ({@code source}: a command, an API key). */
    public void subscribe(String key, String channel, String topic, boolean subscribed, String source) {
        channel(channel);
        if (topic != null && !rules().topics().containsKey(topic)) {
            throw UserError.invalid("topic", rules().unknownTopic(topic));
        }
        Entity dim = dimension();
        Object k = key(dim, key);
        if (!new StoredRow(app.store(), app.schema(), dim, k).exists()) {
            throw UserError.notFound("no " + dim.name() + " with " + dim.key().get(0) + " " + Echo.quoted(key), null);
        }
        tables().subscribe(dim.name(), k, channel, topic == null ? ComplianceFacts.WHOLE_CHANNEL : topic, subscribed, source, now());
    }

    /** What a recipient said, per channel and topic ({@code ""}: the channel itself). */
    public List<Said> subscriptions(String key) {
        Entity dim = dimension();
        List<Said> out = new ArrayList<>();
        tables().subscriptions(dim.name(), key(dim, key)).forEach(r -> out.add(new Said(r.get("channel", String.class),
                r.get("topic", String.class), r.get("subscribed", Boolean.class), r.get("source", String.class),
                r.get("updated_at", java.time.OffsetDateTime.class).toInstant())));
        return out;
    }

    public record Said(String channel, String topic, boolean subscribed, String source, Instant at) {
    }

    /**
     * Would the recipient {@code key} get a message of a delivery on {@code channel} now: one answer
     * per address (one per device for push), each null when it would, else the reason — and when
     * the recipient is inside quiet hours in its own time zone, until when the message would wait
     * (or {@code quiet_hours} when those hours drop it). A delivery's send window is its own, not checked here.
     */
    public List<Answer> check(String key, String channel, Category category, String topic) {
        channel(channel);
        Entity dim = dimension();
        Object k = key(dim, key);
        List<String> problems = new ArrayList<>();
        Addressing a = Addressing.resolve(app.schema(), channel, dim, null, "channels." + channel, (path, problem) -> problems.add(problem));
        if (a == null) {
            throw UserError.invalid("channel", String.join("; ", problems));
        }
        DeliveryRules rules = rules().forDelivery(channel, category, topic, now(), app.workspace().config().timeZone());
        StoredRow row = new StoredRow(app.store(), app.schema(), dim, k);
        if (!row.exists()) {
            throw UserError.notFound("no " + dim.name() + " with " + dim.key().get(0) + " " + Echo.quoted(key), null);
        }
        ComplianceTables facts = tables();
        List<QuietHours> quiet = rules().quietHours(channel, category);
        Schema.FieldPath zoneField = app.schema().timeZone();
        ZoneId zone = new RecipientZone(zoneField, app.workspace().config().timeZone())
                .ofValue(zoneField != null && zoneField.entity().equals(dim.name()) ? row.get(zoneField.field()) : null);
        Instant now = now();
        boolean dropped = quiet.stream().anyMatch(q -> q.drop() && q.inside(now, zone));
        Instant waitsUntil = QuietHours.release(now, zone, quiet.stream().filter(q -> !q.drop()).toList());
        List<Answer> answers = new ArrayList<>();
        for (Eligibility.Candidate c : Eligibility.candidates(row, k, a)) {
            String exclusion = Eligibility.exclusion(c, rules, facts, -1);
            if (exclusion == null && dropped) {
                exclusion = Exclusion.QUIET_HOURS;
            }
            answers.add(new Answer(c.address(), exclusion, exclusion == null ? waitsUntil : null, zone.getId()));
        }
        return answers;
    }

    /**
     * One address of a recipient and why it would get no message (null: it would); {@code waitsUntil}
     * when it would get it only once the quiet hours of its time zone {@code zone} end.
     */
    public record Answer(String address, String exclusion, Instant waitsUntil, String zone) {
    }

    private Entity dimension() {
        return app.schema().entities().get(app.schema().dimension());
    }

    private static Object key(Entity dim, String key) {
        FieldType.Kind kind = dim.keyFields().get(0).type().kind();
        if (kind == FieldType.Kind.LONG || kind == FieldType.Kind.INT) {
            try {
                return Long.parseLong(key.strip());
            } catch (NumberFormatException e) {
                throw UserError.invalid("key", dim.name() + "'s key " + dim.key().get(0) + " is a whole number, got " + Echo.quoted(key));
            }
        }
        return key;
    }
}
