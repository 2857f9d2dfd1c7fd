package dev.herald.store.security;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.security.AuditEntry;
import dev.herald.store.Store;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** {@code herald_audit}: every call of the API that changed something or tried to, in the order they came. */
public final class AuditTables {

    private static final Table<?> AUDIT = table(name("herald_audit"));
    private static final Field<Long> ID = field(name("id"), Long.class);
    /** The longest detail and path kept: a request cannot fill the log. */
    private static final int LONGEST = 1000;

    private final Store store;
    private final DSLContext dsl;

    public AuditTables(Store store) {
        this.store = store;
        this.dsl = store.dsl();
    }

    public void record(String keyId, String role, String method, String path, int status, String address, String detail) {
        dsl.insertInto(AUDIT).set(field(name("occurred_at")), store.clock().instant().atOffset(ZoneOffset.UTC)).set(field(name("key_id")), keyId)
                .set(field(name("role")), role).set(field(name("method")), method).set(field(name("path")), cut(path))
                .set(field(name("status")), status).set(field(name("address")), cut(address)).set(field(name("detail")), cut(detail)).execute();
    }

    /** Up to {@code limit} entries older than the entry {@code before} (null: the newest), the newest first. */
    public List<AuditEntry> page(Long before, int limit) {
        return page(before, limit, null);
    }

    /** Up to {@code limit} entries older than {@code before}, the newest first, of one key's calls when {@code keyId} is not null. */
    public List<AuditEntry> page(Long before, int limit, String keyId) {
        Condition older = before == null ? DSL.noCondition() : ID.lt(before);
        Condition key = keyId == null ? DSL.noCondition() : field(name("key_id"), String.class).eq(keyId);
        return dsl.selectFrom(AUDIT).where(older).and(key).orderBy(ID.desc()).limit(limit).fetch(r -> new AuditEntry(r.get(ID),
                r.get("occurred_at", OffsetDateTime.class).toInstant(), r.get("key_id", String.class), r.get("role", String.class),
                r.get("method", String.class), r.get("path", String.class), r.get("status", Integer.class), r.get("address", String.class),
                r.get("detail", String.class)));
    }

    private static String cut(String s) {
        return s == null || s.length() <= LONGEST ? s : s.substring(0, LONGEST);
    }
}
