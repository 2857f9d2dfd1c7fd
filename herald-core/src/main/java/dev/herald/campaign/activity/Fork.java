package dev.herald.campaign.activity;

import dev.herald.campaign.ActivityConfig;
import dev.herald.campaign.Checks;
import dev.herald.campaign.Population;
import dev.herald.campaign.config.Options;
import dev.herald.campaign.config.Prop;
import dev.herald.campaign.config.Spec;
import dev.herald.text.Echo;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/** {@code fork}: the same population on several branches at once. */
public record Fork(List<String> branches) implements ActivityConfig {

    public static final Spec SPEC = Spec.of("Sends the same population down several branches.",
            Prop.required("branches", Prop.Kind.TEXTS, "the names of the outbound transitions, e.g. [email, sms]"));

    static Fork read(Options o) {
        return new Fork(o.texts("branches"));
    }

    @Override
    public List<String> outputs() {
        return branches;
    }

    @Override
    public Map<String, Population> check(Checks c) {
        if (branches.size() < 2) {
            c.problem(c.path() + ".branches", "a fork needs at least two branches");
        }
        var seen = new HashSet<String>();
        for (int i = 0; i < branches.size(); i++) {
            if (Outputs.name(c, branches.get(i), c.path() + ".branches[" + i + "]") && !seen.add(branches.get(i))) {
                c.problem(c.path() + ".branches[" + i + "]", Echo.quoted(branches.get(i)) + " is named twice");
            }
        }
        return Outputs.all(outputs(), c.inputs().isEmpty() ? Population.none() : c.inputs().get(0));
    }
}
