using System.CommandLine;
using System.Globalization;
using NewsIngest.Cli.Output;
using NewsIngest.Evaluation;
using NewsIngest.Evaluation.Datasets;
using NewsIngest.Evaluation.Extractors;
using NewsIngest.Evaluation.Timing;

namespace NewsIngest.Cli.Commands;

/// <summary>
/// <c>newsingest eval</c>: scores our extractor and SmartReader side by side on one or more benchmark folders, each
/// with the metric its ground truth calls for (see <see cref="BenchmarkDataset.MetricFor"/>).
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var datasets = new Option<DirectoryInfo[]>("--dataset")
        {
            Description = "Folder holding html/<id>.html.gz and ground-truth.json; repeat to score several datasets in one run.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var timing = new Option<bool>("--timing") { Description = "Also print median per-page time and allocations for each dataset: bare AngleSharp parse, ours, SmartReader." };
        var report = new Option<FileInfo?>("--pages-csv") { Description = "Also write per-page precision, recall and F1 of both extractors, one row per dataset and page, to this CSV file." };
        var command = new Command("eval", "Score article-body extraction for NewsIngest and SmartReader on the same pages: each dataset's own F1, empty bodies, snippets, and the pages where ours is far below.")
        {
            datasets, timing, report,
        };
        command.SetAction(parse => Run(parse.GetValue(datasets)!, parse.GetValue(timing), parse.GetValue(report)));
        return command;
    }

    private static int Run(DirectoryInfo[] directories, bool timing, FileInfo? report)
    {
        var missing = directories.Where(d => !BenchmarkDataset.Exists(d.FullName)).ToList();
        foreach (var directory in missing)
        {
            Console.Error.WriteLine($"{directory.FullName}: no ground-truth.json and html/ folder here.");
        }

        if (missing.Count > 0)
        {
            return 2;
        }

        var c = CultureInfo.InvariantCulture;
        using var csv = report is null ? null : new PagesCsv(report);
        foreach (var directory in directories)
        {
            var dataset = BenchmarkDataset.Load(directory.FullName);
            var ours = EvaluationRunner.Run(dataset, new NewsIngestBodyExtractor());
            var theirs = EvaluationRunner.Run(dataset, new SmartReaderBodyExtractor());
            EvaluationReport.Print(Console.Out, dataset, directory.FullName, ours, theirs, c);
            csv?.Write(dataset.Name, ours, theirs);
            if (timing)
            {
                EvaluationReport.PrintTiming(Console.Out, TimingRunner.Run(dataset), c);
            }
        }

        return 0;
    }
}
