package dev.herald.campaign;

import dev.herald.text.Echo;

/** One thing wrong with a campaign: where ({@code activities[3].subsets[0].filter}) and what. */
public record CampaignProblem(String path, String message) {
    /** A path built from the names in a document is cut when a name is absurdly long. */
    public CampaignProblem {
        path = Echo.cut(path, 120);
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
