package dev.herald.expr;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.common.types.StructTypeReference;
import dev.herald.schema.Entity;
import dev.herald.schema.Field;
import dev.herald.schema.FieldType;
import dev.herald.schema.Link;
import dev.herald.schema.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schema as CEL types: one struct per entity ({@code herald.profile}) whose fields are the
 * entity's fields and links — a many-to-one link is the target's struct, a one-to-many link a list
 * of it.
 */
final class CelSchema implements CelTypeProvider {

    static final String PREFIX = "herald.";
    /** Records that are not entities of the schema (a worktable's columns) have their own names. */
    static final String LOCAL_PREFIX = "herald.local.";

    private final Map<String, StructType> structs = new LinkedHashMap<>();
    private final Map<String, StructType> locals = new LinkedHashMap<>();

    CelSchema(Schema schema) {
        for (Entity entity : schema.entities().values()) {
            structs.put(entity.name(), struct(PREFIX, entity));
        }
    }

    private CelSchema(CelSchema base, List<Entity> locals) {
        structs.putAll(base.structs);
        for (Entity entity : locals) {
            this.locals.put(entity.name(), struct(LOCAL_PREFIX, entity));
        }
    }

    /** These types plus records of the given entities that are not in the schema. */
    CelSchema withLocals(List<Entity> entities) {
        return new CelSchema(this, entities);
    }

    private static StructType struct(String prefix, Entity entity) {
        List<String> names = new ArrayList<>(entity.fields().keySet());
        names.addAll(entity.links().keySet());
        return StructType.create(prefix + entity.name(), ImmutableSet.copyOf(names),
                name -> Optional.ofNullable(memberType(entity, name)));
    }

    /** The record type of an entity of the schema or, first, of a local record of that name. */
    StructType struct(String entity) {
        StructType local = locals.get(entity);
        return local != null ? local : structs.get(entity);
    }

    private static CelType memberType(Entity entity, String name) {
        Field field = entity.fields().get(name);
        if (field != null) {
            return type(field.type());
        }
        Link link = entity.links().get(name);
        if (link == null) {
            return null;
        }
        CelType target = StructTypeReference.create(PREFIX + link.target());
        return link.isToMany() ? ListType.create(target) : target;
    }

    static CelType type(FieldType type) {
        return switch (type.kind()) {
            case STRING -> SimpleType.STRING;
            case INT, LONG -> SimpleType.INT;
            case DECIMAL, DOUBLE -> SimpleType.DOUBLE;
            case BOOLEAN -> SimpleType.BOOL;
            case DATE, TIMESTAMP -> SimpleType.TIMESTAMP;
            case JSON -> SimpleType.DYN;
        };
    }

    @Override
    public ImmutableCollection<CelType> types() {
        return ImmutableList.<CelType>builder().addAll(structs.values()).addAll(locals.values()).build();
    }

    @Override
    public Optional<CelType> findType(String typeName) {
        if (typeName.startsWith(LOCAL_PREFIX)) {
            return Optional.ofNullable(locals.get(typeName.substring(LOCAL_PREFIX.length())));
        }
        return typeName.startsWith(PREFIX) ? Optional.ofNullable(structs.get(typeName.substring(PREFIX.length())))
                : Optional.empty();
    }
}
