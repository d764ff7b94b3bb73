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
    public async Task<FeedPollSummary> PollAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var seenThisRun = new HashSet<string>(StringComparer.Ordinal);
        var enqueued = new List<PageRequest>();
        int notModified = 0, failed = 0, duplicates = 0;
        foreach (var feedUrl in options.Value.Feeds)
        {
            using var scope = logger.BeginScope(new Dictionary<string, object> { ["FeedUrl"] = feedUrl });
            var (etag, lastModified) = await feedState.GetAsync(feedUrl, cancellationToken).ConfigureAwait(false);
            var result = await fetcher.FetchFeedAsync(feedUrl, etag, lastModified, cancellationToken).ConfigureAwait(false);
            if (result.Status == FetchStatus.NotModified)
            {
                notModified++;
                continue;
            }

            var items = ReadItems(feedUrl, result);
            if (items is null)
            {
                failed++;
                continue;
            }

            foreach (var item in items)
            {
                var canonical = UrlCanonicalizer.Canonicalize(item.Link);
                if (!seenThisRun.Add(canonical.AbsoluteUri) || !await claims.TryClaimAsync(canonical, feedUrl, cancellationToken).ConfigureAwait(false))
                {
                    duplicates++;
                    continue;
                }

                var request = new PageRequest(canonical, feedUrl);
                await EnqueueAsync(request, cancellationToken).ConfigureAwait(false);
                enqueued.Add(request);
            }

            // Validators are saved only after every item is enqueued: a crash before this point re-reads the feed next time.
            await feedState.SaveAsync(feedUrl, result.ETag, result.LastModified, items.Count, cancellationToken).ConfigureAwait(false);
            LogFeedRead(logger, feedUrl, items.Count);
        }

        return new FeedPollSummary(options.Value.Feeds.Count, notModified, failed, enqueued.Count, duplicates, enqueued);
    }

    /// <summary>Enqueues a claimed page; if that fails the claim is given back, so the next poll claims and enqueues it again.</summary>
    private async Task EnqueueAsync(PageRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await storage.PageRequests.SendMessageAsync(request.ToJson(), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await claims.ReleaseAsync(request.Url, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private IReadOnlyList<FeedItem>? ReadItems(Uri feedUrl, FetchResult result)
    {
        if (result.Status != FetchStatus.Ok)
        {
            LogFeedFailed(logger, feedUrl, result.Error ?? result.Status.ToString());
            return null;
        }

        try
        {
            using var content = new MemoryStream(result.Content.ToArray(), writable: false);
            return FeedReader.Read(content, result.FinalUrl ?? feedUrl);
        }
        catch (FeedFormatException ex)
        {
            LogFeedFailed(logger, feedUrl, ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {FeedUrl} listed {Count} items")]
    private static partial void LogFeedRead(ILogger logger, Uri feedUrl, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {FeedUrl} could not be read: {Reason}")]
    private static partial void LogFeedFailed(ILogger logger, Uri feedUrl, string reason);
}
