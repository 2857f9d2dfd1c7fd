package dev.herald.server.api;

import dev.herald.security.Role.Permission;
import java.util.List;

/**
 * One route of the API, as it is registered and as the OpenAPI document describes it: the same
 * record makes both, so the document cannot list a route that is not there, nor miss one.
 *
 * @param success the status of a good answer (200, 201 made, 202 under way)
 * @param query   its query parameters, each {@code name: what it is}
 * @param body    what the request body is, or null when there is none
 */
record ApiRoute(String method, String path, Permission permission, String summary, int success, List<String> query, String body,
                Handler handler) {

    /** What answers the call: the object written as the JSON answer. */
    @FunctionalInterface
    interface Handler {
        Object handle(ApiCall call) throws Exception;
    }

    static ApiRoute get(String path, Permission permission, String summary, Handler handler, String... query) {
        return new ApiRoute("GET", path, permission, summary, 200, List.of(query), null, handler);
    }

    static ApiRoute post(String path, Permission permission, String summary, int success, String body, Handler handler) {
        return new ApiRoute("POST", path, permission, summary, success, List.of(), body, handler);
    }

    static ApiRoute delete(String path, Permission permission, String summary, Handler handler) {
        return new ApiRoute("DELETE", path, permission, summary, 200, List.of(), null, handler);
    }

    /** Whether it changes something, and so goes to the audit log. */
    boolean mutating() {
        return !method.equals("GET");
    }
}
