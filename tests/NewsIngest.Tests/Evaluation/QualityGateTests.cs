using NewsIngest.Evaluation;
using NewsIngest.Evaluation.Datasets;
using NewsIngest.Evaluation.Extractors;

namespace NewsIngest.Tests.Evaluation;

/// <summary>
/// The quality ratchet: on the shared benchmark (../shared/benchmarks/article-bodies next to the repository, or
/// NEWSINGEST_BENCHMARK_DIR) our F1 must stay at or above the pinned minimum. Skipped, visibly, when absent.
/// </summary>
public sealed class QualityGateTests
{
    /// <summary>Pinned minimum; raise it as the extractor improves, never lower it silently.</summary>
    private const double MinimumF1 = 0.95;

    [SkippableFact]
    public void Benchmark_f1_stays_above_the_pinned_minimum()
    {
        var directory = BenchmarkDirectory();
        Skip.If(directory is null || !BenchmarkDataset.Exists(directory),
            $"Benchmark not found (looked in {directory ?? "../shared/benchmarks/article-bodies from the repository root"}; set NEWSINGEST_BENCHMARK_DIR): quality gate not run.");

        var result = EvaluationRunner.Run(BenchmarkDataset.Load(directory!), new NewsIngestBodyExtractor());
        var worst = string.Join("\n", result.Worst(5).Select(p => $"  {p.Score.F1:F3} {p.Id}"));
        Assert.True(result.Aggregate.F1 >= MinimumF1,
            $"F1 {result.Aggregate.F1:F4} (P {result.Aggregate.Precision:F4}, R {result.Aggregate.Recall:F4}) is below {MinimumF1}; worst pages:\n{worst}");
    }

    private static string? BenchmarkDirectory()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("NEWSINGEST_BENCHMARK_DIR");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NewsIngest.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "benchmarks", "article-bodies"));
            }
        }

        return null;
    }
}
