namespace NewsIngest.Evaluation.Metrics;

/// <summary>
/// The article-extraction-benchmark metric: \w+ Unicode tokens, 4-token shingles counted as multisets (a text of
/// fewer than 4 tokens is one shingle; an empty text none), per-page TP/FP/FN normalised to sum to 1; over pages,
/// F1 of the mean precision and the mean recall.
/// </summary>
public sealed class ShingleMetric : IBodyMetric
{
    public const int ShingleSize = 4;

    private ShingleMetric()
    {
    }

    public static ShingleMetric Instance { get; } = new();

    public string Name => "4-word-shingle F1 (article-extraction-benchmark)";

    /// <summary>Per-page shares for one prediction against the truth.</summary>
    public PageScore Score(string? truth, string? prediction) =>
        TokenMultiset.Compare(Shingles(truth ?? string.Empty), Shingles(prediction ?? string.Empty));

    /// <summary>Precision over pages with TP+FP&gt;0 (an empty prediction drops out), recall over pages with TP+FN&gt;0, F1 of the two means.</summary>
    public Aggregate Aggregate(IEnumerable<PageScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        double precisionSum = 0, recallSum = 0;
        int precisionPages = 0, recallPages = 0;
        foreach (var s in scores)
        {
            if (s.TruePositive + s.FalsePositive > 0)
            {
                precisionSum += s.Precision;
                precisionPages++;
            }

            if (s.TruePositive + s.FalseNegative > 0)
            {
                recallSum += s.Recall;
                recallPages++;
            }
        }

        var precision = precisionPages == 0 ? 0 : precisionSum / precisionPages;
        var recall = recallPages == 0 ? 0 : recallSum / recallPages;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new Aggregate(f1, precision, recall);
    }

    internal static Dictionary<string, int> Shingles(string text)
    {
        var tokens = TokenMultiset.Tokens(text, lowercase: false);
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        if (tokens.Count == 0)
        {
            return result;
        }

        var count = Math.Max(1, tokens.Count - ShingleSize + 1);
        for (var i = 0; i < count; i++)
        {
            var shingle = string.Join(' ', tokens.Skip(i).Take(ShingleSize));
            result[shingle] = result.GetValueOrDefault(shingle) + 1;
        }

        return result;
    }
}
