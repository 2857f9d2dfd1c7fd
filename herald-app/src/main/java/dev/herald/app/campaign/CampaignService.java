package dev.herald.app.campaign;

import dev.herald.app.engine.Engine;
import dev.herald.audience.Audience;
import dev.herald.campaign.plan.CampaignCheck;
import dev.herald.delivery.Templates;
import dev.herald.campaign.plan.CampaignGraph;
import dev.herald.campaign.plan.Plan;
import dev.herald.campaign.SavedAudience;
import dev.herald.campaign.run.CampaignVersion;
import dev.herald.error.Action;
import dev.herald.error.UserError;
import dev.herald.expr.ExpressionChecker;
import dev.herald.store.audience.Audiences;
import dev.herald.store.run.Runs;
import dev.herald.text.Echo;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Campaign documents: checked against the schema and the saved audiences, published as immutable versions. */
public final class CampaignService {

    /** A checked document, and whether its saved audiences were checked too (they live in the store). */
    public record Validation(Plan plan, boolean audiencesChecked) {
    }

    /** A published version, and whether publishing made it (false: the latest version has this text already). */
    public record Published(Plan plan, CampaignVersion version, boolean created) {
    }

    private final Engine app;

    public CampaignService(Engine app) {
        this.app = app;
    }

    /** Checks a document: every problem with its path, or its plan. The store is read only when it exists. */
    public Validation validate(String text, String source) {
        if (!app.storeExists()) {
            return new Validation(new CampaignCheck(app.schema(), new ExpressionChecker(app.schema()), null, templates(), app.workspace().config().compliance()).check(text, source), false);
        }
        return new Validation(check(text, source), true);
    }

    /** Checks a document against the schema and the store's saved audiences. */
    public Plan check(String text, String source) {
        Audiences audiences = new Audiences(app.store(), app.schema(), Map.of(), app.store().clock().instant());
        return new CampaignCheck(app.schema(), new ExpressionChecker(app.schema()), name -> audiences.find(name).map(CampaignService::saved),
                templates(), app.workspace().config().compliance()).check(text, source);
    }

    /** Checks a document without a store: saved audiences are not looked at. */
    public Plan checkAlone(String text, String source) {
        return new CampaignCheck(app.schema(), new ExpressionChecker(app.schema()), null, templates(), app.workspace().config().compliance()).check(text, source);
    }

    /** The workspace's templates: the partials of its templates/ folder, its time zone. */
    private Templates templates() {
        return Templates.of(app.workspace().templatesDir(), app.workspace().config().timeZone());
    }

    /** Checks and publishes a document: a new version when its text changed. */
    public Published publish(String text, String source) {
        Plan plan = check(text, source);
        Runs runs = new Runs(app.store());
        int before = runs.latest(plan.campaign().id()).map(CampaignVersion::version).orElse(0);
        CampaignVersion v = runs.publish(plan.campaign().id(), plan.campaign().name(), text);
        app.plans().put(key(v), plan);
        return new Published(plan, v, v.version() != before);
    }

    /** Every published version of {@code campaign} (every campaign's when null), the newest first per campaign. */
    public List<CampaignVersion> versions(String campaign) {
        return new Runs(app.store()).versions(campaign);
    }

    /** A published version. */
    public CampaignVersion version(String campaign, int version) {
        return new Runs(app.store()).version(campaign, version).orElseThrow(() -> UserError.notFound(
                "no version " + version + " of campaign " + campaign, null));
    }

    /**
     * Publishes a copy of a campaign's latest version as a new campaign {@code id} (named
     * {@code name}, or as the original when null): the same document with its {@code id} and
     * {@code name} changed, and nothing else — comments and layout stay. A copy of a campaign with
     * a schedule is archived at once, so that it starts nothing until someone restores it.
     */
    public Published duplicate(String campaign, String id, String name) {
        CampaignVersion original = latest(campaign);
        if (find(id).isPresent()) {
            throw UserError.conflict("campaign " + id + " exists already; choose another id", null);
        }
        String text = CampaignCopy.renamed(original.source(), id, name);
        return app.store().inTransaction(() -> { // archived as it is published: no scheduler sees it in between
            Published copy = publish(text, campaign + " copied as " + id);
            if (copy.plan().campaign().schedule() != null) {
                new Runs(app.store()).archive(id);
            }
            return copy;
        });
    }

    /** The latest version of every campaign, archived ones too. */
    public List<CampaignVersion> latestVersions() {
        return new Runs(app.store()).latestVersions();
    }

    /** The latest version of each campaign that is archived ({@code archived} true) or not: what a list of campaigns shows. */
    public List<CampaignVersion> latestVersions(boolean archived) {
        Runs runs = new Runs(app.store());
        Set<String> inArchive = runs.archived();
        return runs.latestVersions().stream().filter(v -> inArchive.contains(v.campaign()) == archived).toList();
    }

    /**
     * Archives a campaign: its versions, runs and reports stay, but it is not listed by default, its
     * schedule starts no run, and no run of it starts until it is restored. Runs under way go on.
     */
    public void archive(String campaign) {
        latest(campaign);
        if (!new Runs(app.store()).archive(campaign)) {
            throw UserError.conflict("campaign " + campaign + " is archived already", null);
        }
    }

    /** Takes a campaign out of the archive. */
    public void restore(String campaign) {
        latest(campaign);
        if (!new Runs(app.store()).restore(campaign)) {
            throw UserError.conflict("campaign " + campaign + " is not archived", null);
        }
    }

    /** The ids of the archived campaigns. */
    public Set<String> archived() {
        return new Runs(app.store()).archived();
    }

    /** Refuses to start a run of an archived campaign. */
    public void mayStart(String campaign) {
        if (new Runs(app.store()).archived().contains(campaign)) {
            throw UserError.conflict("campaign " + campaign + " is archived: it runs again once restored", new Action.RestoreCampaign(campaign));
        }
    }

    /** The latest published version of {@code campaign}, or a not-found error naming it. */
    public CampaignVersion latest(String campaign) {
        return find(campaign).orElseThrow(() -> UserError.notFound("no published campaign " + Echo.quoted(campaign), null));
    }

    /** The latest published version of {@code campaign}, if it was ever published. */
    public java.util.Optional<CampaignVersion> find(String campaign) {
        return new Runs(app.store()).latest(campaign);
    }

    /** The plan of a published version, checked against today's schema once per process. */
    public Plan plan(String campaign, int version) {
        CampaignVersion v = version(campaign, version);
        return app.plans().computeIfAbsent(key(v), k -> check(v.source(), campaign + " v" + version));
    }

    /** The graph of a published version, without checking its expressions. */
    public CampaignGraph graph(String campaign, int version) {
        Plan known = app.plans().get(key(version(campaign, version)));
        return known != null ? CampaignGraph.of(known) : CampaignCheck.graph(version(campaign, version).source(), campaign + " v" + version);
    }

    private static String key(CampaignVersion v) {
        return v.campaign() + " v" + v.version() + " " + v.digest();
    }

    private static SavedAudience saved(Audience a) {
        return new SavedAudience(a.dimension(), a.kind() == Audience.Kind.EXPRESSION ? a.expression() : null);
    }
}
