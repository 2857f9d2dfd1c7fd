package dev.herald.campaign.run;

import java.util.Optional;

/** Published campaign versions: every publish of a changed document is a new, immutable version. */
public interface CampaignStore {

    /** Publishes {@code source} as a new version, unless it is the latest version's text already; returns that version. */
    CampaignVersion publish(String campaign, String name, String source);

    Optional<CampaignVersion> latest(String campaign);

    Optional<CampaignVersion> version(String campaign, int version);
}
