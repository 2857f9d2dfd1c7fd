package dev.herald.campaign.run;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Published campaign versions: every publish of a changed document is a new, immutable version. */
public interface CampaignStore {

    /** Publishes {@code source} as a new version, unless it is the latest version's text already; returns that version. */
    CampaignVersion publish(String campaign, String name, String source);

    Optional<CampaignVersion> latest(String campaign);

    Optional<CampaignVersion> version(String campaign, int version);

    /** The latest version of every campaign, by campaign id. */
    List<CampaignVersion> latestVersions();

    /** Archives a campaign (kept, but not listed, scheduled or started); false when it was archived already. */
    boolean archive(String campaign);

    /** Takes a campaign out of the archive; false when it was not archived. */
    boolean restore(String campaign);

    /** The archived campaigns' ids. */
    Set<String> archived();
}
