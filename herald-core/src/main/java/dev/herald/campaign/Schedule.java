package dev.herald.campaign;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.herald.campaign.config.Options;
import dev.herald.campaign.config.Prop;
import dev.herald.campaign.config.Spec;
import dev.herald.campaign.config.TimePoint;
import dev.herald.text.Echo;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When something happens: once at a moment, or on a cron expression (five fields, as in crontab:
 * minute hour day-of-month month day-of-week) in a time zone, within an optional validity period.
 * Local times are read in the zone, so 09:00 Europe/Paris stays 09:00 across daylight saving.
 */
public record Schedule(String cron, TimePoint once, ZoneId zone, TimePoint from, TimePoint until) {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    public static final Spec SPEC = Spec.of("When: once, or on a cron expression in a time zone, within a validity period.",
            Prop.of("cron", Prop.Kind.TEXT, "five fields as in crontab: minute hour day-of-month month day-of-week, e.g. \"0 9 * * MON\""),
            Prop.of("once", Prop.Kind.TIMESTAMP, "a single moment, e.g. 2026-12-01T09:00 (in the zone)"),
            Prop.of("zone", Prop.Kind.TEXT, "the time zone of the cron expression and of local times, e.g. Europe/Paris").withDefault("UTC"),
            Prop.of("valid_from", Prop.Kind.TIMESTAMP, "the schedule is valid from this moment"),
            Prop.of("valid_until", Prop.Kind.TIMESTAMP, "the schedule is valid until this moment"));

    /** Reads a schedule, reporting problems at {@code options}' path; null when it cannot be used. */
    public static Schedule read(Options o, java.util.function.BiConsumer<String, String> problem) {
        ZoneId zone = ZoneId.of("UTC");
        String zoneText = o.text("zone");
        try {
            zone = ZoneId.of(zoneText);
        } catch (RuntimeException e) {
            problem.accept(o.path("zone"), "unknown time zone " + Echo.quoted(zoneText) + "; use a name such as Europe/Paris or UTC");
        }
        String cron = o.text("cron");
        if ((cron == null) == (o.time("once") == null)) {
            problem.accept(o.path(), "give either 'cron' or 'once'");
            return null;
        }
        if (cron != null) {
            try {
                PARSER.parse(cron).validate();
            } catch (RuntimeException e) {
                problem.accept(o.path("cron"), "not a cron expression (" + e.getMessage() + "); write five fields: minute hour "
                        + "day-of-month month day-of-week, e.g. \"0 9 * * MON\"");
                return null;
            }
        }
        Schedule s = new Schedule(cron, o.time("once"), zone, o.time("valid_from"), o.time("valid_until"));
        if (s.from != null && s.until != null && !s.from.at(zone).isBefore(s.until.at(zone))) {
            problem.accept(o.path("valid_until"), "the validity period ends before it starts");
        }
        return s;
    }

    /** The first moment strictly after {@code after}, within the validity period; empty when there is none. */
    public Optional<Instant> next(Instant after) {
        Instant start = from == null ? null : from.at(zone);
        Optional<Instant> next;
        if (once != null) {
            next = Optional.of(once.at(zone)).filter(t -> t.isAfter(after));
        } else {
            // cron moments are whole minutes: a second before the period starts still finds its first minute
            Instant base = start != null && start.isAfter(after) ? start.minusSeconds(1) : after;
            next = ExecutionTime.forCron(PARSER.parse(cron)).nextExecution(ZonedDateTime.ofInstant(base, zone))
                    .map(ZonedDateTime::toInstant);
        }
        return next.filter(t -> (start == null || !t.isBefore(start)) && (until == null || !t.isAfter(until.at(zone))));
    }

    /**
     * The latest moment after {@code after} and no later than {@code now}, within the validity
     * period: the one a scheduler starts a run for (once, however many it missed while it was not running).
     */
    public Optional<Instant> latestDue(Instant after, Instant now) {
        Optional<Instant> latest;
        if (once != null) {
            latest = Optional.of(once.at(zone)).filter(t -> !t.isAfter(now));
        } else {
            Instant last = until != null && until.at(zone).isBefore(now) ? until.at(zone) : now;
            // a moment exactly at `last` counts: ask for the last one before a second later (cron moments are whole minutes)
            ExecutionTime times = ExecutionTime.forCron(PARSER.parse(cron));
            Optional<ZonedDateTime> t = times.lastExecution(ZonedDateTime.ofInstant(last.plusSeconds(1), zone));
            if (t.isPresent() && t.get().toInstant().isAfter(last)) {
                t = times.lastExecution(t.get());
            }
            latest = t.map(ZonedDateTime::toInstant);
        }
        Instant start = from == null ? null : from.at(zone);
        return latest.filter(t -> t.isAfter(after) && (start == null || !t.isBefore(start)) && (until == null || !t.isAfter(until.at(zone))));
    }

    /** Up to {@code n} moments after {@code after}. */
    public List<Instant> preview(Instant after, int n) {
        List<Instant> times = new ArrayList<>();
        Instant t = after;
        for (int i = 0; i < n; i++) {
            Optional<Instant> next = next(t);
            if (next.isEmpty()) {
                break;
            }
            times.add(next.get());
            t = next.get();
        }
        return times;
    }

    public String describe() {
        String when = cron != null ? "cron \"" + cron + "\"" : "once at " + once;
        return when + " (" + zone + ")" + (from == null ? "" : ", from " + from) + (until == null ? "" : ", until " + until);
    }
}
