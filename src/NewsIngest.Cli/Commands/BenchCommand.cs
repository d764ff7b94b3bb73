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
        var ingest = new Command("ingest", "Pages per second of the whole pipeline through storage and its storage operations per article, against a bare loop of the same writes (the ceiling).") { pages, concurrency, storage };
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
        // Every storage request of the pipeline is counted; the ceiling writes through clients of its own, so none of its are.
        var counter = new StorageOperationCounter();
        var connection = lease.ConnectionString;
        await using var services = CliServices.Create(connection, [site.FeedUrl], allowPrivateAddresses: true, settings,
            configure: s => s.AddSingleton(StorageAccount.FromConnectionString(connection, counter.Attach)));
        using var ceilingStorage = new StorageClients(StorageAccount.FromConnectionString(connection));
        var runId = Guid.NewGuid().ToString("N")[..8];

        // Warm-up: connections, JIT and Azurite's first writes should count against neither figure.
        await StorageCeiling.RunAsync(ceilingStorage, Math.Min(50, pages), concurrency, runId + "-warm", cancellationToken).ConfigureAwait(false);
        // The ceiling runs before and after the pipeline and the two are averaged: on a shared machine the load drifts during a
        // run, and bracketing the pipeline keeps the ratio fair to both.
        var before = await StorageCeiling.RunAsync(ceilingStorage, pages, concurrency, runId + "-a", cancellationToken).ConfigureAwait(false);

        // The containers, queue and tables exist now (the ceiling made them); the pipeline's own one-time checks of that are
        // made before counting, so the counts are what each run pays.
        await services.GetRequiredService<StorageClients>().EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        counter.Reset();
        // CPU of this process only (Azurite runs in its own): the fetch, parse and storage client work a Functions instance
        // would do per article, plus the local site's serving, so an upper bound for the cost model (docs/cost.md).
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var summary = await services.GetRequiredService<IngestCycle>().RunAsync(cancellationToken).ConfigureAwait(false);
        var pipeline = stopwatch.Elapsed;
        var cpuMilliseconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
        var cpuPerArticle = summary.Parsed == 0 ? 0 : cpuMilliseconds / summary.Parsed;
        var counted = counter.Snapshot();
        var operations = new StorageOperationReport(counted, summary.Parsed);
        var dollarsPerThousand = summary.Parsed == 0 ? 0m : StoragePriceList.Cost(counted) * 1000m / summary.Parsed;

        var after = await StorageCeiling.RunAsync(ceilingStorage, pages, concurrency, runId + "-b", cancellationToken).ConfigureAwait(false);
        var ceiling = (before + after) / 2;

        var pipelineRate = (summary.Parsed + summary.Rejected) / pipeline.TotalSeconds;
        var ceilingRate = pages / ceiling.TotalSeconds;
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pipeline: {summary.Parsed + summary.Rejected} pages in {pipeline.TotalSeconds:0.00} s = {pipelineRate:0.0} pages/s (fetched {summary.Fetched}, parsed {summary.Parsed}, rejected {summary.Rejected})"));
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cpu:      {cpuPerArticle:0.0} ms of CPU per article in this process (fetch, parse, storage clients and the local site; Azurite excluded)"));
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ceiling:  {pages} pages in {ceiling.TotalSeconds:0.00} s = {ceilingRate:0.0} pages/s (the pipeline's minimal writes per article: raw page blob, Articles row holding the JSON, ArticlesByDay row; {concurrency} at a time; mean of {before.TotalSeconds:0.00} s before and {after.TotalSeconds:0.00} s after)"));
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio:    {pipelineRate / ceilingRate:0.00}"));
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"storage operations per article (the pipeline's requests, retries included; {summary.Parsed} articles):"));
        Console.Out.Write(operations.Describe());
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"storage operations per 1,000 articles: ${dollarsPerThousand:0.00000} at {StoragePriceList.Describe()}; the Functions host's own requests come on top (docs/storage.md)"));
        Console.Out.WriteLine(JsonSerializer.Serialize(new
        {
            pages,
            concurrency,
            pipelineSeconds = Math.Round(pipeline.TotalSeconds, 2),
            pipelinePagesPerSecond = Math.Round(pipelineRate, 1),
            ceilingSeconds = Math.Round(ceiling.TotalSeconds, 2),
            ceilingPagesPerSecond = Math.Round(ceilingRate, 1),
            ratio = Math.Round(pipelineRate / ceilingRate, 2),
            operationsPerArticle = operations.PerClass,
            operationsPerArticleByOperation = operations.PerOperation,
            storageOperationDollarsPer1000Articles = Math.Round(dollarsPerThousand, 5),
            cpuMillisecondsPerArticle = Math.Round(cpuPerArticle, 2),
            summary,
        }));
        return summary.Fetched == pages ? 0 : 1;
    }
}
