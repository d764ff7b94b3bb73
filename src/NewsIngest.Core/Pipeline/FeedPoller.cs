using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsIngest.Core.Configuration;
using NewsIngest.Core.Deduplication;
using NewsIngest.Core.Feeds;
using NewsIngest.Core.Fetching;
using NewsIngest.Core.Storage;
using NewsIngest.Core.Urls;

namespace NewsIngest.Core.Pipeline;

/// <summary>
/// The timer's work: read every configured feed (conditionally) and enqueue one <see cref="PageRequest"/> per article
/// not claimed yet. It downloads no page itself, so it returns in seconds however many items the feeds list.
/// Each canonical URL is claimed in <c>PageClaims</c> before it is enqueued, so overlapping runs enqueue an article once.
/// </summary>
public sealed partial class FeedPoller(
    IOptions<FeedOptions> options,
    PageFetcher fetcher,
    FeedStateStore feedState,
    PageClaimStore claims,
    StorageClients storage,
    ILogger<FeedPoller> logger)
{
    /// <summary>Enqueues of one feed run this many at a time.</summary>
    private const int EnqueueConcurrency = 16;

    /// <summary>
    /// Enqueues in flight for the whole run, across the feeds read at once: each in-flight storage request holds tens of KB
    /// (measured: about 32 KB of request buffers), so without this bound a slow storage account would let 64 feeds × 16 sends
    /// pile up, and the run's memory follow the storage latency.
    /// </summary>
    private const int RunEnqueueConcurrency = 32;

    /// <summary>
    /// Pages of one host per batch message. A feed listing at least this many new pages of one host sends them this many to a
    /// message (<see cref="PageRequest.More"/>): a first read of a 2,000-item feed costs 200 sends, receives and deletes instead
    /// of 2,000 each. Ten pages at the production politeness (2 at a time, 1 s apart) take seconds, far inside the function
    /// timeout; smaller groups keep one message per page, as before.
    /// </summary>
    public const int BatchSize = 10;

    /// <summary>
    /// Feeds read at once. A feed costs a few storage round trips besides its request (validators, claims, messages, the shared
    /// host gate), so it is storage latency, not the sites, that bounds a run: 64 at once read 10,000 feeds well inside the
    /// schedule (docs/fetching.md, "10,000 feeds"). Politeness is unaffected: per-host and global limits apply in the HTTP pipeline.
    /// </summary>
    private const int FeedConcurrency = 64;

    /// <summary>A sitemap index names at most this many child sitemaps per poll (newest first): news sitemaps past that are archives.</summary>
    private const int MaxChildSitemaps = 20;

    public async Task<FeedPollSummary> PollAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        using var run = new PollRun(RunEnqueueConcurrency);
        // Feeds are read in parallel: hundreds of feeds at one conditional GET each still take seconds. Per-host politeness is the
        // HTTP pipeline's job, so feeds of one site still queue up behind each other there; interleaved by host, they do not
        // hold up the other sites' feeds meanwhile.
        await Parallel.ForEachAsync(FeedOrder.InterleaveByHost(options.Value.Feeds), new ParallelOptions { MaxDegreeOfParallelism = FeedConcurrency, CancellationToken = cancellationToken },
            (feedUrl, ct) => new ValueTask(PollFeedAsync(feedUrl, run, allowIndex: true, ct))).ConfigureAwait(false);

        var summary = new FeedPollSummary(options.Value.Feeds.Count, run.NotModified, run.Failed, run.Enqueued, run.Duplicates)
        {
            RefusedFeeds = [.. run.Refused],
        };
        // Logged here rather than by each host's timer function, so the Functions app and `newsingest run` say the same thing.
        LogSummary(logger, summary.Feeds, summary.NotModified, summary.NewItems, summary.Duplicates);
        return summary;
    }

    private async Task PollFeedAsync(Uri feedUrl, PollRun run, bool allowIndex, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["FeedUrl"] = feedUrl });
        var (etag, lastModified, known) = await feedState.GetAsync(feedUrl, cancellationToken).ConfigureAwait(false);
        var result = await fetcher.FetchFeedAsync(feedUrl, etag, lastModified, cancellationToken).ConfigureAwait(false);
        if (result.Status == FetchStatus.NotModified)
        {
            Interlocked.Increment(ref run.NotModified);
            return;
        }

        var document = ReadDocument(feedUrl, result);
        if (document is null)
        {
            // Counted for the configured feeds only (allowIndex), so the count compares with Feeds: a run whose every feed
            // failed read nothing. A failing child sitemap of an index that was read is logged, not counted.
            if (allowIndex)
            {
                if (result.Status == FetchStatus.Refused && (result.FinalUrl ?? feedUrl).Scheme is "http" or "https")
                {
                    run.Refused.Enqueue(feedUrl);
                }

                Interlocked.Increment(ref run.Failed);
            }
            return;
        }

        var fresh = new List<Uri>();
        foreach (var item in document.Items)
        {
            var canonical = UrlCanonicalizer.Canonicalize(item.Link);
            if (run.SeenFirst(canonical))
            {
                fresh.Add(canonical);
            }
            else
            {
                Interlocked.Increment(ref run.Duplicates);
            }
        }

        // A feed never read before (no FeedState row) lists mostly new pages: claimed in transactions even when few.
        var claimResults = await claims.TryClaimManyAsync(fresh, feedUrl, likelyNew: !known, cancellationToken).ConfigureAwait(false);
        var claimed = claimResults.Claimed.Concat(claimResults.TakenOver).ToList();
        Interlocked.Add(ref run.Duplicates, fresh.Count - claimed.Count);
        var enqueued = new System.Collections.Concurrent.ConcurrentDictionary<Uri, bool>();
        // Pages taken over after their lease may have been stored by the run that lost their message: their requests say so.
        var requests = Messages(claimResults.Claimed, feedUrl, recheck: false).Concat(Messages(claimResults.TakenOver, feedUrl, recheck: true));
        try
        {
            await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = EnqueueConcurrency, CancellationToken = cancellationToken }, async (request, ct) =>
            {
                await run.EnqueueSlots.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    await EnqueueAsync(request, ct).ConfigureAwait(false);
                }
                finally
                {
                    run.EnqueueSlots.Release();
                }

                foreach (var page in request.Pages())
                {
                    enqueued[page.Url] = true;
                    Interlocked.Increment(ref run.Enqueued);
                }
            }).ConfigureAwait(false);
        }
        catch
        {
            // Claims whose message was never sent are given back, so the next poll claims and enqueues them: nothing is lost.
            foreach (var url in claimed.Where(url => !enqueued.ContainsKey(url)))
            {
                await claims.ReleaseAsync(url, CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }

        if (allowIndex)
        {
            // A sitemap index: each child is polled like a feed of its own, with its own validators; an index inside a child is not followed.
            foreach (var child in document.ChildSitemaps.Take(MaxChildSitemaps))
            {
                await PollFeedAsync(child.Link, run, allowIndex: false, cancellationToken).ConfigureAwait(false);
            }
        }

        // Validators are saved only after every item is enqueued: a crash before this point re-reads the feed next time. Nor while
        // another run holds some of its items within their lease: if that run died, only a poll that lists them again after the
        // lease takes them over, and a feed answering 304 lists nothing.
        if (claimResults.Held == 0)
        {
            await feedState.SaveAsync(feedUrl, result.ETag, result.LastModified, document.Items.Count, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            LogFeedHeld(logger, feedUrl, claimResults.Held);
        }

        LogFeedRead(logger, feedUrl, document.Kind, document.Items.Count);
    }

    /// <summary>The messages for a feed's claimed pages: batches of <see cref="BatchSize"/> for a host with that many, single pages otherwise.</summary>
    private static IEnumerable<PageRequest> Messages(IReadOnlyList<Uri> claimed, Uri feedUrl, bool recheck)
    {
        foreach (var host in claimed.GroupBy(url => url.Authority, StringComparer.OrdinalIgnoreCase))
        {
            var urls = host.ToList();
            if (urls.Count < BatchSize)
            {
                foreach (var url in urls)
                {
                    yield return new PageRequest(url, feedUrl) { Recheck = recheck };
                }

                continue;
            }

            foreach (var chunk in urls.Chunk(BatchSize))
            {
                yield return new PageRequest(chunk[0], feedUrl) { More = chunk.Length > 1 ? chunk[1..] : null, Recheck = recheck };
            }
        }
    }

    /// <summary>Enqueues claimed pages; if that fails their claims are given back, so the next poll claims and enqueues them again.</summary>
    private async Task EnqueueAsync(PageRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await storage.PageRequests.SendMessageAsync(request.ToJson(), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            foreach (var page in request.Pages())
            {
                await claims.ReleaseAsync(page.Url, CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }
    }

    private FeedDocument? ReadDocument(Uri feedUrl, FetchResult result)
    {
        if (result.Status != FetchStatus.Ok)
        {
            LogFeedFailed(logger, feedUrl, result.Error ?? result.Status.ToString());
            return null;
        }

        try
        {
            using var content = new MemoryStream(result.Content.ToArray(), writable: false);
            return FeedReader.ReadDocument(content, result.FinalUrl ?? feedUrl);
        }
        catch (FeedFormatException ex)
        {
            LogFeedFailed(logger, feedUrl, ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Read {Feeds} feeds ({NotModified} unchanged): {NewItems} new pages enqueued, {Duplicates} already known")]
    private static partial void LogSummary(ILogger logger, int feeds, int notModified, int newItems, int duplicates);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {FeedUrl} ({Kind}) listed {Count} items")]
    private static partial void LogFeedRead(ILogger logger, Uri feedUrl, FeedKind kind, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {FeedUrl}: {Held} items are held by another run's claims; the feed is read in full again next time")]
    private static partial void LogFeedHeld(ILogger logger, Uri feedUrl, int held);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {FeedUrl} could not be read: {Reason}")]
    private static partial void LogFeedFailed(ILogger logger, Uri feedUrl, string reason);

    /// <summary>The counts of one poll, shared by the parallel item loop.</summary>
    private sealed class PollRun(int enqueueSlots) : IDisposable
    {
        /// <summary>
        /// The 128-bit prefix of each canonical URL's SHA-256, not the URL: a first read of 10,000 feeds meets 50,000 URLs, and
        /// their strings would be most of what the run holds (16 bytes each instead of about 200). Two URLs sharing a prefix
        /// (odds about 1e-29 at that count) would leave the second unclaimed until a later read of a feed lists it again.
        /// </summary>
        private readonly System.Collections.Concurrent.ConcurrentDictionary<UInt128, bool> _seen = new();

        public int NotModified;
        public int Failed;
        public int Duplicates;
        public int Enqueued;

        public SemaphoreSlim EnqueueSlots { get; } = new(enqueueSlots, enqueueSlots);

        public void Dispose() => EnqueueSlots.Dispose();

        public System.Collections.Concurrent.ConcurrentQueue<Uri> Refused { get; } = new();

        /// <summary>True the first time this run meets a canonical URL (two feeds of one run listing one article).</summary>
        public bool SeenFirst(Uri canonical)
        {
            Span<byte> hash = stackalloc byte[System.Security.Cryptography.SHA256.HashSizeInBytes];
            System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical.AbsoluteUri), hash);
            return _seen.TryAdd(System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash), true);
        }
    }
}
