package dev.herald.campaign;

import dev.herald.campaign.plan.CampaignCheck;
import dev.herald.campaign.plan.InvalidCampaignException;
import dev.herald.campaign.plan.Plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.herald.expr.ExpressionChecker;
import dev.herald.schema.Schema;
import dev.herald.schema.SchemaParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code campaigns/valid/NAME.yaml} (or {@code .json}) and example campaign checks against the retail schema;
 * every {@code campaigns/invalid/NAME.yaml} is refused with exactly the text of the sibling
 * {@code NAME.errors.txt}. To add a case, drop the files in the folder.
 */
class CampaignFixturesTest {

    static final Schema SCHEMA = SchemaParser.parse(Path.of("../examples/retail/schema.yaml"));
    /** The example workspace's compliance rules: its topics. */
    static final dev.herald.compliance.ComplianceRules RULES = dev.herald.workspace.HeraldConfig.read(Path.of("../examples/retail/herald.yaml"))
            .compliance();

    static Stream<Named<Path>> valid() throws IOException, URISyntaxException {
        List<Path> files = new ArrayList<>(yaml(Path.of(CampaignFixturesTest.class.getResource("/campaigns/valid").toURI())));
        files.addAll(yaml(Path.of("../examples/retail/campaigns")));
        return files.stream().map(f -> Named.of(f.getFileName().toString(), f));
    }

    static Stream<Named<Path>> invalid() throws IOException, URISyntaxException {
        return yaml(Path.of(CampaignFixturesTest.class.getResource("/campaigns/invalid").toURI())).stream()
                .map(f -> Named.of(f.getFileName().toString(), f));
    }

    private static List<Path> yaml(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().matches(".*\\.(yaml|json)")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void a_valid_campaign_checks_and_every_transition_has_a_population(Path file) throws IOException {
        Plan plan = check(file);
        assertThat(plan.order()).hasSameSizeAs(plan.campaign().activities());
        for (Activity a : plan.order()) {
            for (String output : a.config().outputs()) {
                assertThat(plan.population(a.transition(output))).as(a.transition(output)).isNotNull();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void an_invalid_campaign_is_refused_with_every_problem_and_its_path(Path file) throws IOException {
        Path expectedFile = file.resolveSibling(file.getFileName().toString().replaceAll("\\.(yaml|json)$", ".errors.txt"));
        assertThat(expectedFile).as("the expected error text of %s", file.getFileName()).exists();
        String expected = Files.readString(expectedFile).stripTrailing();
        assertThatExceptionOfType(InvalidCampaignException.class).isThrownBy(() -> check(file)).withMessage(expected);
    }

    private static Plan check(Path file) throws IOException {
        return new CampaignCheck(SCHEMA, new ExpressionChecker(SCHEMA), null, dev.herald.delivery.Templates.STANDARD, RULES)
                .check(Files.readString(file), file.getFileName().toString());
    }
}
