namespace NewsIngest.Evaluation.Metrics;

/// <summary>Benchmark-level F1, precision and recall.</summary>
public readonly record struct Aggregate(double F1, double Precision, double Recall);
