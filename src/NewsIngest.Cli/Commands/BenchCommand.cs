using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Cli.Bench;
using NewsIngest.Cli.Hosting;
using NewsIngest.Core.Pipeline;
using NewsIngest.Core.Storage;

namespace NewsIngest.Cli.Commands;

/// <summary>
/// <c>newsingest bench nested-feeds</c>: see <see cref="NestedFeedBench"/>. <c>newsingest bench feeds</c>: see <see cref="FeedCountBench"/>. <c>bench startup</c> and <c>bench threads</c>: see <see cref="StartupBenchCommand"/>.
/// <c>newsingest bench ingest</c>: the whole pipeline (feed → queue → pages → raw blobs → parse → article blobs and table) over a
/// local site of N pages, against the storage ceiling of the same writes in a bare loop, in one run.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var pages = new Option<int>("--pages") { Description = "Pages on the local site and in its feed.", DefaultValueFactory = _ => 2000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Workers of the pipeline and of the ceiling loop alike.", DefaultValueFactory = _ => 16 };
        var storage = StorageOption.Create();
        var ingest = new Command("ingest", "Pages per second of the whole pipeline through storage, and of a bare loop of the same writes (the ceiling).") { pages, concurrency, storage };
        ingest.SetAction((parse, ct) => RunAsync(parse.GetValue(pages), parse.GetValue(concurrency), parse.GetValue(storage), ct));
        var levels = new Option<int[]>("--levels") { Description = "Nesting depths of the feeds to read.", DefaultValueFactory = _ => [10_000, 20_000, 80_000, 600_000], AllowMultipleArgumentsPerToken = true };
        var baselineMax = new Option<int>("--baseline-max") { Description = "Deepest feed the quadratic XDocument baseline is run on.", DefaultValueFactory = _ => 20_000 };
        var feeds = new Command("nested-feeds", "Seconds to read deeply nested feeds, against loading them whole with XDocument (the reader before issue 10).") { levels, baselineMax };
        feeds.SetAction(parse => NestedFeedBench.Run(parse.GetValue(levels)!, parse.GetValue(baselineMax)));
        return new Command("bench", "Benchmarks.") { ingest, feeds, FeedCountBench.CreateCommand(), StartupBenchCommand.CreateStartup(), StartupBenchCommand.CreateThreads() };
    }

    private static async Task<int> RunAsync(int pages, int concurrency, string? storageOption, CancellationToken cancellationToken)
    {
        await using var lease = await StorageLease.AcquireAsync(storageOption, cancellationToken).ConfigureAwait(false);
        await using var site = await BenchSite.StartAsync(pages).ConfigureAwait(false);
        // One local site is one host: the production politeness limits (2 at a time, 1 s apart) would measure the throttle,
        // not the pipeline. Raised here, and said so in the output.
        var settings = new Dictionary<string, string?>
        {
            ["NewsIngest:Fetch:PerHostConcurrency"] = concurrency.ToString(CultureInfo.InvariantCulture),
            ["NewsIngest:Fetch:MinDelayPerHost"] = "00:00:00",
            ["NewsIngest:Fetch:GlobalConcurrency"] = Math.Max(concurrency, 32).ToString(CultureInfo.InvariantCulture),
            ["NewsIngest:Cycle:Concurrency"] = concurrency.ToString(CultureInfo.InvariantCulture),
        };
        await Console.Error.WriteLineAsync($"Bench: {pages} pages at {site.BaseUrl}, {concurrency} workers, {lease.Description}.").ConfigureAwait(false);
        await Console.Error.WriteLineAsync($"Politeness raised for the bench (one local host): per-host concurrency {concurrency}, no per-host delay.").ConfigureAwait(false);
        await using var services = CliServices.Create(lease.ConnectionString, [site.FeedUrl], allowPrivateAddresses: true, settings);
        var storage = services.GetRequiredService<StorageClients>();
        var runId = Guid.NewGuid().ToString("N")[..8];

        // Warm-up: connections, JIT and Azurite's first writes should count against neither figure.
        await StorageCeiling.RunAsync(storage, Math.Min(50, pages), concurrency, runId + "-warm", cancellationToken).ConfigureAwait(false);
        // The ceiling runs before and after the pipeline and the two are averaged: on a shared machine the load drifts during a
        // run, and bracketing the pipeline keeps the ratio fair to both.
        var before = await StorageCeiling.RunAsync(storage, pages, concurrency, runId + "-a", cancellationToken).ConfigureAwait(false);

        var stopwatch = Stopwatch.StartNew();
        var summary = await services.GetRequiredService<IngestCycle>().RunAsync(cancellationToken).ConfigureAwait(false);
        var pipeline = stopwatch.Elapsed;

        var after = await StorageCeiling.RunAsync(storage, pages, concurrency, runId + "-b", cancellationToken).ConfigureAwait(false);
        var ceiling = (before + after) / 2;

        var pipelineRate = (summary.Parsed + summary.Rejected) / pipeline.TotalSeconds;
        var ceilingRate = pages / ceiling.TotalSeconds;
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pipeline: {summary.Parsed + summary.Rejected} pages in {pipeline.TotalSeconds:0.00} s = {pipelineRate:0.0} pages/s (fetched {summary.Fetched}, parsed {summary.Parsed}, rejected {summary.Rejected})"));
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ceiling:  {pages} pages in {ceiling.TotalSeconds:0.00} s = {ceilingRate:0.0} pages/s (raw blob + article blob + Articles and ArticlesByDay upserts, {concurrency} at a time; mean of {before.TotalSeconds:0.00} s before and {after.TotalSeconds:0.00} s after)"));
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio:    {pipelineRate / ceilingRate:0.00}"));
        Console.Out.WriteLine(JsonSerializer.Serialize(new
        {
            pages,
            concurrency,
            pipelineSeconds = Math.Round(pipeline.TotalSeconds, 2),
            pipelinePagesPerSecond = Math.Round(pipelineRate, 1),
            ceilingSeconds = Math.Round(ceiling.TotalSeconds, 2),
            ceilingPagesPerSecond = Math.Round(ceilingRate, 1),
            ratio = Math.Round(pipelineRate / ceilingRate, 2),
            summary,
        }));
        return summary.Fetched == pages ? 0 : 1;
    }
}
