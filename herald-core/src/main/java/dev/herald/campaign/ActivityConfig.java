package dev.herald.campaign;

import java.util.List;
import java.util.Map;

/**
 * The typed, immutable options of one activity. Each type lives in one record with its options'
 * {@code SPEC}, how it reads them, its outbound transitions, and how validation checks it against
 * the populations arriving on its inbound transitions. The records are in
 * {@code dev.herald.campaign.activity}, registered in {@code ActivityTypes}.
 */
public interface ActivityConfig {

    /** The names of the outbound transitions, in order. */
    List<String> outputs();

    /**
     * Checks the options against the inbound populations, reporting every problem; returns the
     * population of each outbound transition.
     */
    Map<String, Population> check(Checks checks);
}
