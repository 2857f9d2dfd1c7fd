package dev.herald.campaign.activity;

import dev.herald.campaign.ActivityConfig;
import dev.herald.campaign.Checks;
import dev.herald.campaign.Population;
import dev.herald.campaign.config.Options;
import dev.herald.campaign.config.Prop;
import dev.herald.campaign.config.Spec;
import dev.herald.expr.CheckedExpression;
import dev.herald.expr.Constants;
import dev.herald.expr.ExprType;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code wait}: holds the population for a duration, or until a moment computed from {@code now}
 * and {@code vars}. The timer is a row in the store: a restarted process keeps it. A test run does
 * not wait.
 */
public record Wait(Duration duration, String until) implements ActivityConfig {

    public static final Spec SPEC = Spec.of("Holds the population for a while.",
            Prop.of("duration", Prop.Kind.DURATION, "how long, e.g. 2d, 12h, 1h30m"),
            Prop.of("until", Prop.Kind.VALUE, "or until this moment, e.g. timestamp(vars.launch) or now + duration(\"24h\")"));

    static Wait read(Options o) {
        return new Wait(o.duration("duration"), o.text("until"));
    }

    @Override
    public List<String> outputs() {
        return List.of(Outputs.OUT);
    }

    @Override
    public Map<String, Population> check(Checks c) {
        if ((duration == null) == (until == null)) {
            c.problem(c.path(), "give either 'duration' or 'until'");
        }
        if (until != null) {
            CheckedExpression e = c.onEntity(until, c.campaignDimension(), false, c.path() + ".until");
            if (e != null && (e.root().type() != ExprType.TIMESTAMP && e.root().type() != ExprType.DYN || !Constants.isConstant(e.root()))) {
                c.problem(c.path() + ".until", "must be a moment computed from now and vars, e.g. now + duration(\"24h\")");
            }
        }
        return Outputs.all(outputs(), c.inputs().isEmpty() ? Population.none() : c.inputs().get(0));
    }
}
