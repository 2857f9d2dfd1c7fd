package dev.herald.campaign.plan;

import dev.herald.campaign.Activity;
import dev.herald.campaign.Campaign;
import dev.herald.campaign.Population;
import dev.herald.campaign.activity.ActivityType;
import dev.herald.campaign.activity.ActivityTypes;
import dev.herald.error.UserError;
import dev.herald.schema.DidYouMean;
import dev.herald.schema.Entity;
import dev.herald.schema.Schema;
import dev.herald.text.Echo;
import java.util.List;
import java.util.Map;

/**
 * A campaign that checked: its activities in an order where every activity comes after those it
 * starts from, the schema it was checked against, each activity's inbound transitions (as {@code id.output}), the population each
 * transition carries, and what validation made of its expressions and templates — so that a run
 * uses them as they are and checks nothing again.
 */
public record Plan(Campaign campaign, Schema schema, Entity dimension, List<Activity> order, Map<String, List<String>> inbound,
                   Map<String, Population> populations, CheckedExpressions expressions, ParsedTemplates templates) {

    public List<String> inbound(String activityId) {
        return inbound.getOrDefault(activityId, List.of());
    }

    /** The populations arriving at an activity, in the order of its {@code from}. */
    public List<Population> inputs(String activityId) {
        return inbound(activityId).stream().map(populations::get).toList();
    }

    public Population population(String transition) {
        return populations.get(transition);
    }

    /** An activity by its id; an unknown id is refused with the closest one. */
    public Activity activity(String activityId) {
        return campaign.activity(activityId).orElseThrow(() -> UserError.invalid(
                "campaign " + campaign.id() + " has no activity " + Echo.quoted(activityId) + DidYouMean.hint(activityId, ids())
                        + " (activities: " + String.join(", ", ids()) + ")"));
    }

    /**
     * The transition a person names: {@code id.output}, or an activity's id alone for its only
     * output; a name that leads nowhere is refused with what would.
     */
    public String transition(String name) {
        int dot = name.indexOf('.');
        Activity a = activity(dot < 0 ? name : name.substring(0, dot));
        List<String> outputs = a.config().outputs();
        if (dot < 0) {
            if (outputs.size() == 1) {
                return a.transition(outputs.get(0));
            }
            throw UserError.invalid(outputs.isEmpty() ? "'" + a.id() + "' ends its path; nothing leaves it"
                    : "'" + a.id() + "' has several outputs; name one: "
                    + String.join(", ", outputs.stream().map(a::transition).toList()));
        }
        String output = name.substring(dot + 1);
        if (!outputs.contains(output)) {
            throw UserError.invalid("'" + a.id() + "' has no output " + Echo.quoted(output) + DidYouMean.hint(output, outputs)
                    + (outputs.isEmpty() ? " (it has none)" : " (outputs: " + String.join(", ", outputs) + ")"));
        }
        return name;
    }

    private List<String> ids() {
        return order.stream().map(Activity::id).toList();
    }

    public static ActivityType<?> type(Activity a) {
        return ActivityTypes.find(a.type()).orElseThrow();
    }
}
