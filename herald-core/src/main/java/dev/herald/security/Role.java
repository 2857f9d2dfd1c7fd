package dev.herald.security;

import dev.herald.error.UserError;
import dev.herald.text.Echo;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What an API key may do. Everyone may read; an {@code editor} changes campaigns, audiences and
 * templates; an {@code operator} starts, pauses, stops and approves runs; an {@code admin} does
 * all of it and manages keys and reads the audit log.
 */
public enum Role {
    ADMIN, EDITOR, OPERATOR, VIEWER;

    /** What a call needs. */
    public enum Permission {
        /** Look: status, reports, lists. */
        READ,
        /** Change what campaigns are: campaigns, audiences, templates, records. */
        EDIT,
        /** Act on runs: start, pause, resume, stop, approve. */
        OPERATE,
        /** Keys and the audit log. */
        ADMINISTER
    }

    public boolean may(Permission needed) {
        return switch (needed) {
            case READ -> true;
            case EDIT -> this == ADMIN || this == EDITOR;
            case OPERATE -> this == ADMIN || this == OPERATOR;
            case ADMINISTER -> this == ADMIN;
        };
    }

    /** Its name in keys and the audit log: {@code admin}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role of(String text) {
        for (Role r : values()) {
            if (r.id().equals(text == null ? "" : text.strip().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw UserError.invalid("no role " + Echo.quoted(text) + " (roles: "
                + Arrays.stream(values()).map(Role::id).collect(Collectors.joining(", ")) + ")");
    }
}
