package dev.herald.campaign;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A campaign definition as written: a graph of activities joined by transitions, on a targeting
 * dimension, with variables and their defaults, an optional schedule (when runs start), an error
 * policy, and the supervisors alerts go to. {@link dev.herald.campaign.plan.CampaignCheck} turns it into a
 * {@link dev.herald.campaign.plan.Plan}.
 */
public record Campaign(String id, String name, String description, String dimension, Map<String, Object> variables,
                       Schedule schedule, ErrorPolicy onError, List<String> supervisors, List<Activity> activities) {

    public Campaign {
        variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
        supervisors = List.copyOf(supervisors);
        activities = List.copyOf(activities);
    }

    public Optional<Activity> activity(String activityId) {
        return activities.stream().filter(a -> a.id().equals(activityId)).findFirst();
    }
}
