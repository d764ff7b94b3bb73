using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Cli.Bench;
using NewsIngest.Cli.Hosting;
using NewsIngest.Core.Pipeline;
using NewsIngest.Core.Storage;
using NewsIngest.Tests.Functions;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Pipeline;

/// <summary>
/// What one pipeline cycle asks of storage, request by request, counted by the same policy <c>bench ingest</c> uses: a change
/// that adds a request per article (above all a blob write, the dominant price) fails here. docs/storage.md explains each line.
/// </summary>
public sealed class StorageOperationCountTests
{
    private const int Articles = 10;

    /// <summary>
    /// Per run, whatever the number of articles: the feed's validators read and saved, the claims table checked once per
    /// process, the ten claims inserted as one transaction; the ten pages as one batch message sent, received and deleted, and
    /// the receive that finds the queue empty.
    /// </summary>
    private static readonly Dictionary<string, long> PerRun = new()
    {
        ["table GetEntity (transaction)"] = 1,
        ["table UpsertEntity (transaction)"] = 1,
        ["table CreateTable (transaction)"] = 1,
        ["table Batch (transaction)"] = 1,
        ["queue PutMessage (class1)"] = 1,
        ["queue GetMessages (class1)"] = 2,
        ["queue DeleteMessage (class1)"] = 1,
    };

    /// <summary>Ten articles fetched and parsed, by the in-process cycle or by FetchPage alike: the per-run requests and, per article, these.</summary>
    private static readonly Dictionary<string, long> TenFetchedArticles = new(PerRun)
    {
        // The raw page, one PutBlob with its metadata; the article JSON is in its row, so no second blob.
        ["blob PutBlob (write)"] = Articles,
        // The ArticlesByDay row and the Articles row holding the JSON (create-only inserts, no read before them), and clearing a
        // rejection the page might have had.
        ["table InsertEntity (transaction)"] = 2 * Articles,
        ["table DeleteEntity (transaction)"] = Articles,
    };

    [Fact]
    public async Task Ten_articles_through_the_cycle_cost_one_blob_write_and_three_table_transactions_each_and_four_queue_operations_in_all()
    {
        await using var run = await CountedRun.StartAsync();

        var summary = await run.Services.GetRequiredService<IngestCycle>().RunAsync(CancellationToken.None);

        Assert.Equal(Articles, summary.Parsed);
        Assert.Equal(TenFetchedArticles, run.Counts());
        var perArticle = new StorageOperationReport(run.Counter.Snapshot(), summary.Parsed).PerClass;
        Assert.Equal(1.0, perArticle["blob write"]);
    }

    [Fact]
    public async Task Ten_articles_through_the_functions_cost_the_same_and_a_trigger_on_a_fetched_page_only_reads()
    {
        await using var run = await CountedRun.StartAsync();
        var chain = new FunctionChain(run.Services);

        // As the host runs them: the timer, then the queue trigger (its receive and delete played by the chain), which stores and
        // parses each page. In the cloud the event of a fetched page is filtered out, so no blob trigger runs for it.
        await chain.FetchFeedsAsync();
        var pages = await chain.DrainPageRequestsAsync();

        Assert.Equal(Articles, pages.Count);
        Assert.Equal(TenFetchedArticles, run.Counts());

        // Where the blob trigger does fire for a fetched page (the polling scan of local runs): it reads the page and finds
        // that version's article recorded — one blob read and one table read, nothing written.
        run.Counter.Reset();
        foreach (var page in pages)
        {
            await chain.ParseAsync(page);
        }

        Assert.Equal(
            new Dictionary<string, long> { ["blob GetBlob (read)"] = Articles, ["table GetEntity (transaction)"] = Articles },
            run.Counts());
    }

    /// <summary>A counted pipeline over an Azurite and a local site of its own, with the one-time creations done and not counted.</summary>
    private sealed class CountedRun : IAsyncDisposable
    {
        private readonly AzuriteProcess _azurite;
        private readonly BenchSite _site;

        private CountedRun(AzuriteProcess azurite, BenchSite site, ServiceProvider services, StorageOperationCounter counter)
        {
            _azurite = azurite;
            _site = site;
            Services = services;
            Counter = counter;
        }

        public ServiceProvider Services { get; }

        public StorageOperationCounter Counter { get; }

        public static async Task<CountedRun> StartAsync()
        {
            // An Azurite of its own: a queue shared with other tests could hold their messages, which this run would receive and count.
            var azurite = await AzuriteProcess.StartAsync(AzuriteProcess.FindExecutable(AppContext.BaseDirectory)
                ?? throw new InvalidOperationException("Azurite is not installed: run 'npm ci' at the repository root."));
            var site = await BenchSite.StartAsync(Articles);
            var counter = new StorageOperationCounter();
            var services = TestServices.Create(azurite.ConnectionString, [site.FeedUrl],
                configure: s => s.AddSingleton(StorageAccount.FromConnectionString(azurite.ConnectionString, counter.Attach)));
            // The containers, queue and tables are created once per process, not per article: not counted.
            await services.GetRequiredService<StorageClients>().EnsureCreatedAsync(CancellationToken.None);
            counter.Reset();
            return new CountedRun(azurite, site, services, counter);
        }

        /// <summary>The counts so far, keyed "service operation (class)".</summary>
        public Dictionary<string, long> Counts() =>
            Counter.Snapshot().ToDictionary(c => $"{c.Service} {c.Operation} ({c.PriceClass})", c => c.Count);

        public async ValueTask DisposeAsync()
        {
            await Services.DisposeAsync();
            await _site.DisposeAsync();
            await _azurite.DisposeAsync();
        }
    }
}
