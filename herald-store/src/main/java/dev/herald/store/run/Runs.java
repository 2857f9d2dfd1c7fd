package dev.herald.store.run;

import dev.herald.campaign.run.CampaignVersion;
import dev.herald.campaign.run.LogLine;
import dev.herald.campaign.run.TransitionRecord;
import dev.herald.campaign.run.ActivityRecord;
import dev.herald.campaign.run.RunRecord;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.campaign.run.ActivityStatus;
import dev.herald.campaign.run.CampaignStore;
import dev.herald.campaign.run.RunStore;
import dev.herald.campaign.run.TimerStore;
import dev.herald.error.Action;
import dev.herald.campaign.run.RunStatus;
import dev.herald.store.Store;
import dev.herald.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Campaign versions, runs, their activities, transitions, timers and logs, in the store's system
 * tables. Everything a restarted process needs to resume a run is here.
 */
public final class Runs implements RunStore, CampaignStore, TimerStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Table<?> CAMPAIGN = table(name("herald_campaign"));
    static final Table<?> RUN = table(name("herald_run"));
    static final Table<?> ACTIVITY = table(name("herald_run_activity"));
    static final Table<?> TRANSITION = table(name("herald_run_transition"));
    static final Table<?> LOG = table(name("herald_run_log"));
    static final Table<?> SCHEDULE_RUN = table(name("herald_schedule_run"));
    static final Table<?> ARCHIVE = table(name("herald_campaign_archive"));

    private static final Field<String> ID_TEXT = field(name("id"), String.class);
    private static final Field<Long> ID = field(name("id"), Long.class);
    private static final Field<Integer> VERSION = field(name("version"), Integer.class);
    private static final Field<String> NAME = field(name("name"), String.class);
    private static final Field<String> SOURCE = field(name("source"), String.class);
    private static final Field<String> DIGEST = field(name("digest"), String.class);
    private static final Field<OffsetDateTime> PUBLISHED_AT = field(name("published_at"), OffsetDateTime.class);
    private static final Field<String> CAMPAIGN_ID = field(name("campaign"), String.class);
    private static final Field<String> MODE = field(name("mode"), String.class);
    private static final Field<String> STATUS = field(name("status"), String.class);
    private static final Field<String> VARIABLES = field(name("variables"), String.class);
    private static final Field<OffsetDateTime> FIXED_NOW = field(name("fixed_now"), OffsetDateTime.class);
    private static final Field<String> BREAKPOINTS = field(name("breakpoints"), String.class);
    private static final Field<Integer> ERRORS = field(name("consecutive_errors"), Integer.class);
    private static final Field<OffsetDateTime> STARTED_AT = field(name("started_at"), OffsetDateTime.class);
    private static final Field<OffsetDateTime> ENDED_AT = field(name("ended_at"), OffsetDateTime.class);
    private static final Field<OffsetDateTime> PURGED_AT = field(name("purged_at"), OffsetDateTime.class);
    private static final Field<Boolean> APPROVED = field(name("approved"), Boolean.class);
    private static final Field<Integer> DEFERRALS = field(name("deferrals"), Integer.class);
    private static final Field<String> DRIVER = field(name("driver"), String.class);
    private static final Field<OffsetDateTime> HEARTBEAT_AT = field(name("heartbeat_at"), OffsetDateTime.class);
    private static final Field<Long> RUN_ID = field(name("run_id"), Long.class);
    private static final Field<String> ACTIVITY_ID = field(name("activity"), String.class);
    private static final Field<OffsetDateTime> NOW_AT = field(name("now_at"), OffsetDateTime.class);
    private static final Field<OffsetDateTime> WAKE_AT = field(name("wake_at"), OffsetDateTime.class);
    private static final Field<Long> ROWS_IN = field(name("rows_in"), Long.class);
    private static final Field<Long> ROWS_OUT = field(name("rows_out"), Long.class);
    private static final Field<Integer> ATTEMPTS = field(name("attempts"), Integer.class);
    private static final Field<String> SQL_TEXT = field(name("sql_text"), String.class);
    private static final Field<String> ERROR = field(name("error"), String.class);
    private static final Field<String> WORKTABLE = field(name("worktable"), String.class);
    private static final Field<Long> ROWS = field(name("rows"), Long.class);
    private static final Field<OffsetDateTime> AT = field(name("at"), OffsetDateTime.class);
    private static final Field<String> LEVEL = field(name("level"), String.class);
    private static final Field<String> MESSAGE = field(name("message"), String.class);
    private static final Field<String> HINT = field(name("hint"), String.class);
    private static final Field<OffsetDateTime> SCHEDULED_FOR = field(name("scheduled_for"), OffsetDateTime.class);
    private static final Field<OffsetDateTime> ARCHIVED_AT = field(name("archived_at"), OffsetDateTime.class);

    private final Store store;
    private final DSLContext dsl;

    public Runs(Store store) {
        this.store = store;
        this.dsl = store.dsl();
    }

    // ---- campaign versions ----

    @Override
    public CampaignVersion publish(String campaign, String campaignName, String source) {
        return store.inTransaction(() -> {
            String digest = digest(source);
            Optional<CampaignVersion> latest = latest(campaign);
            if (latest.isPresent() && latest.get().digest().equals(digest)) {
                return latest.get();
            }
            int version = latest.map(v -> v.version() + 1).orElse(1);
            OffsetDateTime at = store.now();
            dsl.insertInto(CAMPAIGN, ID_TEXT, VERSION, NAME, SOURCE, DIGEST, PUBLISHED_AT)
                    .values(campaign, version, campaignName, source, digest, at).execute();
            return new CampaignVersion(campaign, version, campaignName, source, digest, at.toInstant());
        });
    }

    @Override
    public Optional<CampaignVersion> latest(String campaign) {
        return dsl.select(ID_TEXT, VERSION, NAME, SOURCE, DIGEST, PUBLISHED_AT).from(CAMPAIGN).where(ID_TEXT.eq(campaign))
                .orderBy(VERSION.desc()).limit(1).fetchOptional(Runs::version);
    }

    @Override
    public Optional<CampaignVersion> version(String campaign, int version) {
        return dsl.select(ID_TEXT, VERSION, NAME, SOURCE, DIGEST, PUBLISHED_AT).from(CAMPAIGN)
                .where(ID_TEXT.eq(campaign)).and(VERSION.eq(version)).fetchOptional(Runs::version);
    }

    /** Every published version of {@code campaign} (all campaigns when null), the newest first; each with its text. */
    public List<CampaignVersion> versions(String campaign) {
        return dsl.select(ID_TEXT, VERSION, NAME, SOURCE, DIGEST, PUBLISHED_AT).from(CAMPAIGN)
                .where(campaign == null ? DSL.trueCondition() : ID_TEXT.eq(campaign)).orderBy(ID_TEXT, VERSION.desc()).fetch(Runs::version);
    }

    @Override
    public List<CampaignVersion> latestVersions() {
        var latest = dsl.select(ID_TEXT, DSL.max(VERSION)).from(CAMPAIGN).groupBy(ID_TEXT);
        return dsl.select(ID_TEXT, VERSION, NAME, SOURCE, DIGEST, PUBLISHED_AT).from(CAMPAIGN)
                .where(DSL.row(ID_TEXT, VERSION).in(latest)).orderBy(ID_TEXT).fetch(Runs::version);
    }

    @Override
    public boolean archive(String campaign) {
        return dsl.insertInto(ARCHIVE, CAMPAIGN_ID, ARCHIVED_AT).values(campaign, store.now()).onConflictDoNothing().execute() == 1;
    }

    @Override
    public boolean restore(String campaign) {
        return dsl.deleteFrom(ARCHIVE).where(CAMPAIGN_ID.eq(campaign)).execute() == 1;
    }

    @Override
    public java.util.Set<String> archived() {
        return dsl.select(CAMPAIGN_ID).from(ARCHIVE).fetchSet(CAMPAIGN_ID);
    }

    private static CampaignVersion version(org.jooq.Record6<String, Integer, String, String, String, OffsetDateTime> r) {
        return new CampaignVersion(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6().toInstant());
    }

    static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- runs ----

    @Override
    public long create(CampaignVersion version, boolean test, Map<String, Object> variables, Instant fixedNow,
                       List<String> breakpoints, boolean approved) {
        long id = store.nextval("herald_run_seq");
        dsl.insertInto(RUN).set(ID, id).set(CAMPAIGN_ID, version.campaign()).set(VERSION, version.version())
                .set(MODE, test ? "test" : "live").set(STATUS, RunStatus.RUNNING.word()).set(VARIABLES, json(variables))
                .set(FIXED_NOW, offset(fixedNow)).set(BREAKPOINTS, String.join(",", breakpoints)).set(ERRORS, 0)
                .set(STARTED_AT, store.now()).set(APPROVED, approved).execute();
        return id;
    }

    @Override
    public boolean scheduled(String campaign, Instant at, long runId) {
        // on PostgreSQL a second process inserting the same moment waits for the first one's commit, then inserts nothing
        return dsl.insertInto(SCHEDULE_RUN, CAMPAIGN_ID, SCHEDULED_FOR, RUN_ID).values(campaign, offset(at), runId)
                .onConflictDoNothing().execute() == 1;
    }

    @Override
    public Optional<Instant> lastScheduled(String campaign) {
        return Optional.ofNullable(dsl.select(DSL.max(SCHEDULED_FOR)).from(SCHEDULE_RUN).where(CAMPAIGN_ID.eq(campaign)).fetchOne(0,
                OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    @Override
    public Optional<RunRecord> find(long runId) {
        return dsl.select(ID, CAMPAIGN_ID, VERSION, MODE, STATUS, VARIABLES, FIXED_NOW, BREAKPOINTS, ERRORS, STARTED_AT, ENDED_AT,
                PURGED_AT, APPROVED).from(RUN).where(ID.eq(runId)).fetchOptional(this::run);
    }

    @Override
    public List<RunRecord> list(int limit) {
        return dsl.select(ID, CAMPAIGN_ID, VERSION, MODE, STATUS, VARIABLES, FIXED_NOW, BREAKPOINTS, ERRORS, STARTED_AT, ENDED_AT,
                PURGED_AT, APPROVED).from(RUN).orderBy(ID.desc()).limit(limit).fetch(this::run);
    }

    /** How many runs there are in each status ({@code running}, {@code waiting}, {@code finished}, …). */
    public Map<String, Long> countByStatus() {
        Map<String, Long> counts = new LinkedHashMap<>();
        dsl.select(STATUS, DSL.count()).from(RUN).groupBy(STATUS).orderBy(STATUS).forEach(r -> counts.put(r.value1(), r.value2().longValue()));
        return counts;
    }

    /** Up to {@code limit} runs older than the run {@code before} (null: the newest), the newest first: a page of a list. */
    public List<RunRecord> page(Long before, int limit) {
        return page(before, limit, null, null, null);
    }

    /**
     * Up to {@code limit} runs older than {@code before} (null: the newest), the newest first, of
     * one campaign, in one status and one mode when these are not null.
     */
    public List<RunRecord> page(Long before, int limit, String campaign, RunStatus status, Boolean test) {
        return dsl.select(ID, CAMPAIGN_ID, VERSION, MODE, STATUS, VARIABLES, FIXED_NOW, BREAKPOINTS, ERRORS, STARTED_AT, ENDED_AT,
                PURGED_AT, APPROVED).from(RUN).where(before == null ? DSL.noCondition() : ID.lt(before))
                .and(campaign == null ? DSL.noCondition() : CAMPAIGN_ID.eq(campaign))
                .and(status == null ? DSL.noCondition() : STATUS.eq(status.name().toLowerCase(Locale.ROOT)))
                .and(test == null ? DSL.noCondition() : MODE.eq(test ? "test" : "live"))
                .orderBy(ID.desc()).limit(limit).fetch(this::run);
    }

    private RunRecord run(Record r) {
        String bp = r.get(BREAKPOINTS);
        return new RunRecord(r.get(ID), r.get(CAMPAIGN_ID), r.get(VERSION), "test".equals(r.get(MODE)),
                RunStatus.valueOf(r.get(STATUS).toUpperCase(Locale.ROOT)), variables(r.get(VARIABLES)), instant(r.get(FIXED_NOW)),
                bp == null || bp.isEmpty() ? List.of() : Arrays.asList(bp.split(",")), r.get(ERRORS), instant(r.get(STARTED_AT)),
                instant(r.get(ENDED_AT)), instant(r.get(PURGED_AT)), Boolean.TRUE.equals(r.get(APPROVED)));
    }

    @Override
    public void status(long runId, RunStatus status) {
        var update = dsl.update(RUN).set(STATUS, status.word());
        if (status.isFinal()) {
            update.set(ENDED_AT, store.now());
        }
        update.where(ID.eq(runId)).execute();
    }

    @Override
    public void breakpoints(long runId, List<String> remaining) {
        dsl.update(RUN).set(BREAKPOINTS, String.join(",", remaining)).where(ID.eq(runId)).execute();
    }

    @Override
    public void consecutiveErrors(long runId, int n) {
        dsl.update(RUN).set(ERRORS, n).where(ID.eq(runId)).execute();
    }

    @Override
    public boolean claim(long runId, String driver, Duration lease) {
        OffsetDateTime now = store.now();
        Condition free = lease == null ? DSL.trueCondition()
                : DRIVER.isNull().or(DRIVER.eq(driver)).or(HEARTBEAT_AT.lt(now.minus(lease)));
        // one statement: on PostgreSQL a second claimer waits for the first one's row lock, then finds the row taken
        return dsl.update(RUN).set(DRIVER, driver).set(HEARTBEAT_AT, now).where(ID.eq(runId)).and(free).execute() == 1;
    }

    @Override
    public boolean heartbeat(long runId, String driver) {
        return dsl.update(RUN).set(HEARTBEAT_AT, store.now()).where(ID.eq(runId)).and(DRIVER.eq(driver)).execute() == 1;
    }

    @Override
    public void release(long runId, String driver) {
        dsl.update(RUN).set(DRIVER, (String) null).where(ID.eq(runId)).and(DRIVER.eq(driver)).execute();
    }

    @Override
    public List<Long> orphaned(Duration lease) {
        OffsetDateTime silentSince = store.now().minus(lease);
        return dsl.select(ID).from(RUN).where(STATUS.eq(RunStatus.RUNNING.word()))
                .and(DRIVER.isNull().or(HEARTBEAT_AT.lt(silentSince))).orderBy(ID).fetch(ID);
    }

    @Override
    public Optional<Driver> driver(long runId) {
        return dsl.select(DRIVER, HEARTBEAT_AT).from(RUN).where(ID.eq(runId)).and(DRIVER.isNotNull())
                .fetchOptional(r -> new Driver(r.value1(), r.value2().toInstant()));
    }

    @Override
    public void purged(long runId) {
        dsl.update(RUN).set(PURGED_AT, store.now()).where(ID.eq(runId)).execute();
    }

    @Override
    public List<Long> purgeable(Instant before) {
        return dsl.select(ID).from(RUN).where(ENDED_AT.lt(offset(before))).and(PURGED_AT.isNull()).orderBy(ID).fetch(ID);
    }

    // ---- activities ----

    @Override
    public Map<String, ActivityRecord> activities(long runId) {
        Map<String, ActivityRecord> result = new LinkedHashMap<>();
        dsl.select(ACTIVITY_ID, STATUS, STARTED_AT, ENDED_AT, NOW_AT, WAKE_AT, ROWS_IN, ROWS_OUT, ATTEMPTS, SQL_TEXT, ERROR)
                .from(ACTIVITY).where(RUN_ID.eq(runId)).orderBy(STARTED_AT, ACTIVITY_ID).fetch().forEach(r -> result.put(r.value1(),
                        new ActivityRecord(r.value1(), ActivityStatus.valueOf(r.value2().toUpperCase(Locale.ROOT)), instant(r.value3()),
                                instant(r.value4()), instant(r.value5()), instant(r.value6()), r.value7(), r.value8(), r.value9(),
                                r.value10(), r.value11())));
        return result;
    }

    @Override
    public Instant started(long runId, String activity, Instant now) {
        Optional<ActivityRecord> before = Optional.ofNullable(activities(runId).get(activity));
        OffsetDateTime at = store.now();
        Instant judged = before.map(ActivityRecord::nowAt).orElse(now);
        if (before.isPresent()) {
            dsl.update(ACTIVITY).set(STATUS, ActivityStatus.RUNNING.word()).set(STARTED_AT, at).set(ENDED_AT, (OffsetDateTime) null)
                    .set(ATTEMPTS, before.get().attempts() + 1).set(ERROR, (String) null).set(NOW_AT, offset(judged))
                    .where(RUN_ID.eq(runId)).and(ACTIVITY_ID.eq(activity)).execute();
        } else {
            dsl.insertInto(ACTIVITY).set(RUN_ID, runId).set(ACTIVITY_ID, activity).set(STATUS, ActivityStatus.RUNNING.word())
                    .set(STARTED_AT, at).set(NOW_AT, offset(judged)).set(ATTEMPTS, 1).execute();
        }
        return judged;
    }

    @Override
    public void ended(long runId, String activity, ActivityStatus status, Long rowsIn, Long rowsOut, String sql, String error) {
        OffsetDateTime at = store.now();
        int updated = dsl.update(ACTIVITY).set(STATUS, status.word()).set(ENDED_AT, at).set(ROWS_IN, rowsIn).set(ROWS_OUT, rowsOut)
                .set(SQL_TEXT, sql).set(ERROR, error).set(WAKE_AT, (OffsetDateTime) null)
                .where(RUN_ID.eq(runId)).and(ACTIVITY_ID.eq(activity)).execute();
        if (updated == 0) {
            dsl.insertInto(ACTIVITY).set(RUN_ID, runId).set(ACTIVITY_ID, activity).set(STATUS, status.word()).set(STARTED_AT, at)
                    .set(ENDED_AT, at).set(ROWS_IN, rowsIn).set(ROWS_OUT, rowsOut).set(SQL_TEXT, sql).set(ERROR, error)
                    .set(ATTEMPTS, 0).execute();
        }
    }

    @Override
    public void hold(long runId, String activity, Instant wakeAt, Long rowsIn) {
        OffsetDateTime at = store.now();
        dsl.deleteFrom(ACTIVITY).where(RUN_ID.eq(runId)).and(ACTIVITY_ID.eq(activity)).execute();
        dsl.insertInto(ACTIVITY).set(RUN_ID, runId).set(ACTIVITY_ID, activity).set(STATUS, ActivityStatus.WAITING.word())
                .set(STARTED_AT, at).set(WAKE_AT, offset(wakeAt)).set(ROWS_IN, rowsIn).set(ATTEMPTS, 1).execute();
    }

    @Override
    public List<Timer> due(Instant now) {
        Field<OffsetDateTime> wake = field(name("a", "wake_at"), OffsetDateTime.class);
        Field<OffsetDateTime> fixed = field(name("r", "fixed_now"), OffsetDateTime.class);
        Field<OffsetDateTime> started = field(name("r", "started_at"), OffsetDateTime.class);
        // a run with a pinned clock keeps time from its start: its timer is due that long after the run started
        Field<OffsetDateTime> realWake = DSL.when(fixed.isNull(), wake)
                .otherwise(DSL.field("({0} + ({1} - {2}))", OffsetDateTime.class, wake, started, fixed));
        return dsl.select(field(name("a", "run_id"), Long.class), DSL.min(wake))
                .from(ACTIVITY.as("a")).join(RUN.as("r")).on(field(name("r", "id"), Long.class).eq(field(name("a", "run_id"), Long.class)))
                .where(field(name("r", "status"), String.class).eq(RunStatus.WAITING.word()))
                .and(field(name("a", "status"), String.class).in(ActivityStatus.WAITING.word(), ActivityStatus.RETRYING.word()))
                .and(realWake.le(offset(now)))
                .groupBy(field(name("a", "run_id")))
                .orderBy(DSL.min(realWake), field(name("a", "run_id")))
                .fetch(r -> new Timer(r.value1(), firstWaiting(r.value1(), r.value2()), r.value2().toInstant()));
    }

    /** The activity of a run waiting on the timer due at {@code at}. */
    private String firstWaiting(long runId, OffsetDateTime at) {
        return dsl.select(ACTIVITY_ID).from(ACTIVITY).where(RUN_ID.eq(runId)).and(WAKE_AT.eq(at)).orderBy(ACTIVITY_ID).limit(1)
                .fetchOne(ACTIVITY_ID);
    }

    @Override
    public List<String> interrupted(long runId) {
        return dsl.select(ACTIVITY_ID).from(ACTIVITY).where(RUN_ID.eq(runId)).and(STATUS.eq(ActivityStatus.RUNNING.word()))
                .fetch(ACTIVITY_ID);
    }

    @Override
    public void retryAt(long runId, String activity, Instant at, boolean deferral) {
        dsl.update(ACTIVITY).set(STATUS, ActivityStatus.RETRYING.word()).set(WAKE_AT, offset(at))
                .set(DEFERRALS, deferral ? DEFERRALS.plus(1) : DEFERRALS)
                .where(RUN_ID.eq(runId)).and(ACTIVITY_ID.eq(activity)).execute();
    }

    @Override
    public int deferrals(long runId, String activity) {
        Integer n = dsl.select(DEFERRALS).from(ACTIVITY).where(RUN_ID.eq(runId)).and(ACTIVITY_ID.eq(activity)).fetchOne(DEFERRALS);
        return n == null ? 0 : n;
    }

    @Override
    public void retry(long runId, String activity) {
        dsl.update(ACTIVITY).set(STATUS, ActivityStatus.RUNNING.word()).set(DEFERRALS, 0).where(RUN_ID.eq(runId)).and(ACTIVITY_ID.eq(activity)).execute();
    }

    // ---- transitions ----

    @Override
    public Map<String, TransitionRecord> transitions(long runId) {
        Map<String, TransitionRecord> result = new LinkedHashMap<>();
        dsl.select(NAME, STATUS, WORKTABLE, ROWS).from(TRANSITION).where(RUN_ID.eq(runId)).orderBy(NAME).fetch()
                .forEach(r -> result.put(r.value1(), new TransitionRecord(r.value1(), "active".equals(r.value2()), r.value3(),
                        r.value4() == null ? 0 : r.value4())));
        return result;
    }

    @Override
    public void transition(long runId, String name, boolean active, String worktable, long rows) {
        dsl.deleteFrom(TRANSITION).where(RUN_ID.eq(runId)).and(NAME.eq(name)).execute();
        dsl.insertInto(TRANSITION).set(RUN_ID, runId).set(NAME, name).set(STATUS, active ? "active" : "dead")
                .set(WORKTABLE, worktable).set(ROWS, rows).execute();
    }

    // ---- log ----

    @Override
    public void log(long runId, String level, String activity, String message, Action hint) {
        long id = store.nextval("herald_run_log_seq");
        dsl.insertInto(LOG).set(ID, id).set(RUN_ID, runId).set(AT, store.now()).set(LEVEL, level)
                .set(ACTIVITY_ID, activity).set(MESSAGE, message).set(HINT, Action.code(hint)).execute();
    }

    @Override
    public List<LogLine> log(long runId) {
        return log(runId, null, Integer.MAX_VALUE);
    }

    /** Up to {@code limit} lines of a run's log after the line {@code after} (null: from the first), oldest first. */
    public List<LogLine> log(long runId, Long after, int limit) {
        return dsl.select(ID, AT, LEVEL, ACTIVITY_ID, MESSAGE, HINT).from(LOG).where(RUN_ID.eq(runId))
                .and(after == null ? DSL.noCondition() : ID.gt(after)).orderBy(ID).limit(limit)
                .fetch(r -> new LogLine(r.value1(), r.value2().toInstant(), r.value3(), r.value4(), r.value5(), Action.parse(r.value6())));
    }

    @Override
    public String newWorktable(long runId) {
        long n = store.nextval("herald_table_seq");
        return "herald_wt_" + runId + "_" + n;
    }

    // ---- values ----

    private static String json(Map<String, Object> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot store the variables: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> variables(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new StoreException("the stored variables are not JSON: " + e.getMessage(), e);
        }
    }

    static OffsetDateTime offset(Instant t) {
        return t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
