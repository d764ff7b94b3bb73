namespace NewsIngest.Evaluation.Metrics;

/// <summary>
/// WCXB's body metric: tokens are lowercased \w+ runs (Unicode), counted as multisets; per page precision = common
/// tokens / predicted tokens, recall = common tokens / reference tokens; over pages, the mean of the per-page F1
/// (an empty prediction scores 0 and stays in every mean).
/// </summary>
public sealed class WordMultisetMetric : IBodyMetric
{
    private WordMultisetMetric()
    {
    }

    public static WordMultisetMetric Instance { get; } = new();

    public string Name => "word-multiset F1 (WCXB)";

    public PageScore Score(string? truth, string? prediction) =>
        TokenMultiset.Compare(Words(truth ?? string.Empty), Words(prediction ?? string.Empty));

    /// <summary>Means over all pages of the per-page F1, precision and recall.</summary>
    public Aggregate Aggregate(IEnumerable<PageScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        double f1 = 0, precision = 0, recall = 0;
        var pages = 0;
        foreach (var s in scores)
        {
            f1 += s.F1;
            precision += s.Precision;
            recall += s.Recall;
            pages++;
        }

        return pages == 0 ? default : new Aggregate(f1 / pages, precision / pages, recall / pages);
    }

    internal static Dictionary<string, int> Words(string text)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in TokenMultiset.Tokens(text, lowercase: true))
        {
            result[token] = result.GetValueOrDefault(token) + 1;
        }

        return result;
    }
}
