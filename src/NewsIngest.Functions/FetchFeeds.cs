using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using NewsIngest.Core.Pipeline;

namespace NewsIngest.Functions;

/// <summary>Timer: reads the configured feeds on the <c>FeedSchedule</c> setting and enqueues every new article page.</summary>
public sealed partial class FetchFeeds(FeedPoller poller, ILogger<FetchFeeds> logger)
{
    [Function(nameof(FetchFeeds))]
    public async Task Run([TimerTrigger("%FeedSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var summary = await poller.PollAsync(cancellationToken).ConfigureAwait(false);
        LogSummary(logger, summary.Feeds, summary.NotModified, summary.NewItems, summary.Duplicates);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Read {Feeds} feeds ({NotModified} unchanged): {NewItems} new pages enqueued, {Duplicates} already known")]
    private static partial void LogSummary(ILogger logger, int feeds, int notModified, int newItems, int duplicates);
}
