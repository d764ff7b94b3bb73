namespace NewsIngest.Evaluation.Metrics;

/// <summary>How a dataset scores an extracted body against its reference, per page and over the pages.</summary>
public interface IBodyMetric
{
    /// <summary>A short description for reports, e.g. "4-word-shingle F1".</summary>
    string Name { get; }

    PageScore Score(string? truth, string? prediction);

    Aggregate Aggregate(IEnumerable<PageScore> scores);
}
