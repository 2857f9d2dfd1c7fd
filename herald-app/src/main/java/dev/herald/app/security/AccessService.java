package dev.herald.app.security;

import dev.herald.app.engine.Engine;
import dev.herald.error.UserError;
import dev.herald.security.ApiKey;
import dev.herald.security.AuditEntry;
import dev.herald.security.Role;
import dev.herald.store.security.ApiKeyTables;
import dev.herald.store.security.AuditTables;
import dev.herald.text.Echo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Who may call the API: its keys (made, listed, revoked, checked) and the audit log of what was done with them. */
public final class AccessService {

    /** The most audit entries one page holds. */
    public static final int MOST_PER_PAGE = 1000;

    private final Engine app;

    public AccessService(Engine app) {
        this.app = app;
    }

    /** A new key; its text is in the answer and nowhere else, ever. */
    public ApiKey.Made create(String name, Role role, Duration validFor) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw UserError.invalid("name", "a key needs a name of up to 200 characters saying what it is for, e.g. --name \"CRM sync\"");
        }
        if (validFor != null && (validFor.isNegative() || validFor.isZero())) {
            throw UserError.invalid("expires", "a key's life is a positive duration, e.g. 90d");
        }
        Instant expires = validFor == null ? null : app.clock().instant().plus(validFor);
        return keys().create(name.strip(), role, expires);
    }

    public List<ApiKey> list() {
        return keys().list();
    }

    /** The link keys: their ids, and the one that signs (the newest). */
    public record LinkKeys(java.util.List<Integer> ids, int signing) {
    }

    public LinkKeys linkKeys() {
        return new LinkKeys(java.util.List.copyOf(app.store().secrets(Engine.LINK_KEYS).keySet()), app.links().signingKey());
    }

    /**
     * Makes a new key for the signed links of messages (unsubscribe, opens, clicks): it signs
     * from now on, here at once and in other servers on the same store within their next look
     * (5 seconds); links signed with older keys still verify. Returns its id.
     */
    public int rotateLinkKey() {
        return app.rotateLinkKey();
    }

    /** Reads the link keys again (a server does at every look), so that a key rotated elsewhere signs here too. */
    public void refreshLinkKeys() {
        app.refreshLinks();
    }

    /** Whether a key opens the API now (not revoked, not expired). */
    public boolean active(ApiKey key) {
        return key.activeAt(app.clock().instant());
    }

    public void revoke(String id) {
        if (!keys().revoke(id)) {
            throw UserError.notFound("no active key " + Echo.quoted(id) + " (herald key list shows them)", null);
        }
    }

    /** The active key a request's bearer token is, or empty. */
    public Optional<ApiKey> authenticate(String token) {
        return keys().authenticate(token);
    }

    public void audit(ApiKey key, String method, String path, int status, String address, String detail) {
        new AuditTables(app.store()).record(key == null ? null : key.id(), key == null ? null : key.role().id(), method, path, status, address,
                detail);
    }

    /** Up to {@code limit} audit entries older than {@code before} (null: the newest), the newest first. */
    public List<AuditEntry> audit(Long before, int limit) {
        return audit(before, limit, null);
    }

    /** As {@link #audit(Long, int)}, of one key's calls when {@code keyId} is not null. */
    public List<AuditEntry> audit(Long before, int limit, String keyId) {
        if (limit < 1 || limit > MOST_PER_PAGE) {
            throw UserError.invalid("limit", "limit is from 1 to " + MOST_PER_PAGE);
        }
        return new AuditTables(app.store()).page(before, limit, keyId);
    }

    private ApiKeyTables keys() {
        return new ApiKeyTables(app.store());
    }
}
