package dev.herald.channel;

/**
 * What one reading of the return mailbox found: messages read, bounces by kind and complaints
 * recorded on their messages, reports naming no sent message of the log, and messages that were
 * no bounce or complaint at all (an out-of-office reply, a delay notice).
 */
public record ReturnsRead(int read, int hardBounces, int softBounces, int complaints, int otherBounces, int unknown, int notReports) {
}
