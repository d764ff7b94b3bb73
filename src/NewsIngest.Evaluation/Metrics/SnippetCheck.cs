using System.Text.RegularExpressions;
using NewsIngest.Evaluation.Datasets;

namespace NewsIngest.Evaluation.Metrics;

/// <summary>
/// WCXB's snippet test: a <c>with</c> snippet is right when the body contains it, a <c>without</c> snippet is right
/// when the body does not. Case-sensitive substring match (as trafilatura's evaluation does) after collapsing
/// whitespace on both sides, since bodies and snippets break lines differently.
/// </summary>
public static partial class SnippetCheck
{
    public static SnippetTally Check(BenchmarkPage page, string? body)
    {
        ArgumentNullException.ThrowIfNull(page);
        var text = Collapse(body ?? string.Empty);
        var withRight = page.With.Count(s => text.Contains(Collapse(s), StringComparison.Ordinal));
        var withoutRight = page.Without.Count(s => !text.Contains(Collapse(s), StringComparison.Ordinal));
        return new SnippetTally(withRight, page.With.Count, withoutRight, page.Without.Count);
    }

    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
