using Microsoft.Azure.Functions.Worker;
using NewsIngest.Core.Pipeline;

namespace NewsIngest.Functions;

/// <summary>Timer: reads the configured feeds on the <c>FeedSchedule</c> setting and enqueues every new article page.</summary>
public sealed class FetchFeeds(FeedPoller poller)
{
    [Function(nameof(FetchFeeds))]
    public async Task Run([TimerTrigger("%FeedSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        await poller.PollAsync(cancellationToken).ConfigureAwait(false);
    }
}
