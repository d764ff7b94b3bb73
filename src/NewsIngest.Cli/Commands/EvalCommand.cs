using System.CommandLine;
using System.Globalization;
using NewsIngest.Core.Evaluation;

namespace NewsIngest.Cli.Commands;

/// <summary><c>newsingest eval</c>: scores our extractor and SmartReader side by side on a benchmark folder.</summary>
internal static class EvalCommand
{
    private const int WorstCount = 10;

    public static Command Create()
    {
        var dataset = new Option<DirectoryInfo>("--dataset") { Description = "Folder holding html/<id>.html.gz and ground-truth.json.", Required = true };
        var timing = new Option<bool>("--timing") { Description = "Also print median per-page time and allocations: bare AngleSharp parse, ours, SmartReader." };
        var report = new Option<FileInfo?>("--pages-csv") { Description = "Also write per-page precision and recall of both extractors to this CSV file." };
        var command = new Command("eval", "Score article-body extraction (F1, precision, recall) for NewsIngest and SmartReader on the same pages.") { dataset, timing, report };
        command.SetAction(parse => Run(parse.GetValue(dataset)!, parse.GetValue(timing), parse.GetValue(report)));
        return command;
    }

    private static int Run(DirectoryInfo directory, bool timing, FileInfo? report)
    {
        if (!BenchmarkDataset.Exists(directory.FullName))
        {
            Console.Error.WriteLine($"{directory.FullName}: no ground-truth.json and html/ folder here.");
            return 2;
        }

        var dataset = BenchmarkDataset.Load(directory.FullName);
        var results = new[] { EvaluationRunner.Run(dataset, new NewsIngestBodyExtractor()), EvaluationRunner.Run(dataset, new SmartReaderBodyExtractor()) };
        var c = CultureInfo.InvariantCulture;
        Console.Out.WriteLine(string.Create(c, $"{dataset.Pages.Count} pages from {directory.FullName}"));
        Console.Out.WriteLine(string.Create(c, $"{"extractor",-14} {"F1",7} {"precision",10} {"recall",8}"));
        foreach (var r in results)
        {
            Console.Out.WriteLine(string.Create(c, $"{r.Extractor,-14} {r.Aggregate.F1,7:F4} {r.Aggregate.Precision,10:F4} {r.Aggregate.Recall,8:F4}"));
        }

        foreach (var r in results)
        {
            Console.Out.WriteLine();
            Console.Out.WriteLine($"worst {WorstCount} pages, {r.Extractor} (F1 precision recall id):");
            foreach (var page in r.Worst(WorstCount))
            {
                Console.Out.WriteLine(string.Create(c, $"  {page.Score.F1:F3} {page.Score.Precision:F3} {page.Score.Recall:F3} {page.Id}"));
            }
        }

        if (report is not null)
        {
            WriteReport(report, results[0], results[1], c);
        }

        if (timing)
        {
            PrintTiming(TimingRunner.Run(dataset), c);
        }

        return 0;
    }

    private static void WriteReport(FileInfo file, EvaluationResult ours, EvaluationResult theirs, CultureInfo c)
    {
        using var writer = new StreamWriter(file.FullName);
        writer.WriteLine($"id,{ours.Extractor}_precision,{ours.Extractor}_recall,{theirs.Extractor}_precision,{theirs.Extractor}_recall");
        var other = theirs.Pages.ToDictionary(p => p.Id, StringComparer.Ordinal);
        foreach (var page in ours.Pages)
        {
            var them = other[page.Id].Score;
            writer.WriteLine(string.Create(c, $"{page.Id},{page.Score.Precision:F4},{page.Score.Recall:F4},{them.Precision:F4},{them.Recall:F4}"));
        }
    }

    private static void PrintTiming(TimingResult timing, CultureInfo c)
    {
        Console.Out.WriteLine();
        Console.Out.WriteLine("timing (per page best of 7 interleaved runs, then median and mean over pages; single thread, after warm-up; ratio against the bare parse):");
        var parse = timing.Lines[0].MedianMs;
        var meanParse = timing.Lines[0].MeanMs;
        foreach (var line in timing.Lines)
        {
            Console.Out.WriteLine(string.Create(c, $"  {line.Name,-20} median {line.MedianMs,7:F3} ms {line.MedianMs / parse,5:F2}x   mean {line.MeanMs,7:F3} ms {line.MeanMs / meanParse,5:F2}x   {line.AllocatedBytes / 1024,7:F0} KB allocated/page"));
        }
    }
}
