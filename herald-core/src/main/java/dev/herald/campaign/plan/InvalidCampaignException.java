package dev.herald.campaign.plan;

import dev.herald.error.Problem;
import dev.herald.error.UserError;
import java.util.List;

/** A campaign that cannot run; carries every problem, each with its path, not only the first. */
public class InvalidCampaignException extends UserError {

    public InvalidCampaignException(String source, List<Problem> problems) {
        super(Kind.INVALID, source + " has " + problems.size() + (problems.size() == 1 ? " error" : " errors"), problems);
    }
}
