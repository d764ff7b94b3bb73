namespace NewsIngest.Evaluation.Metrics;

/// <summary>One page's true-positive, false-positive and false-negative shares (normalised to sum to 1, or all 0).</summary>
public readonly record struct PageScore(double TruePositive, double FalsePositive, double FalseNegative)
{
    public double Precision => TruePositive + FalsePositive > 0 ? TruePositive / (TruePositive + FalsePositive) : 0;

    public double Recall => TruePositive + FalseNegative > 0 ? TruePositive / (TruePositive + FalseNegative) : 0;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Multiset counts to shares: common tokens, predicted-only tokens, reference-only tokens.</summary>
    public static PageScore FromCounts(double common, double predictedOnly, double referenceOnly)
    {
        var sum = common + predictedOnly + referenceOnly;
        return sum == 0 ? new PageScore(0, 0, 0) : new PageScore(common / sum, predictedOnly / sum, referenceOnly / sum);
    }
}
