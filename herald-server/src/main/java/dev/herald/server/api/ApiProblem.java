package dev.herald.server.api;

import dev.herald.error.Problem;
import java.util.List;

/**
 * An answer of the API that is an error (RFC 9457): its status, a stable {@code type} (the last
 * part of {@code https://herald.dev/problems/TYPE}), a title, and every problem with its path.
 */
final class ApiProblem extends RuntimeException {

    final int status;
    final String type;
    final transient List<Problem> problems;

    ApiProblem(int status, String type, String title, List<Problem> problems) {
        super(title, null, false, false);
        this.status = status;
        this.type = type;
        this.problems = List.copyOf(problems);
    }

    ApiProblem(int status, String type, String title) {
        this(status, type, title, List.of());
    }

    static ApiProblem unauthorized() {
        return new ApiProblem(401, "unauthorized", "this call needs an API key: send 'Authorization: Bearer hk_...' "
                + "(herald key create --role ROLE --name NAME makes one); a key that is wrong, revoked or expired is refused alike");
    }

    static ApiProblem forbidden(String role, String needed) {
        return new ApiProblem(403, "forbidden", "a key of role " + role + " may not do this: it needs " + needed);
    }

    /** A request that is well formed but names something that cannot be (a channel, a topic, a recipient). */
    static ApiProblem invalid(String path, String message) {
        return new ApiProblem(422, "invalid", "the request cannot be done as it is", List.of(new Problem(path, message)));
    }

    static ApiProblem badRequest(String path, String message) {
        return new ApiProblem(400, "invalid-request", "the request is wrong", List.of(new Problem(path, message)));
    }
}
