using System.Text.RegularExpressions;

namespace NewsIngest.Core.Evaluation;

/// <summary>
/// The article-extraction-benchmark metric: \w+ Unicode tokens, 4-token shingles counted as multisets (a text of
/// fewer than 4 tokens is one shingle; an empty text none), per-page TP/FP/FN normalised to sum to 1.
/// </summary>
public static partial class ShingleMetric
{
    public const int ShingleSize = 4;

    /// <summary>Per-page counts for one prediction against the truth.</summary>
    public static PageScore Score(string? truth, string? prediction)
    {
        var expected = Shingles(truth ?? string.Empty);
        var predicted = Shingles(prediction ?? string.Empty);
        double tp = 0, fp = 0, fn = 0;
        foreach (var (shingle, count) in predicted)
        {
            var inTruth = expected.GetValueOrDefault(shingle);
            tp += Math.Min(count, inTruth);
            fp += Math.Max(0, count - inTruth);
        }

        foreach (var (shingle, count) in expected)
        {
            fn += Math.Max(0, count - predicted.GetValueOrDefault(shingle));
        }

        var sum = tp + fp + fn;
        return sum == 0 ? new PageScore(0, 0, 0) : new PageScore(tp / sum, fp / sum, fn / sum);
    }

    /// <summary>Aggregates page scores: precision over pages with TP+FP&gt;0, recall over pages with TP+FN&gt;0, F1 of the two means.</summary>
    public static Aggregate Aggregate(IEnumerable<PageScore> scores)
    {
        double precisionSum = 0, recallSum = 0;
        int precisionPages = 0, recallPages = 0;
        foreach (var s in scores)
        {
            if (s.TruePositive + s.FalsePositive > 0)
            {
                precisionSum += s.TruePositive / (s.TruePositive + s.FalsePositive);
                precisionPages++;
            }

            if (s.TruePositive + s.FalseNegative > 0)
            {
                recallSum += s.TruePositive / (s.TruePositive + s.FalseNegative);
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
        var tokens = new List<string>();
        foreach (Match m in Word().Matches(text))
        {
            tokens.Add(m.Value);
        }

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

    [GeneratedRegex(@"\w+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}

/// <summary>One page's normalised true-positive, false-positive and false-negative shares.</summary>
public readonly record struct PageScore(double TruePositive, double FalsePositive, double FalseNegative)
{
    public double Precision => TruePositive + FalsePositive > 0 ? TruePositive / (TruePositive + FalsePositive) : 0;

    public double Recall => TruePositive + FalseNegative > 0 ? TruePositive / (TruePositive + FalseNegative) : 0;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>Benchmark-level F1, precision and recall.</summary>
public readonly record struct Aggregate(double F1, double Precision, double Recall);
