package dev.herald.store.security;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.herald.security.ApiKey;
import dev.herald.security.Role;
import dev.herald.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * {@code herald_api_key}: the API's keys. A key is {@code hk_ID_SECRET} — an id to find it by and
 * 256 random bits — and only the SHA-256 of the secret is kept, compared in constant time.
 */
public final class ApiKeyTables {

    /** A key's text: {@code hk_}, 10 lower-case letters or digits, {@code _}, 43 base64url characters. */
    private static final Pattern TOKEN = Pattern.compile("hk_([a-z0-9]{10})_([A-Za-z0-9_-]{43})");
    private static final String ID_LETTERS = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final Table<?> KEYS = table(name("herald_api_key"));
    private static final Field<String> ID = field(name("id"), String.class);
    private static final Field<OffsetDateTime> REVOKED_AT = field(name("revoked_at"), OffsetDateTime.class);
    private static final Field<OffsetDateTime> LAST_USED_AT = field(name("last_used_at"), OffsetDateTime.class);
    /** How stale {@code last_used_at} may be: one write a minute per key, not one per request. */
    private static final Duration USE_PRECISION = Duration.ofMinutes(1);

    private final SecureRandom random = new SecureRandom();
    private final Store store;
    private final DSLContext dsl;

    public ApiKeyTables(Store store) {
        this.store = store;
        this.dsl = store.dsl();
    }

    /** A new key for {@code role}, valid until {@code expiresAt} (null: until revoked). */
    public ApiKey.Made create(String name, Role role, Instant expiresAt) {
        StringBuilder id = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            id.append(ID_LETTERS.charAt(random.nextInt(ID_LETTERS.length())));
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = store.clock().instant();
        dsl.insertInto(KEYS).set(ID, id.toString()).set(field(name("name")), name).set(field(name("role")), role.id())
                .set(field(name("secret_hash")), hash(secretText)).set(field(name("created_at")), utc(now))
                .set(field(name("expires_at"), OffsetDateTime.class), utc(expiresAt)).execute();
        return new ApiKey.Made(new ApiKey(id.toString(), name, role, now, expiresAt, null, null), "hk_" + id + "_" + secretText);
    }

    /** The active key {@code token} is, or empty: malformed, unknown, wrong secret, revoked or expired alike. */
    public Optional<ApiKey> authenticate(String token) {
        Matcher m = TOKEN.matcher(token == null ? "" : token.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        Record r = dsl.selectFrom(KEYS).where(ID.eq(m.group(1))).fetchOne();
        if (r == null || !MessageDigest.isEqual(r.get("secret_hash", String.class).getBytes(StandardCharsets.US_ASCII),
                hash(m.group(2)).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        ApiKey key = key(r);
        Instant now = store.clock().instant();
        if (!key.activeAt(now)) {
            return Optional.empty();
        }
        if (key.lastUsedAt() == null || key.lastUsedAt().plus(USE_PRECISION).isBefore(now)) {
            dsl.update(KEYS).set(LAST_USED_AT, utc(now)).where(ID.eq(key.id())).execute();
        }
        return Optional.of(key);
    }

    /** Every key, the newest first. */
    public List<ApiKey> list() {
        return dsl.selectFrom(KEYS).orderBy(field(name("created_at")).desc(), ID).fetch(ApiKeyTables::key);
    }

    /** Revokes a key for good; false when there is no such key or it was revoked already. */
    public boolean revoke(String id) {
        return dsl.update(KEYS).set(REVOKED_AT, utc(store.clock().instant())).where(ID.eq(id)).and(REVOKED_AT.isNull()).execute() > 0;
    }

    private static ApiKey key(Record r) {
        return new ApiKey(r.get("id", String.class), r.get("name", String.class), Role.of(r.get("role", String.class)),
                instant(r.get("created_at", OffsetDateTime.class)), instant(r.get("expires_at", OffsetDateTime.class)),
                instant(r.get("revoked_at", OffsetDateTime.class)), instant(r.get("last_used_at", OffsetDateTime.class)));
    }

    private static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
