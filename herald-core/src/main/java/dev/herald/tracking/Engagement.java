package dev.herald.tracking;

import java.util.List;

/**
 * What a delivery's recipients did with its messages, counted from the event log: opens and clicks
 * in all, per message (unique), and per message by people only (machines left out), each link's
 * clicks, unsubscribes. Rates are over the messages sent: unique human opens ÷ sent, unique human
 * clicks ÷ sent, unique human clicks ÷ unique human opens (click-to-open).
 */
public record Engagement(long sent, Counts opens, Counts clicks, long unsubscribes, List<Link> links) {

    /** Events in all, messages with at least one, messages with one from a person, events from machines. */
    public record Counts(long total, long unique, long human, long machine) {
    }

    /** One link of the messages: its number, its smallest URL (personalised links differ), its clicks in all and by people (unique). */
    public record Link(int link, String url, long total, long human) {
    }

    public double openRate() {
        return sent == 0 ? 0 : (double) opens.human() / sent;
    }

    public double clickRate() {
        return sent == 0 ? 0 : (double) clicks.human() / sent;
    }

    public double clickToOpenRate() {
        return opens.human() == 0 ? 0 : (double) clicks.human() / opens.human();
    }
}
