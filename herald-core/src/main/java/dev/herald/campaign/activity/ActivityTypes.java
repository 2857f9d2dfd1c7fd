package dev.herald.campaign.activity;

import dev.herald.campaign.ActivityConfig;
import static dev.herald.campaign.activity.ActivityType.MANY;

import dev.herald.campaign.activity.ActivityType.Where;
import dev.herald.channel.ChannelType;
import dev.herald.channel.ChannelTypes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Every activity type, registered by its short id in this one place. */
public final class ActivityTypes {

    private static final Map<String, ActivityType<?>> TYPES = new LinkedHashMap<>();

    public static final ActivityType<BuildAudience> BUILD_AUDIENCE = add(new ActivityType<>("build-audience", BuildAudience.class,
            Where.SET, BuildAudience.SPEC, 0, 1, (o, p) -> BuildAudience.read(o)));
    public static final ActivityType<IncrementalQuery> INCREMENTAL_QUERY = add(new ActivityType<>("incremental-query",
            IncrementalQuery.class, Where.SET, IncrementalQuery.SPEC, 0, 1, (o, p) -> IncrementalQuery.read(o)));
    public static final ActivityType<Combine> COMBINE = add(new ActivityType<>("combine", Combine.class, Where.SET, Combine.SPEC, 1, MANY,
            (o, p) -> Combine.read(o)));
    public static final ActivityType<Dedup> DEDUP = add(new ActivityType<>("dedup", Dedup.class, Where.SET, Dedup.SPEC, 1, 1,
            (o, p) -> Dedup.read(o)));
    public static final ActivityType<Enrich> ENRICH = add(new ActivityType<>("enrich", Enrich.class, Where.SET, Enrich.SPEC, 1, 2,
            (o, p) -> Enrich.read(o)));
    public static final ActivityType<ChangeDimension> CHANGE_DIMENSION = add(new ActivityType<>("change-dimension",
            ChangeDimension.class, Where.SET, ChangeDimension.SPEC, 1, 1, (o, p) -> ChangeDimension.read(o)));
    public static final ActivityType<Split> SPLIT = add(new ActivityType<>("split", Split.class, Where.SET, Split.SPEC, 1, 1,
            (o, p) -> Split.read(o)));
    public static final ActivityType<Fork> FORK = add(new ActivityType<>("fork", Fork.class, Where.CONTROL, Fork.SPEC, 1, 1,
            (o, p) -> Fork.read(o)));
    public static final ActivityType<AndJoin> AND_JOIN = add(new ActivityType<>("and-join", AndJoin.class, Where.CONTROL, AndJoin.SPEC,
            2, MANY, (o, p) -> AndJoin.read(o)));
    public static final ActivityType<Test> TEST = add(new ActivityType<>("test", Test.class, Where.CONTROL, Test.SPEC, 1, 1,
            (o, p) -> Test.read(o)));
    public static final ActivityType<Wait> WAIT = add(new ActivityType<>("wait", Wait.class, Where.CONTROL, Wait.SPEC, 1, 1,
            (o, p) -> Wait.read(o)));
    public static final ActivityType<Scheduler> SCHEDULER = add(new ActivityType<>("scheduler", Scheduler.class, Where.CONTROL,
            Scheduler.SPEC, 0, 1, Scheduler::read));
    public static final ActivityType<Alert> ALERT = add(new ActivityType<>("alert", Alert.class, Where.CHANNEL, Alert.SPEC, 1, 1,
            (o, p) -> Alert.read(o)));
    public static final ActivityType<End> END = add(new ActivityType<>("end", End.class, Where.CONTROL, End.SPEC, 1, MANY,
            (o, p) -> End.read(o)));
    public static final ActivityType<LoadFile> LOAD_FILE = add(new ActivityType<>("load-file", LoadFile.class, Where.SET, LoadFile.SPEC,
            0, 1, LoadFile::read));
    public static final ActivityType<Reconcile> RECONCILE = add(new ActivityType<>("reconcile", Reconcile.class, Where.SET,
            Reconcile.SPEC, 1, 1, (o, p) -> Reconcile.read(o)));
    public static final ActivityType<SaveAudience> SAVE_AUDIENCE = add(new ActivityType<>("save-audience", SaveAudience.class,
            Where.SET, SaveAudience.SPEC, 1, 1, (o, p) -> SaveAudience.read(o)));
    public static final ActivityType<UpdateData> UPDATE_DATA = add(new ActivityType<>("update-data", UpdateData.class, Where.SET,
            UpdateData.SPEC, 1, 1, (o, p) -> UpdateData.read(o)));

    static {
        // a delivery activity per kind of message, named like it: email, sms, push, webhook, direct-mail
        for (ChannelType channel : ChannelTypes.deliveries()) {
            add(new ActivityType<>(channel.id(), Delivery.class, Where.CHANNEL, channel.spec(), 1, 1, (o, p) -> Delivery.read(channel, o)));
        }
    }

    private ActivityTypes() {
    }

    private static <C extends ActivityConfig> ActivityType<C> add(ActivityType<C> type) {
        TYPES.put(type.id(), type);
        return type;
    }

    public static Optional<ActivityType<?>> find(String id) {
        return Optional.ofNullable(TYPES.get(id));
    }

    /** The delivery activity of a kind of message ({@code email}). */
    @SuppressWarnings("unchecked")
    public static ActivityType<Delivery> delivery(String channel) {
        ActivityType<?> t = TYPES.get(channel);
        if (t == null || t.config() != Delivery.class) {
            throw new IllegalArgumentException("no delivery activity '" + channel + "'");
        }
        return (ActivityType<Delivery>) t;
    }

    /** All types, in the order the documentation presents them. */
    public static Map<String, ActivityType<?>> all() {
        return java.util.Collections.unmodifiableMap(TYPES);
    }
}
