package dev.herald.campaign.activity;

import dev.herald.campaign.ActivityConfig;
import dev.herald.campaign.Checks;
import dev.herald.campaign.Population;
import dev.herald.campaign.Schedule;
import dev.herald.campaign.config.Options;
import dev.herald.campaign.config.Spec;
import java.util.List;
import java.util.Map;

/**
 * {@code scheduler}: holds the path until the schedule's next moment after the activity starts;
 * when the validity period holds no more moments, the path stops. (Which runs a campaign starts, and when,
 * is the campaign's own {@code schedule}.)
 */
public record Scheduler(Schedule schedule) implements ActivityConfig {

    public static final Spec SPEC = Schedule.SPEC;

    static Scheduler read(Options o, java.util.function.BiConsumer<String, String> problem) {
        return new Scheduler(Schedule.read(o, problem));
    }

    @Override
    public List<String> outputs() {
        return List.of(Outputs.OUT);
    }

    @Override
    public Map<String, Population> check(Checks c) {
        return Outputs.all(outputs(), c.inputs().isEmpty() ? Population.none() : c.inputs().get(0));
    }
}
