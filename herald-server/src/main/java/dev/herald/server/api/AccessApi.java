package dev.herald.server.api;

import dev.herald.app.Application;
import dev.herald.campaign.config.Durations;
import dev.herald.security.ApiKey;
import dev.herald.security.AuditEntry;
import dev.herald.security.Role;
import dev.herald.security.Role.Permission;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Keys and the audit log over the API, for admins: the same as {@code herald key …}. */
final class AccessApi {

    record NewKey(String name, String role, String expires) {
    }

    private final Application app;

    AccessApi(Application app) {
        this.app = app;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/keys", Permission.ADMINISTER, "The API's keys, the newest first (never their secret)", this::keys,
                        "role: only keys of this role", "active: true lists only keys neither revoked nor expired, false only the others",
                        "limit: keys per page, 1 to 500 (default 100)", "cursor: the next_cursor of the previous page"),
                ApiRoute.post("/keys", Permission.ADMINISTER, "Make a key: its text is in this answer and nowhere else, ever", 201,
                        "{name: what it is for, role: admin|editor|operator|viewer, expires: e.g. 90d (absent: until revoked)}", this::create),
                ApiRoute.delete("/keys/{key}", Permission.ADMINISTER, "Revoke a key for good", call -> {
                    app.access().revoke(call.path("key"));
                    call.did("revoked key " + call.path("key"));
                    return Map.of("revoked", call.path("key"));
                }),
                ApiRoute.get("/link-keys", Permission.ADMINISTER, "The ids of the keys that sign the links of messages, and the one signing now",
                        call -> app.access().linkKeys()),
                ApiRoute.post("/link-keys/rotate", Permission.ADMINISTER, "A new key signs the links of messages from now on (other servers "
                        + "take it within 5 seconds); links signed with the older keys still verify", 201, null, call -> {
                    int id = app.access().rotateLinkKey();
                    call.did("rotated the link key: key " + id + " signs");
                    return app.access().linkKeys();
                }),
                ApiRoute.get("/audit", Permission.ADMINISTER, "Every call that changed something or tried to, the newest first", call -> {
                    int limit = call.whole("limit", 100, 1, 500);
                    String key = call.ctx.queryParam("key");
                    return Page.of(app.access().audit(call.cursor(), limit + 1, key == null || key.isEmpty() ? null : key), limit, AuditEntry::id);
                }, "key: only the calls of this key (its id)", "limit: entries per page, 1 to 500 (default 100)",
                        "cursor: the next_cursor of the previous page"));
    }

    /** The keys, newest first, filtered, a page at a time: a key is never deleted, so a page ends on one that is still there. */
    private Page<ApiKey> keys(ApiCall call) {
        String roleText = call.ctx.queryParam("role");
        Role role;
        try {
            role = roleText == null || roleText.isEmpty() ? null : Role.of(roleText);
        } catch (dev.herald.error.UserError e) { // a query parameter that is wrong: the request's fault
            throw ApiProblem.badRequest("role", e.getMessage());
        }
        String activeText = call.ctx.queryParam("active");
        Boolean active = activeText == null || activeText.isEmpty() ? null : call.flag("active", true);
        int limit = call.whole("limit", 100, 1, 500);
        List<ApiKey> all = app.access().list();
        String cursor = call.ctx.queryParam("cursor");
        int start = 0;
        if (cursor != null && !cursor.isEmpty()) {
            start = java.util.stream.IntStream.range(0, all.size()).filter(i -> all.get(i).id().equals(cursor)).findFirst()
                    .orElseThrow(() -> ApiProblem.badRequest("cursor", "cursor is the next_cursor of the previous page")) + 1;
        }
        List<ApiKey> kept = all.subList(start, all.size()).stream()
                .filter(k -> role == null || k.role() == role)
                .filter(k -> active == null || app.access().active(k) == active).limit(limit + 1L).toList();
        return Page.of(kept, limit, ApiKey::id);
    }

    private Map<String, Object> create(ApiCall call) {
        NewKey k = call.body(NewKey.class);
        if (k.role() == null) {
            throw ApiProblem.badRequest("role", "a key needs a role: admin, editor, operator or viewer");
        }
        Duration life = null;
        if (k.expires() != null) {
            life = Durations.parse(k.expires());
            if (life == null) {
                throw ApiProblem.badRequest("expires", "expires is a length of time, e.g. 90d or 12h");
            }
        }
        ApiKey.Made made = app.access().create(k.name(), Role.of(k.role()), life);
        call.did("made key " + made.key().id() + " (" + made.key().role().id() + ", " + made.key().name() + ")");
        return Map.of("token", made.token(), "key", made.key());
    }
}
