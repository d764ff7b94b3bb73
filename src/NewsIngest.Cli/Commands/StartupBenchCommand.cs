using System.CommandLine;
using NewsIngest.Cli.Bench;

namespace NewsIngest.Cli.Commands;

/// <summary>
/// <c>newsingest bench startup</c> (<see cref="StartupBench"/>): whole-process <c>parse</c> against the SmartReader baseline.
/// <c>newsingest bench threads</c> (<see cref="ExtractionThreadBench"/>): what extracting on a big-stack thread costs per page.
/// </summary>
internal static class StartupBenchCommand
{
    public static Command CreateStartup()
    {
        var benchmarks = BenchmarksOption();
        var copies = new Option<int>("--copies") { Description = "Copies of the 181 pages in the folder parsed.", DefaultValueFactory = _ => 3 };
        var runs = new Option<int>("--runs") { Description = "Timed runs of each process, alternated; each figure is their median.", DefaultValueFactory = _ => 3 };
        var command = new Command("startup", "Seconds of a whole 'newsingest parse' process over the benchmark pages, against SmartReader doing the same files as a whole process.") { benchmarks, copies, runs };
        command.SetAction((parse, ct) => StartupBench.RunAsync(parse.GetValue(benchmarks)!, parse.GetValue(copies), parse.GetValue(runs), ct));
        return command;
    }

    public static Command CreateThreads()
    {
        var benchmarks = BenchmarksOption();
        var rounds = new Option<int>("--rounds") { Description = "Passes over the pages; the first is warm-up, each page's figure is the median of the rest.", DefaultValueFactory = _ => 6 };
        var command = new Command("threads", "Microseconds per page of extracting inline, on a new big-stack thread per page, and on DeepStackThread's reused threads.") { benchmarks, rounds };
        command.SetAction(parse => ExtractionThreadBench.Run(parse.GetValue(benchmarks)!, parse.GetValue(rounds)));
        return command;
    }

    private static Option<string> BenchmarksOption() =>
        new("--benchmarks") { Description = "The folder holding article-bodies and wcxb-articles: all 89 article-bodies pages and the first 92 wcxb-articles pages by name are used.", DefaultValueFactory = _ => Path.Combine("..", "shared", "benchmarks") };
}
