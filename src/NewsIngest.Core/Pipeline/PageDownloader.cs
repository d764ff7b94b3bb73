using Microsoft.Extensions.Logging;
using NewsIngest.Core.Fetching;
using NewsIngest.Core.Storage;

namespace NewsIngest.Core.Pipeline;

/// <summary>The queue's work: download one requested page into <c>raw-pages</c>, once.</summary>
public sealed partial class PageDownloader(PageFetcher fetcher, RawPageStore rawPages, RejectionStore rejections, ILogger<PageDownloader> logger)
{
    public async Task<DownloadOutcome> DownloadAsync(PageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = RawPageNames.ForUrl(request.Url);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Url"] = request.Url, ["Blob"] = name });
        if (await rawPages.ExistsAsync(name, cancellationToken).ConfigureAwait(false))
        {
            return DownloadOutcome.Duplicate;
        }

        var result = await fetcher.FetchPageAsync(request.Url, cancellationToken).ConfigureAwait(false);
        switch (result.Status)
        {
            case FetchStatus.Ok:
                var origin = new RawPageOrigin(request.Url, request.FeedUrl, result.FetchedAt, result.ContentType);
                var stored = await rawPages.TryAddAsync(name, result.Content, origin, cancellationToken).ConfigureAwait(false);
                LogStored(logger, request.Url, name, result.Content.Length);
                return stored ? DownloadOutcome.Stored : DownloadOutcome.Duplicate;
            case FetchStatus.Failed:
            case FetchStatus.HttpError when result.HttpStatus is >= 500 or 408 or 429:
                throw new TransientFetchException($"Fetching {request.Url} failed: {result.Error}");
            default:
                LogSkipped(logger, request.Url, result.Status, result.Error ?? string.Empty);
                await rejections.RecordAsync(name, "skipped-" + result.Status.ToString().ToLowerInvariant(), $"{request.Url}: {result.Error}", cancellationToken).ConfigureAwait(false);
                return DownloadOutcome.Skipped;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored {Url} as {Blob} ({Bytes} bytes)")]
    private static partial void LogStored(ILogger logger, Uri url, string blob, int bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped {Url}: {Status} {Reason}")]
    private static partial void LogSkipped(ILogger logger, Uri url, FetchStatus status, string reason);
}
