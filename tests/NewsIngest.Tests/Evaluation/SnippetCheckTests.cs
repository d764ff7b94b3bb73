using NewsIngest.Evaluation.Datasets;
using NewsIngest.Evaluation.Metrics;

namespace NewsIngest.Tests.Evaluation;

public sealed class SnippetCheckTests
{
    private static readonly BenchmarkPage Page = new(
        "p", null, "unused", [],
        With: ["the council adopted the budget", "Second paragraph starts here."],
        Without: ["Subscribe to our newsletter", "Home"]);

    [Fact]
    public void A_with_snippet_is_found_across_line_breaks_and_a_without_snippet_is_right_when_absent()
    {
        var tally = SnippetCheck.Check(Page, "Tonight the council\nadopted the budget.\n\nSecond paragraph  starts here.");
        Assert.Equal(new SnippetTally(2, 2, 2, 2), tally);
        Assert.Equal(1, tally.Share);
    }

    [Fact]
    public void Boilerplate_in_the_body_makes_a_without_snippet_wrong_and_matching_is_case_sensitive()
    {
        var tally = SnippetCheck.Check(Page, "Home\nThe council adopted the budget. Subscribe to our newsletter");
        Assert.Equal(new SnippetTally(0, 2, 0, 2), tally);
    }

    [Fact]
    public void An_empty_body_gets_every_with_snippet_wrong_and_every_without_snippet_right()
    {
        var tally = SnippetCheck.Check(Page, null);
        Assert.Equal(new SnippetTally(0, 2, 2, 2), tally);
        Assert.Equal(0, tally.WithShare);
        Assert.Equal(1, tally.WithoutShare);
    }
}
