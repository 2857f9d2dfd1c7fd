package dev.herald.campaign;

/** One thing wrong with a campaign: where ({@code activities[3].subsets[0].filter}) and what. */
public record CampaignProblem(String path, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
