package dev.herald.server.api;

import dev.herald.app.Application;
import dev.herald.app.audience.AudienceService;
import dev.herald.app.campaign.CampaignService;
import dev.herald.security.Role.Permission;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Campaigns and audiences over the API: validate a campaign, count, list and save audiences. */
final class CampaignsApi {

    record Document(String document, String source) {
    }

    record Target(String expression, String dimension, Map<String, Object> variables) {
    }

    record SaveAudience(String name, String expression, String dimension, Map<String, Object> variables, boolean frozen) {
    }

    private final Application app;

    CampaignsApi(Application app) {
        this.app = app;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.post("/campaigns/validate", Permission.READ, "Check a campaign: every problem with its path, or its activities", 200,
                        "{document: the campaign's YAML, source: a name for messages (default api)}", this::validate),
                ApiRoute.post("/audiences/count", Permission.READ, "How many records an expression selects now", 200,
                        "{expression: CEL, dimension: an entity (default the schema's), variables: {}}", call -> {
                            Target t = call.body(Target.class);
                            return Map.of("count", app.audiences().count(query(t.expression(), t.dimension(), t.variables())));
                        }),
                ApiRoute.get("/audiences", Permission.READ, "The saved audiences", call -> app.audiences().list()),
                ApiRoute.post("/audiences", Permission.EDIT, "Save a named audience (a new version when it exists)", 201,
                        "{name, expression, dimension, variables: {}, frozen: false (true freezes today's population)}", call -> {
                            SaveAudience s = call.body(SaveAudience.class);
                            var saved = app.audiences().save(s.name(), query(s.expression(), s.dimension(), s.variables()), s.frozen());
                            call.did("saved audience " + saved.name() + " version " + saved.version());
                            return saved;
                        }));
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
