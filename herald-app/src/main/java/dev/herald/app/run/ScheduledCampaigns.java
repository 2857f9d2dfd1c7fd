package dev.herald.app.run;

import dev.herald.app.campaign.CampaignService;
import dev.herald.app.engine.Engine;
import dev.herald.campaign.Campaign;
import dev.herald.campaign.Schedule;
import dev.herald.campaign.plan.CampaignParser;
import dev.herald.campaign.run.CampaignVersion;
import dev.herald.campaign.run.RunRecord;
import dev.herald.store.run.Runs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The campaigns that start by themselves: the latest published version of each campaign that has a
 * {@code schedule} and is not archived. A moment of a schedule is due once it has passed, if it came
 * after the version was published and after the moment the campaign last ran for; a server that was
 * not running at several moments starts one run, for the latest. Each moment has at most one run,
 * whichever server starts it.
 */
public final class ScheduledCampaigns {

    /** A moment of a campaign version's schedule that has passed and that no run was started for yet. */
    public record Due(CampaignVersion version, Instant at) {
    }

    private final Engine app;
    private final CampaignService campaigns;
    private final RunService runs;
    private final Map<String, Optional<Schedule>> byDigest = new ConcurrentHashMap<>();

    public ScheduledCampaigns(Engine app, CampaignService campaigns, RunService runs) {
        this.app = app;
        this.campaigns = campaigns;
        this.runs = runs;
    }

    /** The moments due now, one per campaign at most. */
    public List<Due> due() {
        Instant now = app.clock().instant();
        Set<String> archived = campaigns.archived();
        Runs store = new Runs(app.store());
        List<Due> due = new ArrayList<>();
        for (CampaignVersion v : campaigns.latestVersions()) {
            Optional<Schedule> schedule = schedule(v);
            if (schedule.isPresent() && !archived.contains(v.campaign())) {
                schedule.get().latestDue(since(store, v), now).ifPresent(at -> due.add(new Due(v, at)));
            }
        }
        return due;
    }

    /**
     * When the campaign's schedule starts its next run: a moment that passed and has no run yet, or
     * the next one to come; empty when the campaign has no schedule, is archived, or its schedule is over.
     */
    public Optional<Instant> next(CampaignVersion version) {
        Optional<Schedule> schedule = schedule(version);
        if (schedule.isEmpty() || campaigns.archived().contains(version.campaign())) {
            return Optional.empty();
        }
        Instant since = since(new Runs(app.store()), version);
        Instant now = app.clock().instant();
        return schedule.get().latestDue(since, now).or(() -> schedule.get().next(since.isAfter(now) ? since : now));
    }

    /** The version's schedule, if it has one (read from its text once per process). */
    public Optional<Schedule> schedule(CampaignVersion version) {
        return byDigest.computeIfAbsent(version.digest(), d -> Optional.ofNullable(CampaignParser.parse(version.source(), version.campaign()).campaign())
                .map(Campaign::schedule));
    }

    /**
     * Starts the live run for a due moment and drives it as far as it goes; empty when a run was
     * started for that moment already, by this or another server.
     */
    public Optional<RunRecord> start(Due due, RunListener listener) {
        CampaignVersion v = due.version();
        return runs.startScheduled(campaigns.plan(v.campaign(), v.version()), v, due.at(), listener);
    }

    /** The moment after which the version's schedule has not run yet. */
    private static Instant since(Runs store, CampaignVersion v) {
        return store.lastScheduled(v.campaign()).filter(t -> t.isAfter(v.publishedAt())).orElse(v.publishedAt());
    }
}
