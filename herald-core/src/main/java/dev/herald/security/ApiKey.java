package dev.herald.security;

import java.time.Instant;

/**
 * An API key as Herald keeps it: never the key itself, which is shown once when made
 * ({@code hk_ID_SECRET}), only its id, what it is for, its role and its dates.
 */
public record ApiKey(String id, String name, Role role, Instant createdAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {

    /** Whether it opens the API at {@code now}: not revoked, not expired. */
    public boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    /** A key just made, and the one time its whole text is known. */
    public record Made(ApiKey key, String token) {
    }
}
