package dev.herald.campaign;

import dev.herald.expr.CheckedExpression;
import dev.herald.schema.Entity;
import dev.herald.schema.Schema;
import java.util.List;

/**
 * What validation knows when it checks one activity: the schema, the populations arriving on its
 * inbound transitions, and a place to report problems at their paths. Expressions are checked
 * against the population they will read.
 */
public interface Checks {

    Schema schema();

    /** The workspace's compliance rules: the subscription topics a delivery may name ({@code compliance.topics} of herald.yaml). */
    dev.herald.compliance.ComplianceRules compliance();

    /** The campaign's targeting dimension. */
    Entity campaignDimension();

    /** The activity's path in the document ({@code activities[3]}). */
    String path();

    /** The populations arriving, in the order of {@code from}. */
    List<Population> inputs();

    /** The inbound transitions, in the order of {@code from} ({@code split.gold}). */
    List<String> inputNames();

    /** The names of the campaign's variables ({@code vars.*}). */
    java.util.Set<String> variables();

    void problem(String path, String message);

    /** A condition on the population's records; null (with a problem at {@code path}) when it does not check. */
    CheckedExpression condition(String text, Population population, String path);

    /** A value on the population's records; null (with a problem) when it does not check. */
    CheckedExpression value(String text, Population population, String path);

    /** A condition or value on records of {@code entity} alone (a linked entity's rows). */
    CheckedExpression onEntity(String text, Entity entity, boolean condition, String path);

    /**
     * A message template, parsed, with every name it reads checked against {@code scopes} (record
     * name → its fields); null (with problems at {@code path}) when it is not valid.
     */
    dev.herald.delivery.MessageTemplate template(String text, java.util.Map<String, java.util.Set<String>> scopes, String path);

    /**
     * A saved audience: empty when there is no such audience, null when the audiences are not known
     * here (validation without a store).
     */
    java.util.Optional<SavedAudience> savedAudience(String name);

    /** An entity of the schema; null (with a problem naming the known ones) when there is none. */
    Entity entity(String name, String path);
}
