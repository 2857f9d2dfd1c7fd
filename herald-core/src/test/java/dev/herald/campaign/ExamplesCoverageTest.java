package dev.herald.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.herald.campaign.activity.ActivityType;
import dev.herald.campaign.activity.ActivityTypes;
import dev.herald.campaign.config.Prop;
import dev.herald.campaign.config.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The example campaigns, together, use every activity type and every option (nested ones included). */
class ExamplesCoverageTest {

    @Test
    void the_example_campaigns_use_every_activity_and_every_option() throws IOException {
        Map<String, Set<String>> used = new HashMap<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (Stream<Path> files = Files.list(Path.of("../examples/retail/campaigns"))) {
            for (Path file : files.toList()) {
                for (JsonNode activity : yaml.readTree(file.toFile()).get("activities")) {
                    ActivityType<?> type = ActivityTypes.find(activity.get("type").asText()).orElseThrow();
                    collect(activity, type.spec(), "", used.computeIfAbsent(type.id(), k -> new TreeSet<>()));
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (ActivityType<?> type : ActivityTypes.all().values()) {
            if (!used.containsKey(type.id())) {
                missing.add(type.id());
                continue;
            }
            options(type.spec(), "").stream().filter(o -> !used.get(type.id()).contains(o)).forEach(o -> missing.add(type.id() + "." + o));
        }
        assertThat(missing).as("activities and options no example campaign uses").isEmpty();
    }

    private static void collect(JsonNode node, Spec spec, String prefix, Set<String> used) {
        for (Prop p : spec.props()) {
            JsonNode v = node.get(p.name());
            if (v == null) {
                continue;
            }
            used.add(prefix + p.name());
            if (p.nested() == null) {
                continue;
            }
            String inner = prefix + p.name() + ".";
            switch (p.kind()) {
                case OBJECTS -> v.forEach(item -> collect(item, p.nested(), inner, used));
                case NAMED -> v.forEach(item -> collect(item, p.nested(), inner, used));
                default -> {
                    if (v.isObject()) {
                        collect(v, p.nested(), inner, used);
                    }
                }
            }
        }
    }

    private static List<String> options(Spec spec, String prefix) {
        List<String> all = new ArrayList<>();
        for (Prop p : spec.props()) {
            all.add(prefix + p.name());
            if (p.nested() != null) {
                all.addAll(options(p.nested(), prefix + p.name() + "."));
            }
        }
        return all;
    }
}
