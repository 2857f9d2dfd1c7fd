package dev.herald.campaign.activity;

import dev.herald.campaign.ActivityConfig;
import dev.herald.campaign.Checks;
import dev.herald.campaign.Population;
import dev.herald.campaign.config.Options;
import dev.herald.campaign.config.Prop;
import dev.herald.campaign.config.Spec;
import java.util.List;
import java.util.Map;

/**
 * {@code alert}: a message to the run log and to the supervisors (to the outbox until the email
 * channel lands). {@code {count}}, {@code {campaign}}, {@code {run}} and {@code {activity}} in the
 * message are replaced. The population passes through.
 */
public record Alert(String message, String level, List<String> to) implements ActivityConfig {

    public static final Spec SPEC = Spec.of("Writes a message to the run log and sends it to supervisors.",
            Prop.required("message", Prop.Kind.TEXT, "the message; {count}, {campaign}, {run} and {activity} are replaced"),
            Prop.choice("level", "info, warning or error", "warning", "info", "warning", "error"),
            Prop.of("to", Prop.Kind.TEXTS, "who gets it; default: the campaign's supervisors"));

    static Alert read(Options o) {
        return new Alert(o.text("message"), o.text("level"), o.texts("to"));
    }

    @Override
    public List<String> outputs() {
        return List.of(Outputs.OUT);
    }

    /** The recipients: {@code to}, else the campaign's supervisors. */
    public List<String> recipients(List<String> supervisors) {
        return to.isEmpty() ? supervisors : to;
    }

    @Override
    public Map<String, Population> check(Checks c) {
        return Outputs.all(outputs(), c.inputs().isEmpty() ? Population.none() : c.inputs().get(0));
    }
}
