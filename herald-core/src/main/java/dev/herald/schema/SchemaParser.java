package dev.herald.schema;

import dev.herald.error.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.text.Echo;
import dev.herald.yaml.InvalidYamlException;
import dev.herald.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code schema.yaml} strictly: unknown and duplicate keys are errors, and every problem is
 * reported with its path and a hint, all at once.
 */
public final class SchemaParser {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Set<String> TOP_KEYS = Set.of("dimension", "channels", "entities", "time_zone");
    private static final Set<String> ENTITY_KEYS = Set.of("key", "fields", "indexes", "links", "description");
    private static final Set<String> LINK_KEYS = Set.of("to", "field", "inverse", "description");
    private static final Set<String> CHANNEL_KEYS = Set.of("address", "consent");

    private final List<Problem> problems = new ArrayList<>();

    private SchemaParser() {
    }

    public static Schema parse(Path file) {
        String source = file.getFileName().toString();
        String text;
        try {
            text = YamlReader.text(file, source);
        } catch (InvalidYamlException e) {
            throw new InvalidSchemaException(source, List.of(new Problem(e.where(), e.problem())));
        } catch (IOException e) {
            throw new InvalidSchemaException(file.toString(),
                    List.of(new Problem("(file)", "cannot read " + file + ": " + e.getMessage())));
        }
        return parse(text, source);
    }

    public static Schema parse(String yaml, String source) {
        return new SchemaParser().read(yaml, source);
    }

    private Schema read(String yaml, String source) {
        JsonNode root;
        try {
            root = YamlReader.read(yaml, source);
        } catch (InvalidYamlException e) {
            throw new InvalidSchemaException(source, List.of(new Problem(e.where(), e.problem())));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidSchemaException(source, List.of(new Problem("(root)",
                    "a schema is a mapping with 'dimension', 'entities' and 'channels'")));
        }
        unknownKeys(root, "", TOP_KEYS);
        Map<String, Entity> entities = entities(root.get("entities"));
        String dimension = dimension(root.get("dimension"), entities);
        Map<String, Schema.Channel> channels = channels(root.get("channels"), entities);
        Schema.FieldPath timeZone = root.has("time_zone")
                ? fieldPath(root.get("time_zone"), "time_zone", entities, FieldType.Kind.STRING) : null;
        for (Entity entity : entities.values()) {
            checkLinks(entity, entities);
        }
        if (!problems.isEmpty()) {
            throw new InvalidSchemaException(source, problems);
        }
        return new Schema(entities, dimension, channels, timeZone);
    }

    private Map<String, Entity> entities(JsonNode node) {
        Map<String, Entity> entities = new LinkedHashMap<>();
        if (node == null || !node.isObject() || node.isEmpty()) {
            problem("entities", "declare at least one entity, e.g. 'entities: { profile: { key: id, fields: { id: long } } }'");
            return entities;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = "entities." + e.getKey();
            if (identifier(e.getKey(), path)) {
                Entity entity = entity(e.getKey(), e.getValue(), path);
                if (entity != null) {
                    entities.put(entity.name(), entity);
                }
            }
        }
        return entities;
    }

    private Entity entity(String name, JsonNode node, String path) {
        if (!node.isObject()) {
            problem(path, "an entity is a mapping with 'key', 'fields', and optionally 'indexes' and 'links'");
            return null;
        }
        unknownKeys(node, path, ENTITY_KEYS);
        Map<String, Field> fields = new LinkedHashMap<>();
        JsonNode fieldsNode = node.get("fields");
        if (fieldsNode == null || !fieldsNode.isObject() || fieldsNode.isEmpty()) {
            problem(path + ".fields", "declare the entity's fields as 'name: type' (types: " + FieldType.SPELLINGS + ")");
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = fieldsNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                String fieldPath = path + ".fields." + f.getKey();
                if (!identifier(f.getKey(), fieldPath)) {
                    continue;
                }
                if (!f.getValue().isTextual()) {
                    problem(fieldPath, "a field's type is a word such as 'string' or 'decimal(12,2)' (types: "
                            + FieldType.SPELLINGS + ")");
                    continue;
                }
                try {
                    fields.put(f.getKey(), new Field(f.getKey(), FieldType.parse(f.getValue().asText())));
                } catch (IllegalArgumentException ex) {
                    problem(fieldPath, ex.getMessage());
                }
            }
        }
        List<String> key = fieldList(node.get("key"), path + ".key", fields, true);
        List<List<String>> indexes = new ArrayList<>();
        JsonNode indexesNode = node.get("indexes");
        if (indexesNode != null) {
            if (!indexesNode.isArray()) {
                problem(path + ".indexes", "indexes is a list; each item is a field or a list of fields");
            } else {
                for (int i = 0; i < indexesNode.size(); i++) {
                    List<String> index = fieldList(indexesNode.get(i), path + ".indexes[" + i + "]", fields, false);
                    if (!index.isEmpty()) {
                        indexes.add(index);
                    }
                }
            }
        }
        Map<String, Link> links = new LinkedHashMap<>();
        JsonNode linksNode = node.get("links");
        if (linksNode != null) {
            if (!linksNode.isObject()) {
                problem(path + ".links", "links is a mapping of link name to '{ to: entity, field: f }' or '{ to: entity, inverse: link }'");
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = linksNode.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> l = it.next();
                    Link link = link(l.getKey(), l.getValue(), path + ".links." + l.getKey());
                    if (link != null) {
                        if (fields.containsKey(link.name())) {
                            problem(path + ".links." + link.name(), "a link cannot have the same name as a field of " + Echo.quoted(name));
                        }
                        links.put(link.name(), link);
                    }
                }
            }
        }
        return new Entity(name, fields, key, indexes, links);
    }

    private List<String> fieldList(JsonNode node, String path, Map<String, Field> fields, boolean isKey) {
        List<String> names = new ArrayList<>();
        if (node == null) {
            if (isKey) {
                problem(path, "every entity needs a primary key: 'key: id' (or a list of fields)");
            }
            return names;
        }
        if (node.isTextual()) {
            names.add(node.asText());
        } else if (node.isArray() && !node.isEmpty()) {
            for (JsonNode n : node) {
                if (!n.isTextual()) {
                    problem(path, "expected a field name or a list of field names");
                    return List.of();
                }
                names.add(n.asText());
            }
        } else {
            problem(path, "expected a field name or a list of field names");
            return List.of();
        }
        for (String n : names) {
            if (!fields.containsKey(n) && !fields.isEmpty()) {
                problem(path, "unknown field " + Echo.quoted(n) + DidYouMean.hint(n, fields.keySet()));
                return List.of();
            }
            Field f = fields.get(n);
            if (isKey && f != null && f.type().kind() == FieldType.Kind.JSON) {
                problem(path, "a json field cannot be part of the key");
            }
        }
        return names;
    }

    private Link link(String name, JsonNode node, String path) {
        if (!identifier(name, path)) {
            return null;
        }
        if (!node.isObject()) {
            problem(path, "a link is '{ to: entity, field: f }' (many-to-one) or '{ to: entity, inverse: link }' (one-to-many)");
            return null;
        }
        unknownKeys(node, path, LINK_KEYS);
        String to = text(node, "to");
        String field = text(node, "field");
        String inverse = text(node, "inverse");
        if (to == null) {
            problem(path + ".to", "name the entity this link points to");
            return null;
        }
        if ((field == null) == (inverse == null)) {
            problem(path, "give exactly one of 'field' (many-to-one: the field holding the key of " + Echo.quoted(to)
                    + ") or 'inverse' (one-to-many: the many-to-one link on " + Echo.quoted(to) + " that points back)");
            return null;
        }
        return field != null ? Link.manyToOne(name, to, field) : Link.oneToMany(name, to, inverse);
    }

    private void checkLinks(Entity entity, Map<String, Entity> entities) {
        for (Link link : entity.links().values()) {
            String path = "entities." + entity.name() + ".links." + link.name();
            Entity target = entities.get(link.target());
            if (target == null) {
                problem(path, "unknown entity " + Echo.quoted(link.target()) + DidYouMean.hint(link.target(), entities.keySet()));
                continue;
            }
            if (!link.isToMany()) {
                Field f = entity.fields().get(link.field());
                if (f == null) {
                    problem(path + ".field", "unknown field " + Echo.quoted(link.field()) + " on " + Echo.quoted(entity.name())
                            + DidYouMean.hint(link.field(), entity.fields().keySet()));
                } else if (target.key().size() > 1) {
                    problem(path, Echo.quoted(target.name()) + " has a composite key; a many-to-one link needs a single-field key");
                } else {
                    Field targetKey = target.key().isEmpty() ? null : target.fields().get(target.key().get(0));
                    if (target.key().size() == 1 && targetKey != null && !targetKey.type().equals(f.type())) {
                        problem(path + ".field", "'" + entity.name() + "." + f.name() + "' is " + f.type() + " but the key '"
                                + target.name() + "." + targetKey.name() + "' is " + targetKey.type());
                    }
                }
            } else {
                Link back = target.links().get(link.inverse());
                if (back == null) {
                    problem(path + ".inverse", Echo.quoted(target.name()) + " has no link " + Echo.quoted(link.inverse())
                            + DidYouMean.hint(link.inverse(), target.links().keySet()));
                } else if (back.isToMany() || !back.target().equals(entity.name())) {
                    problem(path + ".inverse", "'" + target.name() + "." + back.name()
                            + "' must be a many-to-one link to " + Echo.quoted(entity.name()));
                }
            }
        }
    }

    private String dimension(JsonNode node, Map<String, Entity> entities) {
        if (node == null || !node.isTextual()) {
            problem("dimension", "name the default targeting dimension, e.g. 'dimension: profile'");
            return null;
        }
        String d = node.asText();
        if (!entities.isEmpty() && !entities.containsKey(d)) {
            problem("dimension", "unknown entity " + Echo.quoted(d) + DidYouMean.hint(d, entities.keySet()));
        }
        return d;
    }

    private Map<String, Schema.Channel> channels(JsonNode node, Map<String, Entity> entities) {
        Map<String, Schema.Channel> channels = new LinkedHashMap<>();
        if (node == null) {
            return channels;
        }
        if (!node.isObject()) {
            problem("channels", "channels maps a channel to the field holding its address, e.g. 'email: profile.email'");
            return channels;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> c = it.next();
            String path = "channels." + c.getKey();
            JsonNode value = c.getValue();
            Schema.FieldPath address;
            Schema.FieldPath consent = null;
            if (value.isObject()) {
                unknownKeys(value, path, CHANNEL_KEYS);
                address = fieldPath(value.get("address"), path + ".address", entities, null);
                if (value.has("consent")) {
                    consent = fieldPath(value.get("consent"), path + ".consent", entities, FieldType.Kind.BOOLEAN);
                }
            } else {
                address = fieldPath(value, path, entities, null);
            }
            if (address != null) {
                channels.put(c.getKey(), new Schema.Channel(c.getKey(), address, consent));
            }
        }
        return channels;
    }

    /** An {@code entity.field} reference to an existing field (of {@code kind} when given), or null with a problem. */
    private Schema.FieldPath fieldPath(JsonNode node, String path, Map<String, Entity> entities, FieldType.Kind kind) {
        if (node == null || !node.isTextual()) {
            problem(path, "expected 'entity.field', e.g. 'profile.email'");
            return null;
        }
        String text = node.asText();
        String[] parts = text.split("\\.");
        if (parts.length != 2) {
            problem(path, "expected 'entity.field', got " + Echo.quoted(text));
            return null;
        }
        Entity entity = entities.get(parts[0]);
        if (entity == null) {
            problem(path, "unknown entity " + Echo.quoted(parts[0]) + DidYouMean.hint(parts[0], entities.keySet()));
            return null;
        }
        Field f = entity.fields().get(parts[1]);
        if (f == null) {
            problem(path, "unknown field " + Echo.quoted(parts[1]) + " on " + Echo.quoted(parts[0]) + DidYouMean.hint(parts[1], entity.fields().keySet()));
            return null;
        }
        if (kind != null && f.type().kind() != kind) {
            problem(path, Echo.quoted(text) + " is " + f.type() + "; " + (path.equals("time_zone") ? "a time zone" : "consent")
                    + " must be a " + kind.word() + " field");
            return null;
        }
        return new Schema.FieldPath(parts[0], parts[1]);
    }

    private boolean identifier(String name, String path) {
        if (!IDENTIFIER.matcher(name).matches()) {
            problem(path, Echo.quoted(name) + " is not a valid name: use lower-case letters, digits and '_', starting with a letter");
            return false;
        }
        if (name.startsWith("herald_")) {
            problem(path, "names starting with 'herald_' are reserved for Herald's system tables");
            return false;
        }
        return true;
    }

    private void unknownKeys(JsonNode node, String path, Set<String> allowed) {
        node.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                problem(path.isEmpty() ? k : path + "." + k, "unknown key " + Echo.quoted(k) + DidYouMean.hint(k, allowed)
                        + " (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        });
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private void problem(String path, String message) {
        problems.add(new Problem(path, message));
    }
}
