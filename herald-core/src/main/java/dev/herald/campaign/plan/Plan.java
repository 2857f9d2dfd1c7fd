package dev.herald.campaign.plan;

import dev.herald.campaign.Activity;
import dev.herald.campaign.Campaign;
import dev.herald.campaign.Population;
import dev.herald.campaign.activity.ActivityType;
import dev.herald.campaign.activity.ActivityTypes;
import dev.herald.schema.Entity;
import dev.herald.schema.Schema;
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

    public Activity activity(String activityId) {
        return campaign.activity(activityId).orElseThrow(() -> new IllegalArgumentException(
                "campaign " + campaign.id() + " has no activity '" + activityId + "'"));
    }

    public static ActivityType<?> type(Activity a) {
        return ActivityTypes.find(a.type()).orElseThrow();
    }
}
