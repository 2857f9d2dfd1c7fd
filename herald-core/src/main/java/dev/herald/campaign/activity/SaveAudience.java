package dev.herald.campaign.activity;

import dev.herald.campaign.ActivityConfig;
import dev.herald.campaign.Checks;
import dev.herald.campaign.Names;
import dev.herald.campaign.Population;
import dev.herald.campaign.config.Options;
import dev.herald.campaign.config.Prop;
import dev.herald.campaign.config.Spec;
import java.util.List;
import java.util.Map;

/**
 * {@code save-audience}: saves the population as a static audience, replacing its whole list (a
 * new version each run). A test run does not save. The population passes through.
 */
public record SaveAudience(String name) implements ActivityConfig {

    public static final Spec SPEC = Spec.of("Saves the population as a static audience, replacing it.",
            Prop.required("name", Prop.Kind.TEXT, "the audience's name"));

    static SaveAudience read(Options o) {
        return new SaveAudience(o.text("name"));
    }

    @Override
    public List<String> outputs() {
        return List.of(Outputs.OUT);
    }

    @Override
    public Map<String, Population> check(Checks c) {
        Population p = Outputs.rows(c, false);
        if (name != null && !Names.valid(name)) {
            c.problem(c.path() + ".name", Names.problem("audience name", name));
        }
        return Outputs.all(outputs(), p);
    }
}
