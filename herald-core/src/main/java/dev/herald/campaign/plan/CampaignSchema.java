package dev.herald.campaign.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.campaign.activity.ActivityType;
import dev.herald.campaign.activity.ActivityTypes;
import dev.herald.campaign.config.Prop;
import dev.herald.campaign.config.Spec;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON Schema (2020-12) of campaign documents, generated from the same option specs the parser
 * reads with, for editors: {@code docs/campaign.schema.json} is this output.
 */
public final class CampaignSchema {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private CampaignSchema() {
    }

    public static String json() {
        ObjectNode root = F.objectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", "https://herald.dev/schemas/campaign.schema.json");
        root.put("title", "Herald campaign");
        ObjectNode header = object(CampaignParser.HEADER);
        ObjectNode activities = F.objectNode();
        activities.put("type", "array");
        activities.put("description", "the activities");
        activities.set("items", F.objectNode().put("$ref", "#/$defs/activity"));
        ((ObjectNode) header.get("properties")).set("activities", activities);
        ((ArrayNode) header.get("required")).add("activities");
        root.setAll(header);
        ObjectNode defs = F.objectNode();
        defs.set("activity", activity());
        for (ActivityType<?> type : ActivityTypes.all().values()) {
            ObjectNode def = object(CampaignParser.ACTIVITY.plus(type.spec().props()));
            def.put("description", type.id() + ": " + type.spec().description());
            ((ObjectNode) def.get("properties")).set("type", F.objectNode().put("const", type.id()));
            defs.set(type.id(), def);
        }
        root.set("$defs", defs);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An activity: its type chooses the options it may have. */
    private static ObjectNode activity() {
        ObjectNode a = F.objectNode();
        a.put("type", "object");
        ArrayNode required = a.putArray("required");
        required.add("id").add("type");
        ObjectNode properties = a.putObject("properties");
        ArrayNode types = properties.putObject("type").put("description", "the kind of activity").putArray("enum");
        ActivityTypes.all().keySet().forEach(types::add);
        ArrayNode all = a.putArray("allOf");
        for (String id : ActivityTypes.all().keySet()) {
            ObjectNode rule = F.objectNode();
            rule.putObject("if").putObject("properties").putObject("type").put("const", id);
            rule.putObject("then").put("$ref", "#/$defs/" + id);
            all.add(rule);
        }
        return a;
    }

    private static ObjectNode object(Spec spec) {
        ObjectNode o = F.objectNode();
        o.put("type", "object");
        o.put("description", spec.description());
        o.put("additionalProperties", false);
        ObjectNode properties = o.putObject("properties");
        List<String> required = new ArrayList<>();
        for (Prop p : spec.props()) {
            properties.set(p.name(), prop(p));
            if (p.required()) {
                required.add(p.name());
            }
        }
        if (!required.isEmpty()) {
            ArrayNode r = o.putArray("required");
            required.forEach(r::add);
        }
        return o;
    }

    private static ObjectNode prop(Prop p) {
        ObjectNode s = switch (p.kind()) {
            case TEXT, TIMESTAMP -> F.objectNode().put("type", "string");
            case CONDITION -> F.objectNode().put("type", "string").put("format", "cel-condition");
            case VALUE -> F.objectNode().put("type", "string").put("format", "cel-value");
            case TEMPLATE -> F.objectNode().put("type", "string").put("format", "liquid");
            case INTEGER -> F.objectNode().put("type", "integer");
            case NUMBER -> F.objectNode().put("type", "number");
            case BOOLEAN -> F.objectNode().put("type", "boolean");
            case CHOICE -> {
                ObjectNode c = F.objectNode();
                p.choices().forEach(c.putArray("enum")::add);
                yield c;
            }
            case DURATION -> F.objectNode().put("type", "string").put("pattern", "^([0-9]+[wdhms])+$");
            case LIMIT -> {
                ObjectNode l = F.objectNode();
                ArrayNode one = l.putArray("oneOf");
                one.addObject().put("type", "integer").put("minimum", 0);
                one.addObject().put("type", "string").put("pattern", "^[0-9]+(\\.[0-9]+)?\\s*%$");
                yield l;
            }
            case TEXTS, VALUES -> {
                ObjectNode l = F.objectNode();
                ArrayNode one = l.putArray("oneOf");
                one.addObject().put("type", "string");
                one.addObject().put("type", "array").putObject("items").put("type", "string");
                yield l;
            }
            case OBJECT -> {
                ObjectNode nested = object(p.nested());
                if (p.nested().props().isEmpty()) {
                    yield nested;
                }
                ObjectNode l = F.objectNode();
                ArrayNode one = l.putArray("oneOf");
                one.add(nested);
                one.add(prop(p.nested().props().get(0))); // a plain value sets the first option
                yield l;
            }
            case OBJECTS -> {
                ObjectNode l = F.objectNode().put("type", "array");
                l.set("items", object(p.nested()));
                yield l;
            }
            case NAMED -> {
                ObjectNode l = F.objectNode().put("type", "object");
                l.set("additionalProperties", object(p.nested()));
                yield l;
            }
            case NAMED_VALUES, NAMED_TEXTS -> {
                ObjectNode l = F.objectNode().put("type", "object");
                l.putObject("additionalProperties").put("type", "string");
                yield l;
            }
            case NAMED_SCALARS -> {
                ObjectNode l = F.objectNode().put("type", "object");
                l.putObject("additionalProperties").putArray("type").add("string").add("number").add("boolean");
                yield l;
            }
        };
        s.put("description", p.description());
        if (p.defaultValue() != null) {
            s.set("default", F.pojoNode(p.defaultValue()));
        }
        return s;
    }
}
