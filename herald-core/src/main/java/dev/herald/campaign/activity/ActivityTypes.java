package dev.herald.campaign.activity;

import static dev.herald.campaign.activity.ActivityType.MANY;

import dev.herald.campaign.activity.ActivityType.Where;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Every activity type, registered by its short id in this one place. */
public final class ActivityTypes {

    private static final Map<String, ActivityType> TYPES = new LinkedHashMap<>();

    static {
        add(new ActivityType("build-audience", Where.SET, BuildAudience.SPEC, 0, 1, (o, p) -> BuildAudience.read(o)));
        add(new ActivityType("incremental-query", Where.SET, IncrementalQuery.SPEC, 0, 1, (o, p) -> IncrementalQuery.read(o)));
        add(new ActivityType("combine", Where.SET, Combine.SPEC, 1, MANY, (o, p) -> Combine.read(o)));
        add(new ActivityType("dedup", Where.SET, Dedup.SPEC, 1, 1, (o, p) -> Dedup.read(o)));
        add(new ActivityType("enrich", Where.SET, Enrich.SPEC, 1, 2, (o, p) -> Enrich.read(o)));
        add(new ActivityType("change-dimension", Where.SET, ChangeDimension.SPEC, 1, 1, (o, p) -> ChangeDimension.read(o)));
        add(new ActivityType("split", Where.SET, Split.SPEC, 1, 1, (o, p) -> Split.read(o)));
        add(new ActivityType("fork", Where.CONTROL, Fork.SPEC, 1, 1, (o, p) -> Fork.read(o)));
        add(new ActivityType("and-join", Where.CONTROL, AndJoin.SPEC, 2, MANY, (o, p) -> AndJoin.read(o)));
        add(new ActivityType("test", Where.CONTROL, Test.SPEC, 1, 1, (o, p) -> Test.read(o)));
        add(new ActivityType("wait", Where.CONTROL, Wait.SPEC, 1, 1, (o, p) -> Wait.read(o)));
        add(new ActivityType("scheduler", Where.CONTROL, Scheduler.SPEC, 0, 1, Scheduler::read));
        add(new ActivityType("alert", Where.CHANNEL, Alert.SPEC, 1, 1, (o, p) -> Alert.read(o)));
        add(new ActivityType("end", Where.CONTROL, End.SPEC, 1, MANY, (o, p) -> End.read(o)));
        add(new ActivityType("load-file", Where.SET, LoadFile.SPEC, 0, 1, LoadFile::read));
        add(new ActivityType("reconcile", Where.SET, Reconcile.SPEC, 1, 1, (o, p) -> Reconcile.read(o)));
        add(new ActivityType("save-audience", Where.SET, SaveAudience.SPEC, 1, 1, (o, p) -> SaveAudience.read(o)));
        add(new ActivityType("update-data", Where.SET, UpdateData.SPEC, 1, 1, (o, p) -> UpdateData.read(o)));
        add(new ActivityType(Delivery.EMAIL, Where.CHANNEL, Delivery.EMAIL_SPEC, 1, 1, (o, p) -> Delivery.read(Delivery.EMAIL, o)));
        add(new ActivityType(Delivery.SMS, Where.CHANNEL, Delivery.SMS_SPEC, 1, 1, (o, p) -> Delivery.read(Delivery.SMS, o)));
        add(new ActivityType(Delivery.PUSH, Where.CHANNEL, Delivery.PUSH_SPEC, 1, 1, (o, p) -> Delivery.read(Delivery.PUSH, o)));
        add(new ActivityType(Delivery.WEBHOOK, Where.CHANNEL, Delivery.WEBHOOK_SPEC, 1, 1, (o, p) -> Delivery.read(Delivery.WEBHOOK, o)));
        add(new ActivityType(Delivery.DIRECT_MAIL, Where.CHANNEL, Delivery.DIRECT_MAIL_SPEC, 1, 1,
                (o, p) -> Delivery.read(Delivery.DIRECT_MAIL, o)));
    }

    private ActivityTypes() {
    }

    private static void add(ActivityType type) {
        TYPES.put(type.id(), type);
    }

    public static Optional<ActivityType> find(String id) {
        return Optional.ofNullable(TYPES.get(id));
    }

    /** All types, in the order the documentation presents them. */
    public static Map<String, ActivityType> all() {
        return java.util.Collections.unmodifiableMap(TYPES);
    }
}
