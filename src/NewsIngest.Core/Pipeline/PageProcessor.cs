using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsIngest.Core.Configuration;
using NewsIngest.Core.Extraction;
using NewsIngest.Core.Storage;

namespace NewsIngest.Core.Pipeline;

/// <summary>
/// The blob trigger's work: turn one raw page into an article (JSON blob + table row), or record why not.
/// Bad pages are rejections, not exceptions, so the trigger never retries them into the poison queue;
/// storage faults do throw, so the platform retries those.
/// </summary>
public sealed partial class PageProcessor(
    ArticleExtractor extractor,
    ArticleStore articles,
    RejectionStore rejections,
    IOptions<ParseOptions> options,
    ILogger<PageProcessor> logger)
{
    public async Task<ParseOutcome> ProcessAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Blob"] = blob.Name });
        var page = await RawPageStore.ReadAsync(blob, options.Value.MaxPageBytes, cancellationToken).ConfigureAwait(false);
        if (page is null)
        {
            return await RejectAsync(blob.Name, "too-large", $"The page is larger than {options.Value.MaxPageBytes} bytes.", cancellationToken).ConfigureAwait(false);
        }

        if (PageSniffer.Classify(page.Content.Span) is { } problem)
        {
            return await RejectAsync(blob.Name, problem.Status, problem.Reason, cancellationToken).ConfigureAwait(false);
        }

        Articles.Article article;
        try
        {
            article = extractor.Extract(page.Content, new PageContext(page.Origin.SourceUrl, page.Origin.ContentType));
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or InsufficientExecutionStackException)
        {
            return await RejectAsync(blob.Name, "extraction-failed", ex.Message, cancellationToken).ConfigureAwait(false);
        }

        if (string.IsNullOrWhiteSpace(article.Body))
        {
            return await RejectAsync(blob.Name, "no-article", "No article text was found on the page.", cancellationToken).ConfigureAwait(false);
        }

        await articles.SaveAsync(blob.Name, article, cancellationToken).ConfigureAwait(false);
        await rejections.ClearAsync(blob.Name, cancellationToken).ConfigureAwait(false);
        LogParsed(logger, blob.Name, article.Title, article.Body.Length);
        return ParseOutcome.Parsed;
    }

    private async Task<ParseOutcome> RejectAsync(string name, string status, string reason, CancellationToken cancellationToken)
    {
        LogRejected(logger, name, status, reason);
        await rejections.RecordAsync(name, status, reason, cancellationToken).ConfigureAwait(false);
        return ParseOutcome.Rejected;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Parsed {Blob}: {Title} ({BodyLength} characters)")]
    private static partial void LogParsed(ILogger logger, string blob, string? title, int bodyLength);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected {Blob}: {Status} {Reason}")]
    private static partial void LogRejected(ILogger logger, string blob, string status, string reason);
}
