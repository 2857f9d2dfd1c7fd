package dev.herald.campaign.plan;

import dev.herald.campaign.Activity;
import dev.herald.campaign.Campaign;
import java.util.List;
import java.util.Map;

/**
 * A campaign's graph alone: its activities in run order and each one's inbound transitions —
 * what a run's status is drawn on, known without checking any expression.
 */
public record CampaignGraph(Campaign campaign, List<Activity> order, Map<String, List<String>> inbound) {

    public List<String> inbound(String activityId) {
        return inbound.getOrDefault(activityId, List.of());
    }

    /** The graph of a plan. */
    public static CampaignGraph of(Plan plan) {
        return new CampaignGraph(plan.campaign(), plan.order(), plan.inbound());
    }
}
