namespace NewsIngest.Tests.LocalHost;

/// <summary>
/// The listener tests run one after another and alone, after the parallel collections: each starts an Azurite, one or two hosts
/// or a whole <c>newsingest run</c> process, and beside the CPU-heavy collections (the quality gates, the crash-recovery runs) on
/// a 2-core machine their polling and start-up were starved past their bounds (a run process took over 90 s to store 4 pages).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LocalHostTests
{
    public const string Name = "LocalHost";
}
