package dev.herald.campaign.activity;

import dev.herald.campaign.ActivityConfig;
import dev.herald.campaign.Checks;
import dev.herald.campaign.Population;
import dev.herald.campaign.config.Options;
import dev.herald.campaign.config.Prop;
import dev.herald.campaign.config.Spec;
import dev.herald.schema.DidYouMean;
import dev.herald.text.Echo;
import java.util.List;
import java.util.Map;

/**
 * {@code and-join}: waits until every inbound transition is done, then passes on the primary
 * one's population. When the primary path stopped, so does the join's.
 */
public record AndJoin(String primary) implements ActivityConfig {

    public static final Spec SPEC = Spec.of("Waits for every inbound transition, then passes on the primary one's population.",
            Prop.of("primary", Prop.Kind.TEXT, "the inbound transition whose population goes on; default: the first in 'from'"));

    static AndJoin read(Options o) {
        return new AndJoin(o.text("primary"));
    }

    @Override
    public List<String> outputs() {
        return List.of(Outputs.OUT);
    }

    /** The position of the primary transition among the inbound ones (as {@code id.output}). */
    public int primaryIndex(List<String> inbound) {
        return Math.max(0, Outputs.indexOf(inbound, primary));
    }

    @Override
    public Map<String, Population> check(Checks c) {
        if (c.inputs().size() < 2) {
            c.problem(c.path() + ".from", "an and-join waits for two or more inbound transitions");
        }
        if (primary != null && Outputs.indexOf(c.inputNames(), primary) < 0) {
            c.problem(c.path() + ".primary", Echo.quoted(primary) + " is not an inbound transition of this activity"
                    + DidYouMean.hint(primary, c.inputNames()) + " (from: " + String.join(", ", c.inputNames()) + ")");
        }
        return Outputs.all(outputs(), c.inputs().isEmpty() ? Population.none() : c.inputs().get(primaryIndex(c.inputNames())));
    }
}
