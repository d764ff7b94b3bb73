using NewsIngest.Evaluation;
using NewsIngest.Evaluation.Datasets;
using NewsIngest.Evaluation.Extractors;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Evaluation;

/// <summary>
/// The quality ratchet on the shared benchmarks (../shared/benchmarks/&lt;name&gt; next to the repository, or the
/// folder an environment variable names): each score must stay at or above its pinned minimum. Only our extractor
/// runs here, to keep the suite fast; <c>newsingest eval</c> gives the comparison with SmartReader. A gate whose
/// benchmark is absent is skipped, visibly, with the reason.
/// </summary>
public sealed class QualityGateTests
{
    /// <summary>Pinned minimum shingle F1 on article-bodies; raise it as the extractor improves, never lower it silently.</summary>
    private const double ArticleBodiesMinimumF1 = 0.95;

    /// <summary>Pinned minimum word-multiset F1 on wcxb-articles (SmartReader measured 0.930 on these pages).</summary>
    private const double WcxbMinimumF1 = 0.93;

    /// <summary>Most pages of wcxb-articles allowed to come out with no body: each is a lost article.</summary>
    private const int WcxbMaximumEmptyBodies = 3;

    [SkippableFact]
    public void Article_bodies_shingle_f1_stays_above_the_pinned_minimum()
    {
        var result = Evaluate("article-bodies", "NEWSINGEST_BENCHMARK_DIR");
        Assert.True(result.Aggregate.F1 >= ArticleBodiesMinimumF1,
            $"F1 {result.Aggregate.F1:F4} (P {result.Aggregate.Precision:F4}, R {result.Aggregate.Recall:F4}) is below {ArticleBodiesMinimumF1}; worst pages:\n{Worst(result)}");
    }

    [SkippableFact]
    public void Wcxb_word_f1_stays_above_the_pinned_minimum_with_few_empty_bodies()
    {
        var result = Evaluate("wcxb-articles", "NEWSINGEST_WCXB_DIR");
        var empty = string.Join(", ", result.Pages.Where(p => p.IsEmpty).Select(p => p.Id));
        Assert.True(result.Aggregate.F1 >= WcxbMinimumF1 && result.EmptyBodies <= WcxbMaximumEmptyBodies,
            $"word F1 {result.Aggregate.F1:F4} (minimum {WcxbMinimumF1}), {result.EmptyBodies} empty bodies (at most {WcxbMaximumEmptyBodies}: {empty}); worst pages:\n{Worst(result)}");
    }

    private static EvaluationResult Evaluate(string name, string environmentVariable)
    {
        var directory = BenchmarkDirectory(name, environmentVariable);
        Skip.IfNot(BenchmarkDataset.Exists(directory),
            $"Benchmark {name} not found (looked in {directory}; set {environmentVariable}): quality gate not run.");
        return EvaluationRunner.Run(BenchmarkDataset.Load(directory), new NewsIngestBodyExtractor());
    }

    private static string Worst(EvaluationResult result) =>
        string.Join("\n", result.Worst(5).Select(p => $"  {p.Score.F1:F3} {p.Id}"));

    private static string BenchmarkDirectory(string name, string environmentVariable)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(environmentVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment)
            ? Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "benchmarks", name))
            : fromEnvironment;
    }
}
