using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Cli.Hosting;
using NewsIngest.Core.Pipeline;
using NewsIngest.Core.Storage;
using NewsIngest.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NewsIngest.Tests.Reliability;

/// <summary>
/// In-process cycles killed at random points (<see cref="KillSwitch"/>: after a random number of storage requests, the last one
/// carried out or not) while a local site keeps publishing; then plain runs, with no manual reparse, must leave every item the
/// feeds listed stored and parsed exactly once. A fixed seed makes every run of the test kill at the same points.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>The fixed seed; <c>NEWSINGEST_CRASH_SEED</c> replaces it to explore other kill sequences by hand.</summary>
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("NEWSINGEST_CRASH_SEED"), CultureInfo.InvariantCulture, out var seed) ? seed : 20261203;
    /// <summary>Runs while the site publishes; every third one lives, so work gets done between kills and the backlog drains.</summary>
    private const int Runs = 24;
    private const int Feeds = 2;
    private const int NewItemsPerRun = 2;

    /// <summary>Items each feed lists before the first run: enough for batch messages (10 pages of one host to a message).</summary>
    private const int FirstItems = 12;

    /// <summary>
    /// Items a feed lists while runs are being killed (the newest), as news feeds do; the recovery runs meet a listing of every item
    /// (the site's archive sitemap, say), so that an item which left the feed before any run got to it is not counted as lost to a crash.
    /// </summary>
    private const int FeedWindow = 14;


    private const int MaxRecoveryRuns = 6;

    /// <summary>Short, so that recovery happens within the test: claims' lease and the cycle's receive visibility.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(2);

    private AzuriteProcess? _azurite;

    public async Task InitializeAsync()
    {
        var executable = AzuriteProcess.FindExecutable(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("Azurite is not installed: run 'npm ci' at the repository root.");
        _azurite = await AzuriteProcess.StartAsync(executable);
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task Runs_killed_at_random_points_then_plain_runs_leave_every_feed_item_stored_and_parsed_exactly_once()
    {
        var random = new Random(Seed);
        var site = new PublishingSite();
        await using var server = await LocalHttpServer.StartAsync(site.HandleAsync);
        var feeds = Enumerable.Range(0, Feeds).Select(f => server.Url($"/feed{f}.xml")).ToList();
        var kills = 0;
        var lastLived = 200; // storage requests of the last run that lived: kill points are drawn over a whole run, poll to drain
        for (var run = 0; run < Runs; run++)
        {
            site.Publish(run == 0 ? FirstItems : NewItemsPerRun);
            var killAt = run % 3 == 2 ? (int?)null : random.Next(1, lastLived + 1);
            var (killed, requests) = await RunAsync(feeds, killAt, carryOutLast: random.Next(2) == 0);
            if (killed)
            {
                kills++;
            }
            else
            {
                lastLived = requests;
            }

            // Sometimes the next run comes before the dead run's claims and messages are due, sometimes after.
            await Task.Delay(random.Next(0, 700));
        }

        site.ListEverything();
        var recoveries = 0;
        Census census;
        do
        {
            await Task.Delay(Visibility + TimeSpan.FromMilliseconds(200));
            await RunAsync(feeds, killAt: null, carryOutLast: false);
            recoveries++;
            census = await Census.TakeAsync(_azurite!.ConnectionString, site.Listed(server));
        }
        while ((census.Lost > 0 || census.Stuck > 0) && recoveries < MaxRecoveryRuns);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed {Seed}: {Runs} runs, {kills} killed at random points, then {recoveries} plain runs; {census.Pages} pages " +
            $"({census.Articles} articles, {census.Rejections} rejections), {site.PageRequests} page requests; lost {census.Lost}, stuck {census.Stuck}, duplicated {census.Duplicated}"));
        Assert.True(kills >= Runs / 2, $"only {kills} of {Runs} runs were killed");
        Assert.Equal((FirstItems + ((Runs - 1) * NewItemsPerRun)) * Feeds, census.Pages);
        Assert.Equal((0, 0, 0), (census.Lost, census.Stuck, census.Duplicated));
    }

    /// <summary>
    /// One process: a fresh service graph (no cache survives), killed at its <paramref name="killAt"/>-th storage request; whether
    /// it was killed, and how many storage requests it made.
    /// </summary>
    private async Task<(bool Killed, int Requests)> RunAsync(IReadOnlyList<Uri> feeds, int? killAt, bool carryOutLast)
    {
        using var process = new CancellationTokenSource();
        var kill = killAt is { } at ? new KillSwitch(at, carryOutLast, process) : KillSwitch.Never(process);
        var connection = _azurite!.ConnectionString;
        var started = Stopwatch.GetTimestamp();
        await using var services = TestServices.Create(connection, feeds, new Dictionary<string, string?>
        {
            ["NewsIngest:Claims:Lease"] = Lease.ToString("c", CultureInfo.InvariantCulture),
            ["NewsIngest:Cycle:ReceiveVisibility"] = Visibility.ToString("c", CultureInfo.InvariantCulture),
        }, configure: s => s.AddSingleton(kill.Account(connection)));
        try
        {
            var summary = await services.GetRequiredService<IngestCycle>().RunAsync(process.Token);
            output.WriteLine($"a run lived: {kill.Requests} storage requests, {summary.Parsed} parsed, {summary.Rejected} rejected, {summary.Duplicates} duplicates, {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        }
        catch (Exception) when (kill.Fired)
        {
            // Dead: whatever it was doing stops here, and only what storage already holds remains.
            output.WriteLine($"killed at storage request {kill.KillAt} ({(kill.CarryOutLast ? "carried out" : "not sent")}), {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        }

        return (kill.Fired, kill.Requests);
    }

    /// <summary>A site whose feeds gain items run after run; every seventh page holds no article (a rejection, not an error).</summary>
    private sealed class PublishingSite
    {
        private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
        private volatile int _published;
        private volatile int _window = FeedWindow;

        public int PageRequests => _requests.Values.Sum();

        public void Publish(int items) => _published += items;

        public void ListEverything() => _window = int.MaxValue;

        /// <summary>Every item any feed has listed so far.</summary>
        public IReadOnlyList<(Uri Url, bool IsArticle)> Listed(LocalHttpServer server) =>
            [.. Enumerable.Range(0, Feeds).SelectMany(f => Enumerable.Range(0, _published).Select(i => (server.Url(PagePath(f, i)), IsArticle(i))))];

        public async Task HandleAsync(HttpContext context)
        {
            var path = context.Request.Path.Value ?? "/";
            if (path.StartsWith("/feed", StringComparison.Ordinal))
            {
                var feed = int.Parse(path["/feed".Length..^".xml".Length], CultureInfo.InvariantCulture);
                var published = _published;
                var window = _window;
                var etag = $"\"{feed}-{published}-{window}\"";
                context.Response.Headers.ETag = etag;
                if (context.Request.Headers.IfNoneMatch == etag)
                {
                    context.Response.StatusCode = StatusCodes.Status304NotModified;
                    return;
                }

                var items = Enumerable.Range(0, published).Reverse().Take(window).Select(i => new Uri(context.Request.Scheme + "://" + context.Request.Host + PagePath(feed, i)));
                context.Response.ContentType = "application/rss+xml";
                await context.Response.Body.WriteAsync(FeedBuilder.Rss([.. items]));
                return;
            }

            _requests.AddOrUpdate(path, 1, (_, n) => n + 1);
            var index = int.Parse(path[(path.LastIndexOf('p') + 1)..^".html".Length], CultureInfo.InvariantCulture);
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.Body.WriteAsync(IsArticle(index)
                ? TestPages.Article($"Article {path}", $"Texte de {path}, publié pour l'essai.\n\nSuite {index}.")
                : Encoding.UTF8.GetBytes("<!DOCTYPE html><html><head><title>Menu</title></head><body><nav><a href=\"/\">Accueil</a></nav></body></html>"));
        }

        private static string PagePath(int feed, int item) => $"/f{feed}/p{item}.html";

        private static bool IsArticle(int item) => item % 7 != 3;
    }

    /// <summary>What storage holds for the listed items: each must have one raw page and one article (or one rejection).</summary>
    private sealed record Census(int Pages, int Articles, int Rejections, int Lost, int Stuck, int Duplicated)
    {
        public static async Task<Census> TakeAsync(string connection, IReadOnlyList<(Uri Url, bool IsArticle)> listed)
        {
            using var storage = new StorageClients(StorageAccount.FromConnectionString(connection));
            var stored = await StoredPages.TakeAsync(storage);
            var raw = stored.RawPages.ToHashSet(StringComparer.Ordinal);
            var rows = stored.ArticleRows.ToHashSet(StringComparer.Ordinal);
            var days = stored.DayRows.ToHashSet(StringComparer.Ordinal);
            var blobs = stored.ArticleBlobs.ToHashSet(StringComparer.Ordinal);
            var named = stored.BlobsNamedByRows.ToHashSet(StringComparer.Ordinal);
            var rejections = stored.Rejections.ToHashSet(StringComparer.Ordinal);
            var expected = listed.Select(item => (Name: RawPageNames.ForUrl(item.Url), item.IsArticle)).ToList();
            var lost = expected.Count(item => !raw.Contains(item.Name));
            var stuck = expected.Count(item => raw.Contains(item.Name) && (item.IsArticle
                ? !(rows.Contains(item.Name) && days.Contains(item.Name) && (!named.Contains(RawPageNames.ArticleBlobFor(item.Name)) || blobs.Contains(RawPageNames.ArticleBlobFor(item.Name))))
                : !rejections.Contains(item.Name)));
            var urls = new List<string?>();
            await foreach (var row in storage.ArticlesTable.QueryAsync<Azure.Data.Tables.TableEntity>(select: ["Url"]))
            {
                urls.Add(row.GetString("Url"));
            }

            var duplicated = (stored.ArticleRows.Count - rows.Count) + (stored.DayRows.Count - days.Count)
                + (urls.Count - urls.Distinct(StringComparer.Ordinal).Count())
                + raw.Count(name => !expected.Any(item => item.Name == name))
                + expected.Count(item => item.IsArticle ? rejections.Contains(item.Name) : rows.Contains(item.Name))
                + blobs.Count(blob => !named.Contains(blob));
            return new Census(expected.Count, expected.Count(item => item.IsArticle), expected.Count(item => !item.IsArticle), lost, stuck, duplicated);
        }
    }
}
