using System.Text.RegularExpressions;

namespace NewsIngest.Evaluation.Metrics;

/// <summary>The tokeniser and multiset comparison both metrics share.</summary>
internal static partial class TokenMultiset
{
    /// <summary>\w+ runs; .NET's \w is Unicode-aware (letters, digits, marks, connector punctuation in any script).</summary>
    public static List<string> Tokens(string text, bool lowercase)
    {
        var tokens = new List<string>();
        foreach (var match in Word().EnumerateMatches(text))
        {
            var token = text.Substring(match.Index, match.Length);
            tokens.Add(lowercase ? token.ToLowerInvariant() : token);
        }

        return tokens;
    }

    /// <summary>Common, predicted-only and reference-only counts of two multisets, as a page score.</summary>
    public static PageScore Compare(Dictionary<string, int> expected, Dictionary<string, int> predicted)
    {
        double common = 0, predictedOnly = 0, referenceOnly = 0;
        foreach (var (item, count) in predicted)
        {
            var inTruth = expected.GetValueOrDefault(item);
            common += Math.Min(count, inTruth);
            predictedOnly += Math.Max(0, count - inTruth);
        }

        foreach (var (item, count) in expected)
        {
            referenceOnly += Math.Max(0, count - predicted.GetValueOrDefault(item));
        }

        return PageScore.FromCounts(common, predictedOnly, referenceOnly);
    }

    [GeneratedRegex(@"\w+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
