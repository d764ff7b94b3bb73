using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Cli.Commands;
using NewsIngest.Cli.Hosting;
using NewsIngest.Core.Pipeline;
using NewsIngest.Core.Storage;

namespace NewsIngest.Cli.Bench;

/// <summary>One timed <see cref="FeedPoller.PollAsync"/> run of <c>bench feeds</c>: what it read, wrote and cost.</summary>
internal sealed record FeedRunFigures(int Feeds, string Run, double Seconds, long Ok, int NotModified, int Failed, long ItemsListed,
    int NewPages, int Duplicates, long Messages, IReadOnlyList<StorageOperationCount> Operations, IReadOnlyDictionary<string, long> TableRequests,
    long LivePeakBytes, long LiveAfterBytes, long HeapPeakBytes, long WorkingSetPeakBytes)
{
    /// <summary>Feed requests the site answered per second (200 and 304 alike).</summary>
    public double RequestsPerSecond => (Ok + NotModified) / Seconds;

    /// <summary>Storage requests per configured feed, by service.</summary>
    public double OperationsPerFeed(string service) => Operations.Where(op => op.Service == service).Sum(op => op.Count) / (double)Feeds;

    /// <summary>Storage requests per configured feed, all services.</summary>
    public double OperationsPerFeed() => Operations.Sum(op => op.Count) / (double)Feeds;
}

/// <summary>
/// <c>newsingest bench feeds --feeds 10000</c>: the timer's work (<see cref="FeedPoller"/>, as <c>FetchFeeds</c> runs it: every
/// configured feed, conditionally, then claims and queue messages) over a local site of N small feeds on a few hundred host
/// names, against real storage, twice: a first run that finds every item, then a second one after 1 % of the feeds published
/// one item, answered mostly by 304. Prints wall time, requests per second, storage requests per feed and peak memory per run,
/// for each N given, so memory can be seen flat in N.
/// </summary>
internal static class FeedCountBench
{
    /// <summary>Between the two runs one feed in this many publishes a new item.</summary>
    public const int ChangedEvery = 100;

    public static Command CreateCommand()
    {
        var feeds = new Option<int[]>("--feeds") { Description = "Numbers of feeds, one sweep (first and second run) each.", DefaultValueFactory = _ => [1_000, 10_000], AllowMultipleArgumentsPerToken = true };
        var hosts = new Option<int>("--hosts") { Description = "Host names the feeds are spread over (feed i on host i mod hosts).", DefaultValueFactory = _ => 300 };
        var storage = StorageOption.Create();
        var command = new Command("feeds", "Wall time, requests/s, storage requests per feed and peak memory of one FetchFeeds run over N local feeds, first read and mostly-304 re-read.") { feeds, hosts, storage };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(feeds)!, parse.GetValue(hosts), parse.GetValue(storage), ct));
        return command;
    }

    private static async Task<int> RunAsync(IReadOnlyList<int> feedCounts, int hosts, string? storageOption, CancellationToken cancellationToken)
    {
        await using var lease = await StorageLease.AcquireAsync(storageOption, cancellationToken).ConfigureAwait(false);
        await using var site = await FeedCountSite.StartAsync().ConfigureAwait(false);
        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Bench: feeds {string.Join(", ", feedCounts)} over {hosts} hosts (*.bench.localhost:{site.Port}), {FeedCountSite.ItemsPerFeed} items each, {lease.Description}.")).ConfigureAwait(false);
        await Console.Error.WriteLineAsync("Production politeness (2 per host, 1 s apart, 32 in flight) with shared politeness on, as infra/main.bicep sets it; private addresses allowed (the site is on loopback).").ConfigureAwait(false);
        var figures = new List<FeedRunFigures>();
        Console.Out.WriteLine(TableHeader);
        foreach (var count in feedCounts)
        {
            // A temporary Azurite is gone with the command; a lasting store gets its queue back as it was.
            var sweep = await MeasureAsync(lease.ConnectionString, site, count, hosts, removeMessages: !lease.IsTemporary, cancellationToken).ConfigureAwait(false);
            foreach (var run in sweep)
            {
                Console.Out.WriteLine(Row(run));
            }

            figures.AddRange(sweep);
        }

        PrintOperations(figures);
        using var process = Process.GetCurrentProcess();
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"process peak working set (Process.PeakWorkingSet64, whole command): {process.PeakWorkingSet64 / 1048576.0:0} MB"));
        Console.Out.WriteLine(JsonSerializer.Serialize(figures.Select(f => new
        {
            f.Feeds,
            f.Run,
            seconds = Math.Round(f.Seconds, 2),
            requestsPerSecond = Math.Round(f.RequestsPerSecond, 1),
            ok = f.Ok,
            notModified = f.NotModified,
            failed = f.Failed,
            itemsListed = f.ItemsListed,
            newPages = f.NewPages,
            duplicates = f.Duplicates,
            messages = f.Messages,
            operationsPerFeed = Math.Round(f.OperationsPerFeed(), 3),
            liveHeapPeakMB = Math.Round(f.LivePeakBytes / 1048576.0, 1),
            liveHeapAfterMB = Math.Round(f.LiveAfterBytes / 1048576.0, 1),
            gcHeapPeakMB = Math.Round(f.HeapPeakBytes / 1048576.0, 1),
            workingSetPeakMB = Math.Round(f.WorkingSetPeakBytes / 1048576.0, 1),
            operations = f.Operations,
            tableRequests = f.TableRequests,
        })));
        return figures.All(f => f.Failed == 0) ? 0 : 1;
    }

    /// <summary>
    /// One sweep of <paramref name="feeds"/> feeds, new to the storage (their URLs name a fresh sweep): the first run, then after
    /// <see cref="ChangedEvery"/> publishes, the second. With <paramref name="removeMessages"/> the page requests it enqueued are
    /// taken out of the queue afterwards (one request each: minutes for 50,000).
    /// </summary>
    public static async Task<IReadOnlyList<FeedRunFigures>> MeasureAsync(string connectionString, FeedCountSite site, int feeds, int hosts, bool removeMessages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        var sweep = "s" + Guid.NewGuid().ToString("N")[..8];
        var counter = new StorageOperationCounter();
        var settings = new Dictionary<string, string?> { ["NewsIngest:SharedPoliteness:Enabled"] = "true" };
        var account = StorageAccount.FromConnectionString(connectionString, counter.Attach);
        // The feed list lives in the configuration, as in the Functions app; the bench keeps none of its own.
        await using var services = CliServices.Create(connectionString, [.. Enumerable.Range(0, feeds).Select(index => site.FeedUrl(sweep, index, hosts))],
            allowPrivateAddresses: true, settings, configure: collection => collection.AddSingleton(account));
        var poller = services.GetRequiredService<FeedPoller>();
        var storage = services.GetRequiredService<StorageClients>();
        // Tables and queues exist before the clock starts, as they do for every timer run but the very first.
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var first = await TimeRunAsync(poller, site, counter, feeds, "first", cancellationToken).ConfigureAwait(false);
            site.PublishNewItems(sweep, feeds, ChangedEvery);
            var second = await TimeRunAsync(poller, site, counter, feeds, "second", cancellationToken).ConfigureAwait(false);
            return [first, second];
        }
        finally
        {
            if (removeMessages)
            {
                await Console.Error.WriteLineAsync("Removing the bench's page requests from the queue.").ConfigureAwait(false);
                await BenchMessages.RemoveAsync(storage.PageRequests, $".bench.localhost:{site.Port}/{sweep}/", CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static async Task<FeedRunFigures> TimeRunAsync(FeedPoller poller, FeedCountSite site, StorageOperationCounter counter, int feeds, string run, CancellationToken cancellationToken)
    {
        site.ResetCounts();
        counter.Reset();
        FeedPollSummary summary;
        TimeSpan elapsed;
        var sampler = MemorySampler.Start();
        await using (sampler.ConfigureAwait(false))
        {
            var stopwatch = Stopwatch.StartNew();
            summary = await poller.PollAsync(cancellationToken).ConfigureAwait(false);
            elapsed = stopwatch.Elapsed;
        }

        var operations = counter.Snapshot();
        var (ok, _, items) = site.Counts;
        var messages = operations.Where(op => op is { Service: "queue", Operation: "PutMessage" }).Sum(op => op.Count);
        return new FeedRunFigures(feeds, run, elapsed.TotalSeconds, ok, summary.NotModified, summary.FailedFeeds, items, summary.NewItems,
            summary.Duplicates, messages, operations, counter.TableSnapshot(), sampler.LivePeak, sampler.LiveAfter, sampler.HeapPeak, sampler.WorkingSetPeak);
    }

    private const string TableHeader = "feeds\trun\twall s\treq/s\t200\t304\tfailed\titems listed\tnew pages (claimed, enqueued)\tduplicates\tmessages\tstorage ops/feed (table+queue+blob)\tlive heap peak MB\tlive heap after MB\tGC heap peak MB\tworking set peak MB";

    private static string Row(FeedRunFigures f) => string.Create(CultureInfo.InvariantCulture,
                $"{f.Feeds}\t{f.Run}\t{f.Seconds:0.0}\t{f.RequestsPerSecond:0}\t{f.Ok}\t{f.NotModified}\t{f.Failed}\t{f.ItemsListed}\t{f.NewPages}\t{f.Duplicates}\t{f.Messages}\t{f.OperationsPerFeed():0.00} ({f.OperationsPerFeed("table"):0.00}+{f.OperationsPerFeed("queue"):0.00}+{f.OperationsPerFeed("blob"):0.00})\t{f.LivePeakBytes / 1048576.0:0.0}\t{f.LiveAfterBytes / 1048576.0:0.0}\t{f.HeapPeakBytes / 1048576.0:0.0}\t{f.WorkingSetPeakBytes / 1048576.0:0}");

    private static void PrintOperations(IReadOnlyList<FeedRunFigures> figures)
    {
        Console.Out.WriteLine();
        Console.Out.WriteLine("storage requests per feed, by run: service operation (price class)");
        foreach (var f in figures)
        {
            var kinds = f.Operations.Select(op => string.Create(CultureInfo.InvariantCulture, $"{op.Service} {op.Operation} ({op.PriceClass}) {op.Count / (double)f.Feeds:0.000}"));
            var perTable = f.TableRequests.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key} {pair.Value / (double)f.Feeds:0.000}"));
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{f.Feeds} {f.Run}: {string.Join("; ", kinds)}"));
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{f.Feeds} {f.Run} table requests by table: {string.Join("; ", perTable)}"));
        }
    }
}
