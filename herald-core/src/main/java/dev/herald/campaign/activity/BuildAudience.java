package dev.herald.campaign.activity;

import dev.herald.campaign.ActivityConfig;
import dev.herald.campaign.Checks;
import dev.herald.campaign.Population;
import dev.herald.campaign.config.Options;
import dev.herald.campaign.config.Prop;
import dev.herald.campaign.config.Spec;
import dev.herald.schema.Entity;
import dev.herald.text.Echo;
import java.util.List;
import java.util.Map;

/**
 * {@code build-audience}: the records of a dimension that match an expression, or the members of
 * a saved audience. It starts a path; an inbound transition (from a scheduler, a wait or a test)
 * only triggers it.
 */
public record BuildAudience(String expression, String audience, String dimension) implements ActivityConfig {

    public static final Spec SPEC = Spec.of("The records of a dimension matching an expression, or a saved audience.",
            Prop.of("expression", Prop.Kind.CONDITION, "the condition records must meet, e.g. profile.country == \"FR\""),
            Prop.of("audience", Prop.Kind.TEXT, "the name of a saved audience, instead of an expression"),
            Prop.of("dimension", Prop.Kind.TEXT, "the entity to target; default: the campaign's dimension"));

    static BuildAudience read(Options o) {
        return new BuildAudience(o.text("expression"), o.text("audience"), o.text("dimension"));
    }

    @Override
    public List<String> outputs() {
        return List.of(Outputs.OUT);
    }

    @Override
    public Map<String, Population> check(Checks c) {
        Entity entity = dimension == null ? c.campaignDimension() : c.entity(dimension, c.path() + ".dimension");
        if ((expression == null) == (audience == null)) {
            c.problem(c.path(), "give either 'expression' or 'audience' (a saved audience's name), not " + (expression == null ? "neither" : "both"));
        }
        if (entity == null) {
            return Outputs.all(outputs(), Population.none());
        }
        Population p = Population.of(entity);
        if (expression != null) {
            c.onEntity(expression, entity, true, c.path() + ".expression");
        }
        if (audience != null) {
            var saved = c.savedAudience(audience);
            if (saved != null && saved.isEmpty()) {
                c.problem(c.path() + ".audience", "no saved audience " + Echo.quoted(audience) + " (save one with herald audience save NAME 'EXPR')");
            } else if (saved != null && !saved.get().dimension().equals(entity.name())) {
                c.problem(c.path() + ".audience", "the audience " + Echo.quoted(audience) + " targets " + saved.get().dimension() + ", not "
                        + entity.name() + "; set dimension: " + saved.get().dimension());
            } else if (saved != null && saved.get().expression() != null) {
                // checked now, so that a run takes it checked — and an audience that no longer fits the schema says so here
                c.onEntity(saved.get().expression(), entity, true, c.path() + ".audience");
            }
        }
        return Outputs.all(outputs(), p);
    }
}
