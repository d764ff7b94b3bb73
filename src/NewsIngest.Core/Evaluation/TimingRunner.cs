using System.Diagnostics;
using AngleSharp.Html.Parser;
using NewsIngest.Core.Extraction;
using NewsIngest.Core.Extraction.Decoding;

namespace NewsIngest.Core.Evaluation;

/// <summary>
/// Same-run timing: per page, the median of several runs of the bare AngleSharp parse (of the decoded text), of our
/// full extraction (from the raw bytes, decoding included) and of SmartReader; then the median over pages, and the
/// mean allocated bytes per page. Single-threaded, after a warm-up pass.
/// </summary>
public static class TimingRunner
{
    public static TimingResult Run(BenchmarkDataset dataset, int repetitions = 5)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var texts = dataset.Pages.Select(p => PageDecoder.Decode(p.Html, null)).ToArray();
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        var extractor = new ArticleExtractor();
        var smart = new SmartReaderBodyExtractor();

        var measures = new (string Name, Action<int> Run)[]
        {
            ("AngleSharp parse", i => parser.ParseDocument(texts[i]).Dispose()),
            ("NewsIngest extract", i => extractor.Extract(dataset.Pages[i].Html, new PageContext(dataset.Pages[i].Uri))),
            ("SmartReader", i => smart.ExtractBody(dataset.Pages[i])),
        };

        var results = new List<TimingLine>();
        foreach (var (name, run) in measures)
        {
            for (var i = 0; i < texts.Length; i++)
            {
                run(i);
            }

            var medians = new double[texts.Length];
            long allocated = 0;
            var samples = new double[repetitions];
            for (var i = 0; i < texts.Length; i++)
            {
                for (var r = 0; r < repetitions; r++)
                {
                    var before = GC.GetAllocatedBytesForCurrentThread();
                    var start = Stopwatch.GetTimestamp();
                    run(i);
                    samples[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                }

                medians[i] = Median(samples);
            }

            results.Add(new TimingLine(name, Median(medians), allocated / (double)(texts.Length * repetitions)));
        }

        return new TimingResult(results);
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}

/// <summary>One timed operation: median milliseconds per page and mean allocated bytes per page.</summary>
public sealed record TimingLine(string Name, double MedianMs, double AllocatedBytes);

/// <summary>All timed operations; the first is the bare parse every ratio is taken against.</summary>
public sealed record TimingResult(IReadOnlyList<TimingLine> Lines);
