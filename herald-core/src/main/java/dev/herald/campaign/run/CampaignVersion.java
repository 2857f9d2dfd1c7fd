package dev.herald.campaign.run;

import java.time.Instant;

/** A published, immutable version of a campaign document. */
public record CampaignVersion(String campaign, int version, String name, String source, String digest, Instant publishedAt) {
}
