package dev.herald.campaign.activity;

import dev.herald.campaign.ActivityConfig;
import dev.herald.campaign.Checks;
import dev.herald.campaign.Population;
import dev.herald.campaign.config.Options;
import dev.herald.campaign.config.Spec;
import java.util.List;
import java.util.Map;

/** {@code end}: the path ends here; it marks where a branch is meant to stop. */
public record End() implements ActivityConfig {

    public static final Spec SPEC = Spec.of("Ends a path.");

    static End read(Options o) {
        return new End();
    }

    @Override
    public List<String> outputs() {
        return List.of();
    }

    @Override
    public Map<String, Population> check(Checks c) {
        return Map.of();
    }
}
