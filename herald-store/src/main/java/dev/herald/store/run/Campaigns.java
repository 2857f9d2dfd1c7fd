package dev.herald.store.run;

import dev.herald.campaign.run.CampaignVersion;
import dev.herald.campaign.CampaignCheck;
import dev.herald.campaign.Plan;
import dev.herald.expr.ExpressionChecker;
import dev.herald.schema.Schema;
import dev.herald.store.Store;
import dev.herald.store.audience.Audience;
import dev.herald.store.audience.Audiences;
import java.time.Instant;
import java.util.Map;

/** Campaign documents against the store: checked with its saved audiences, published as versions. */
public final class Campaigns {

    private final Store store;
    private final Schema schema;
    private final ExpressionChecker checker;

    public Campaigns(Store store, Schema schema, ExpressionChecker checker) {
        this.store = store;
        this.schema = schema;
        this.checker = checker;
    }

    /** Checks a document; throws {@link dev.herald.campaign.InvalidCampaignException} with every problem. */
    public Plan check(String text, String source) {
        Audiences audiences = new Audiences(store, schema, Map.of(), store.clock().instant());
        return new CampaignCheck(schema, checker, name -> audiences.find(name).map(Audience::dimension)).check(text, source);
    }

    /** Publishes a checked document: a new version when its text changed. */
    public CampaignVersion publish(Plan plan, String source) {
        return new Runs(store).publish(plan.campaign().id(), plan.campaign().name(), source);
    }

    /** The plan of a published version, checked against today's schema. */
    public Plan plan(String campaign, int version) {
        CampaignVersion v = new Runs(store).version(campaign, version).orElseThrow(() -> new IllegalArgumentException(
                "no version " + version + " of campaign " + campaign));
        return check(v.source(), campaign + " v" + version);
    }
}
