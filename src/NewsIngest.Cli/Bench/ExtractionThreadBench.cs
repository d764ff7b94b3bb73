using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NewsIngest.Cli.Errors;
using NewsIngest.Core.Extraction;
using NewsIngest.Core.Pages;
using NewsIngest.Core.Pipeline;

namespace NewsIngest.Cli.Bench;

/// <summary>
/// <c>newsingest bench threads</c>: what the pipeline pays per page for extracting on a big-stack thread instead of the
/// calling one, over the <see cref="StartupBench"/> pages: inline, a new thread per page (<see cref="DeepStackThread"/>
/// before it reused its threads) and <see cref="DeepStackThread"/> as it is, interleaved page by page.
/// </summary>
internal static class ExtractionThreadBench
{
    private static readonly string[] Modes = ["inline", "new thread per page", "DeepStackThread (reused threads)"];

    public static int Run(string benchmarks, int rounds)
    {
        if (rounds < 2)
        {
            throw CommandException.Usage("--rounds must be at least 2 (the first is warm-up).");
        }

        var pages = StartupBench.SelectPages(benchmarks).Select(PageFiles.ReadBytes).ToList();
        var extractor = new ArticleExtractor();
        var context = new PageContext(null);
        Func<Func<int>, int>[] runners = [work => work(), NewThread, work => DeepStackThread.RunAsync(work, CancellationToken.None).GetAwaiter().GetResult()];

        // times[mode][page] over the measured rounds; the mode order rotates from page to page so drift hits all alike.
        var times = Modes.Select(_ => pages.Select(_ => new List<double>()).ToArray()).ToArray();
        // CPU time of the whole process (all threads) per mode: on a loaded machine the wall time of a hand-over includes
        // waiting for a core to wake the caller on, which the CPU time leaves out.
        var cpu = new TimeSpan[Modes.Length];
        for (var round = 0; round < rounds; round++)
        {
            for (var page = 0; page < pages.Count; page++)
            {
                for (var step = 0; step < Modes.Length; step++)
                {
                    var mode = (page + step + round) % Modes.Length;
                    var bytes = pages[page];
                    var cpuBefore = Environment.CpuUsage.TotalTime;
                    var started = Stopwatch.GetTimestamp();
                    runners[mode](() => extractor.Extract(bytes, context).Body?.Length ?? 0);
                    if (round > 0)
                    {
                        times[mode][page].Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
                        cpu[mode] += Environment.CpuUsage.TotalTime - cpuBefore;
                    }
                }
            }
        }

        // The dispatch alone: the same three ways of running work that does nothing.
        var empty = Modes.Select((_, mode) => EmptyCallMicroseconds(runners[mode])).ToArray();

        // Per page the median of its measured rounds; the figure is the mean of those over the pages.
        var perPage = times.Select(mode => mode.Select(StartupBench.Median).Average()).ToArray();
        var cpuPerPage = cpu.Select(total => total.TotalMicroseconds / (pages.Count * (rounds - 1))).ToArray();
        for (var mode = 0; mode < Modes.Length; mode++)
        {
            var overhead = perPage[mode] - perPage[0];
            var cpuOverhead = cpuPerPage[mode] - cpuPerPage[0];
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Modes[mode],-33} wall {perPage[mode],8:0.0} µs/page ({overhead,7:+0.0;-0.0} µs, {100 * overhead / perPage[0],6:+0.0;-0.0}%); CPU {cpuPerPage[mode],8:0.0} µs/page ({cpuOverhead,7:+0.0;-0.0} µs, {100 * cpuOverhead / cpuPerPage[0],6:+0.0;-0.0}%); empty call {empty[mode],6:0.0} µs"));
        }

        Console.Out.WriteLine(JsonSerializer.Serialize(new
        {
            pages = pages.Count,
            measuredRounds = rounds - 1,
            inlineMicroseconds = Math.Round(perPage[0], 1),
            newThreadMicroseconds = Math.Round(perPage[1], 1),
            reusedThreadMicroseconds = Math.Round(perPage[2], 1),
            cpuMicroseconds = cpuPerPage.Select(c => Math.Round(c, 1)).ToArray(),
            emptyCallMicroseconds = empty.Select(e => Math.Round(e, 1)).ToArray(),
        }));
        return ExitCodes.Ok;
    }

    /// <summary>What <see cref="DeepStackThread"/> did before it kept its threads: one new 256 MiB-stack thread per call.</summary>
    private static T NewThread<T>(Func<T> work)
    {
        T result = default!;
        var thread = new Thread(() => result = work(), DeepStackThread.StackBytes) { IsBackground = true };
        thread.Start();
        thread.Join();
        return result;
    }

    private static double EmptyCallMicroseconds(Func<Func<int>, int> runner)
    {
        const int calls = 2000;
        for (var i = 0; i < 100; i++)
        {
            runner(() => i);
        }

        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < calls; i++)
        {
            runner(() => i);
        }

        return Stopwatch.GetElapsedTime(started).TotalMicroseconds / calls;
    }
}
