using System.Globalization;
using NewsIngest.Evaluation;
using NewsIngest.Evaluation.Datasets;
using NewsIngest.Evaluation.Timing;

namespace NewsIngest.Cli.Output;

/// <summary>The text <c>newsingest eval</c> prints for one dataset: figures side by side, then the pages to look at.</summary>
internal static class EvaluationReport
{
    /// <summary>F1 gap to SmartReader at which a page is listed: large enough that it is a miss, not a boundary quibble.</summary>
    public const double FarBelowGap = 0.3;

    private const int WorstCount = 10;

    private const int FarBelowShown = 30;

    public static void Print(TextWriter output, BenchmarkDataset dataset, string directory, EvaluationResult ours, EvaluationResult theirs, CultureInfo c)
    {
        output.WriteLine(string.Create(c, $"== {dataset.Name}: {dataset.Pages.Count} pages from {directory}"));
        output.WriteLine($"metric: {dataset.Metric.Name}");
        output.WriteLine(string.Create(c, $"{"extractor",-14} {"F1",7} {"precision",10} {"recall",8} {"empty bodies",13}"));
        foreach (var r in new[] { ours, theirs })
        {
            output.WriteLine(string.Create(c, $"{r.Extractor,-14} {r.Aggregate.F1,7:F4} {r.Aggregate.Precision,10:F4} {r.Aggregate.Recall,8:F4} {r.EmptyBodies,13}"));
        }

        if (ours.Snippets is not null && theirs.Snippets is not null)
        {
            output.WriteLine(string.Create(c, $"snippets right: {"with",7} {"without",8} {"all",6}"));
            foreach (var r in new[] { ours, theirs })
            {
                var s = r.Snippets!.Value;
                output.WriteLine(string.Create(c, $"{r.Extractor,-14}  {s.WithShare,7:F3} {s.WithoutShare,8:F3} {s.Share,6:F3}   ({s.WithRight}/{s.WithTotal} with, {s.WithoutRight}/{s.WithoutTotal} without)"));
            }
        }

        PrintFarBelow(output, ours, theirs, c);
        foreach (var r in new[] { ours, theirs })
        {
            output.WriteLine();
            output.WriteLine($"worst {WorstCount} pages, {r.Extractor} (F1 precision recall id):");
            foreach (var page in r.Worst(WorstCount))
            {
                output.WriteLine(string.Create(c, $"  {page.Score.F1:F3} {page.Score.Precision:F3} {page.Score.Recall:F3} {page.Id}"));
            }
        }

        output.WriteLine();
    }

    public static void PrintTiming(TextWriter output, TimingResult timing, CultureInfo c)
    {
        output.WriteLine("timing (per page best of 7 interleaved runs, then median and mean over pages; single thread, after warm-up; ratio against the bare parse):");
        var parse = timing.Lines[0].MedianMs;
        var meanParse = timing.Lines[0].MeanMs;
        foreach (var line in timing.Lines)
        {
            output.WriteLine(string.Create(c, $"  {line.Name,-20} median {line.MedianMs,7:F3} ms {line.MedianMs / parse,5:F2}x   mean {line.MeanMs,7:F3} ms {line.MeanMs / meanParse,5:F2}x   {line.AllocatedBytes / 1024,7:F0} KB allocated/page"));
        }

        output.WriteLine();
    }

    private static void PrintFarBelow(TextWriter output, EvaluationResult ours, EvaluationResult theirs, CultureInfo c)
    {
        var gaps = ours.FarBelow(theirs, FarBelowGap);
        output.WriteLine();
        output.WriteLine(string.Create(c, $"{gaps.Count} page(s) where {ours.Extractor} is {FarBelowGap:F1}+ F1 below {theirs.Extractor} ({ours.Extractor} {theirs.Extractor} id):"));
        foreach (var gap in gaps.Take(FarBelowShown))
        {
            output.WriteLine(string.Create(c, $"  {gap.Ours:F3} {gap.Theirs:F3} {gap.Id}"));
        }

        if (gaps.Count > FarBelowShown)
        {
            output.WriteLine(string.Create(c, $"  … and {gaps.Count - FarBelowShown} more (all in --pages-csv)"));
        }
    }
}
