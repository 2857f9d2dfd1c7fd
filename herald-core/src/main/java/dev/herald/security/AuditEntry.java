package dev.herald.security;

import java.time.Instant;

/**
 * One call that changed something, or tried to: who ({@code keyId}, null when no valid key came),
 * what ({@code method} and {@code path}, the {@code status} it was answered with, a {@code detail}),
 * when, and from where ({@code address}).
 */
public record AuditEntry(long id, Instant at, String keyId, String role, String method, String path, int status, String address,
                         String detail) {
}
