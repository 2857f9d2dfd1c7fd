package dev.herald.campaign;

import java.util.List;
import java.util.stream.Collectors;

/** A campaign that cannot run; carries every problem, each with its path, not only the first. */
public class InvalidCampaignException extends RuntimeException {

    private final transient List<CampaignProblem> problems;

    public InvalidCampaignException(String source, List<CampaignProblem> problems) {
        super(source + " has " + problems.size() + (problems.size() == 1 ? " error" : " errors") + ":\n"
                + problems.stream().map(p -> indent(p.toString())).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<CampaignProblem> problems() {
        return problems;
    }

    private static String indent(String text) {
        return "  " + text.replace("\n", "\n    ");
    }
}
