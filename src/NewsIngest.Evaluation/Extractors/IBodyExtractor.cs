using NewsIngest.Evaluation.Datasets;

namespace NewsIngest.Evaluation.Extractors;

/// <summary>Something that turns a benchmark page into article text, so ours and SmartReader run through one harness.</summary>
public interface IBodyExtractor
{
    string Name { get; }

    string? ExtractBody(BenchmarkPage page);
}
