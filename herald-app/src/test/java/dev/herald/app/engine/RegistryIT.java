package dev.herald.app.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.campaign.activity.ActivityType;
import dev.herald.campaign.activity.ActivityTypes;
import dev.herald.campaign.run.Orchestrator;
import dev.herald.channel.ChannelTypes;
import dev.herald.store.Store;
import dev.herald.workspace.StoreLocation;
import java.nio.file.Path;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every activity type is run by something: its SQL, its worker, or the orchestrator's decision; every kind of message has a channel. */
class RegistryIT {

    @Test
    void every_set_and_channel_type_has_an_executor_and_every_control_type_is_decided_by_the_orchestrator(@TempDir Path dir) {
        try (Store store = Store.open(StoreLocation.duckdb(dir.resolve("registry.duckdb")))) {
            Registry registry = Registry.standard(store, dev.herald.compliance.ComplianceRules.NONE,
                    new dev.herald.delivery.SignedLinks("http://localhost:8080", store.secrets("links")));
            TreeSet<String> set = new TreeSet<>();
            TreeSet<String> channel = new TreeSet<>();
            for (ActivityType<?> type : ActivityTypes.all().values()) {
                switch (type.where()) {
                    case SET -> set.add(type.id());
                    case CHANNEL -> channel.add(type.id());
                    case CONTROL -> assertThat(Orchestrator.decides(type)).as(type.id()).isTrue();
                }
            }
            assertThat(new TreeSet<>(registry.setTypes())).isEqualTo(set).isNotEmpty();
            assertThat(new TreeSet<>(registry.channelTypes())).isEqualTo(channel).contains("email", "alert");
            ChannelTypes.all().values().forEach(t -> assertThat(registry.channelFor(t)).as(t.id()).isNotNull());
            for (ActivityType<?> type : ActivityTypes.all().values()) {
                if (type.where() != ActivityType.Where.CONTROL) {
                    assertThat(Orchestrator.decides(type)).as(type.id() + " is not decided by the orchestrator").isFalse();
                }
            }
        }
    }
}
