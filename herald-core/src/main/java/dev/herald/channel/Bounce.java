package dev.herald.channel;

import java.util.Set;

/**
 * How a provider's refusal of a message counts against its address, classified by the enhanced
 * status codes of RFC 3463 where the provider gives them. A {@code HARD} bounce (no such mailbox or
 * domain, 5.1.x; a disabled mailbox, 5.2.1) and a {@code COMPLAINT} suppress the address at once;
 * {@code SOFT} ones (a full mailbox, 5.2.2; routing, 5.4.x) only after several. {@code POLICY} (5.7.x:
 * refused as spam, blocked), {@code AUTH} (5.7.8: the relay refused Herald's credentials) and
 * {@code OTHER} (the message itself, such as 5.3.4 too large) say nothing about the address.
 */
public enum Bounce {
    HARD, SOFT, COMPLAINT, POLICY, AUTH, OTHER;

    private static final Set<String> NO_SUCH_ADDRESS = Set.of("0", "1", "2", "3", "6", "10");

    /** Whether it puts the address on the suppression list at once. */
    public boolean suppressesAtOnce() {
        return this == HARD || this == COMPLAINT;
    }

    /**
     * The kind of a permanent SMTP refusal: by its enhanced code ({@code 5.1.1}) when there is one,
     * else by its reply code (550, 551 and 553 name a mailbox that is not there, 552 a full one).
     */
    public static Bounce ofSmtp(int reply, String enhanced) {
        if (enhanced != null && enhanced.matches("5\\.\\d{1,3}\\.\\d{1,3}")) {
            String[] p = enhanced.split("\\.");
            return switch (p[1]) {
                case "1" -> NO_SUCH_ADDRESS.contains(p[2]) ? HARD : OTHER;
                case "2" -> p[2].equals("1") ? HARD : SOFT;
                case "4" -> SOFT;
                case "7" -> p[2].equals("8") || reply == 535 ? AUTH : POLICY;
                default -> OTHER;
            };
        }
        return switch (reply) {
            case 550, 551, 553 -> HARD;
            case 552 -> SOFT;
            case 554 -> POLICY;
            case 530, 535 -> AUTH;
            default -> OTHER;
        };
    }
}
