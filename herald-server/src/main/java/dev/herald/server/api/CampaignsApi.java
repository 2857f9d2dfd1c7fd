package dev.herald.server.api;

import dev.herald.app.Application;
import dev.herald.app.audience.AudienceService;
import dev.herald.app.campaign.CampaignService;
import dev.herald.campaign.run.CampaignVersion;
import dev.herald.error.Problem;
import dev.herald.security.Role.Permission;
import java.time.Instant;
import dev.herald.campaign.Schedule;
import java.util.List;
import java.util.Map;

/** Campaigns and audiences over the API: validate a campaign, count, list and save audiences. */
final class CampaignsApi {

    record Document(String document, String source) {
    }

    record Copy(String id, String name) {
    }

    record Target(String expression, String dimension, Map<String, Object> variables) {
    }

    record SaveAudience(String name, String expression, String dimension, Map<String, Object> variables, boolean frozen) {
    }

    /** A published version as the API shows it; {@code document} only where asked for. */
    record Version(String campaign, int version, String name, String digest, Instant publishedAt, String document) {
        static Version of(CampaignVersion v, boolean withDocument) {
            return new Version(v.campaign(), v.version(), v.name(), v.digest(), v.publishedAt(), withDocument ? v.source() : null);
        }
    }

    /** A campaign in the list: its latest version, and when its schedule (if any) starts its next run. */
    record Listed(String campaign, int version, String name, String digest, Instant publishedAt, boolean archived, String schedule,
                  Instant nextRunAt) {
    }

    private final Application app;

    CampaignsApi(Application app) {
        this.app = app;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.post("/campaigns/validate", Permission.READ, "Check a campaign: every problem with its path, or its activities", 200,
                        "{document: the campaign's YAML, source: a name for messages (default api)}", this::validate),
                ApiRoute.get("/campaigns", Permission.READ, "The published campaigns, each with its latest version and when its schedule runs it next",
                        this::list, "archived: true lists the archived campaigns instead (default false)",
                        "q: only campaigns whose id or name contains this text, in any case",
                        "scheduled: true lists only campaigns with a schedule, false only those without",
                        "limit: campaigns per page, 1 to 500 (default 100)", "cursor: the next_cursor of the previous page"),
                ApiRoute.get("/campaigns/{campaign}/report", Permission.READ, "Every live delivery of a campaign together, of every run "
                        + "and version: messages, bounces, complaints, opens, clicks, unsubscribes, the rates, each delivery's share",
                        call -> app.deliveries().campaignReport(call.path("campaign"))),
                ApiRoute.get("/campaigns/{campaign}/report/hourly", Permission.READ, "A campaign's live deliveries hour by hour (UTC)",
                        call -> Reports.hourly(call, call.path("campaign"), app.deliveries().campaignHours(call.path("campaign"))),
                        Reports.FORMAT),
                ApiRoute.post("/campaigns/{campaign}/archive", Permission.EDIT,
                        "Archive a campaign: kept with its versions and runs, but not listed, scheduled or started until restored", 200, null,
                        call -> {
                            app.campaigns().archive(call.path("campaign"));
                            call.did("archived campaign " + call.path("campaign"));
                            return listed(app.campaigns().latest(call.path("campaign")), true);
                        }),
                ApiRoute.post("/campaigns/{campaign}/duplicate", Permission.EDIT,
                        "Publish a copy of a campaign's latest version as a new campaign (its id and name changed, nothing else; "
                                + "a copy with a schedule is archived until restored)", 201,
                        "{id: the copy's id, name: its name (default the original's)}", call -> {
                            Copy c = call.body(Copy.class);
                            if (c.id() == null || c.id().isBlank()) {
                                throw ApiProblem.badRequest("id", "the copy needs an id of its own");
                            }
                            CampaignService.Published p = app.campaigns().duplicate(call.path("campaign"), c.id(), c.name());
                            call.did("copied " + call.path("campaign") + " as " + p.version().campaign());
                            return listed(p.version(), app.campaigns().archived().contains(p.version().campaign()));
                        }),
                ApiRoute.post("/campaigns/{campaign}/restore", Permission.EDIT, "Take a campaign out of the archive: its schedule runs it again",
                        200, null, call -> {
                            app.campaigns().restore(call.path("campaign"));
                            call.did("restored campaign " + call.path("campaign"));
                            return listed(app.campaigns().latest(call.path("campaign")), false);
                        }),
                ApiRoute.get("/campaigns/{campaign}/versions", Permission.READ, "A campaign's published versions, the newest first, each with its YAML",
                        call -> {
                            List<Version> versions = app.campaigns().versions(call.path("campaign")).stream().map(v -> Version.of(v, true)).toList();
                            if (versions.isEmpty()) {
                                throw new ApiProblem(404, "not-found", "no such campaign", List.of(new Problem("campaign",
                                        "no published campaign '" + call.path("campaign") + "'; POST /api/v1/campaigns publishes one")));
                            }
                            Long before = call.cursor();
                            return Page.after(versions, before == null ? null : before.intValue(), call.whole("limit", 20, 1, 100),
                                    Version::version, java.util.Comparator.<Integer>reverseOrder());
                        }, "limit: versions per page, 1 to 100 (default 20)", "cursor: the next_cursor of the previous page"),
                ApiRoute.post("/campaigns", Permission.EDIT, "Check and publish a campaign: a new version when its YAML changed (201), else the latest (200)",
                        201, "{document: the campaign's YAML, source: a name for messages (default api)}", call -> {
                            Document d = call.body(Document.class);
                            if (d.document() == null) {
                                throw ApiProblem.badRequest("document", "send the campaign's YAML as document");
                            }
                            CampaignService.Published p = app.campaigns().publish(d.document(), d.source() == null ? "api" : d.source());
                            if (p.created()) {
                                call.did("published " + p.version().campaign() + " version " + p.version().version());
                            } else {
                                call.answer(200);
                            }
                            return Version.of(p.version(), false);
                        }),
                ApiRoute.post("/audiences/count", Permission.READ, "How many records an expression selects now", 200,
                        "{expression: CEL, dimension: an entity (default the schema's), variables: {}}", call -> {
                            Target t = call.body(Target.class);
                            return Map.of("count", app.audiences().count(query(t.expression(), t.dimension(), t.variables())));
                        }),
                ApiRoute.get("/audiences", Permission.READ, "The saved audiences, by name", call -> {
                    String q = call.ctx.queryParam("q");
                    String text = q == null || q.isBlank() ? null : q.strip().toLowerCase(java.util.Locale.ROOT);
                    var kept = app.audiences().list().stream().filter(a -> text == null || a.name().toLowerCase(java.util.Locale.ROOT).contains(text)).toList();
                    return Page.after(kept, call.ctx.queryParam("cursor"), call.whole("limit", 100, 1, 500), a -> a.name(),
                            java.util.Comparator.<String>naturalOrder());
                }, "q: only audiences whose name contains this text, in any case", "limit: audiences per page, 1 to 500 (default 100)",
                        "cursor: the next_cursor of the previous page"),
                ApiRoute.post("/audiences", Permission.EDIT, "Save a named audience (a new version when it exists)", 201,
                        "{name, expression, dimension, variables: {}, frozen: false (true freezes today's population)}", call -> {
                            SaveAudience s = call.body(SaveAudience.class);
                            var saved = app.audiences().save(s.name(), query(s.expression(), s.dimension(), s.variables()), s.frozen());
                            call.did("saved audience " + saved.name() + " version " + saved.version());
                            return saved;
                        }));
    }

    /** The published campaigns by id, filtered, a page at a time. */
    private Page<Listed> list(ApiCall call) {
        boolean archived = call.flag("archived", false);
        String q = call.ctx.queryParam("q");
        String text = q == null || q.isBlank() ? null : q.strip().toLowerCase(java.util.Locale.ROOT);
        String scheduledText = call.ctx.queryParam("scheduled");
        Boolean scheduled = scheduledText == null || scheduledText.isEmpty() ? null : call.flag("scheduled", false);
        int limit = call.whole("limit", 100, 1, 500);
        List<CampaignVersion> kept = app.campaigns().latestVersions(archived).stream()
                .filter(v -> text == null || v.campaign().toLowerCase(java.util.Locale.ROOT).contains(text)
                        || (v.name() != null && v.name().toLowerCase(java.util.Locale.ROOT).contains(text)))
                .filter(v -> scheduled == null || app.schedules().schedule(v).isPresent() == scheduled).toList();
        Page<CampaignVersion> page = Page.after(kept, call.ctx.queryParam("cursor"), limit, CampaignVersion::campaign,
                java.util.Comparator.naturalOrder());
        return new Page<>(page.items().stream().map(v -> listed(v, archived)).toList(), page.nextCursor());
    }

    private Listed listed(CampaignVersion v, boolean archived) {
        String schedule = app.schedules().schedule(v).map(Schedule::describe).orElse(null);
        return new Listed(v.campaign(), v.version(), v.name(), v.digest(), v.publishedAt(), archived, schedule,
                app.schedules().next(v).orElse(null));
    }

    private Map<String, Object> validate(ApiCall call) {
        Document d = call.body(Document.class);
        if (d.document() == null) {
            throw ApiProblem.badRequest("document", "send the campaign's YAML as document");
        }
        CampaignService.Validation v = app.campaigns().validate(d.document(), d.source() == null ? "api" : d.source());
        return Map.of("valid", true, "campaign", v.plan().campaign().id(), "activities", v.plan().campaign().activities().size(),
                "audiences_checked", v.audiencesChecked());
    }

    private static AudienceService.Query query(String expression, String dimension, Map<String, Object> variables) {
        if (expression == null || expression.isBlank()) {
            throw ApiProblem.badRequest("expression", "an audience is an expression, e.g. profile.country == \"FR\"");
        }
        return new AudienceService.Query(expression, dimension, variables == null ? Map.of() : variables, (Instant) null);
    }
}
