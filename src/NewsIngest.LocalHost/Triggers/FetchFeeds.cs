using Microsoft.Azure.WebJobs;
using NewsIngest.Core.Pipeline;

namespace NewsIngest.LocalHost.Triggers;

/// <summary>The Functions app's <c>FetchFeeds</c> on the WebJobs SDK's timer: reads the feeds on the <c>FeedSchedule</c> setting.</summary>
public sealed class FetchFeeds(FeedPoller poller)
{
    [FunctionName(nameof(FetchFeeds))]
    public async Task Run([TimerTrigger("%" + LocalFunctionHost.ScheduleSetting + "%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        await poller.PollAsync(cancellationToken).ConfigureAwait(false);
    }
}
