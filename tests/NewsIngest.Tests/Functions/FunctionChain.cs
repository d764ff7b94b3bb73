using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NewsIngest.Core.Pipeline;
using NewsIngest.Core.Storage;
using NewsIngest.Functions;

namespace NewsIngest.Tests.Functions;

/// <summary>Plays the Functions host: invokes the real function classes with the inputs their triggers would bind.</summary>
internal sealed class FunctionChain(IServiceProvider services)
{
    private readonly StorageClients _storage = services.GetRequiredService<StorageClients>();

    public Task FetchFeedsAsync() =>
        new FetchFeeds(services.GetRequiredService<FeedPoller>(), NullLogger<FetchFeeds>.Instance)
            .Run(new TimerInfo(), CancellationToken.None);

    /// <summary>Delivers every queued page request to FetchPage, deleting each after success as the host does; returns the blob names requested (every page of a batch message).</summary>
    public async Task<List<string>> DrainPageRequestsAsync()
    {
        var function = new FetchPage(services.GetRequiredService<PageDownloader>());
        var requested = new List<string>();
        while (true)
        {
            var messages = (await _storage.PageRequests.ReceiveMessagesAsync(32)).Value;
            if (messages.Length == 0)
            {
                return requested;
            }

            foreach (var message in messages)
            {
                var body = message.Body.ToString();
                await function.Run(body, message.DequeueCount, CancellationToken.None);
                await _storage.PageRequests.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                requested.AddRange(PageRequest.FromJson(body).Pages().Select(page => RawPageNames.ForUrl(page.Url)));
            }
        }
    }

    public Task ParseAsync(string rawPageName) =>
        new ParsePage(services.GetRequiredService<PageProcessor>())
            .RunOnEvent(_storage.RawPages.GetBlobClient(rawPageName), rawPageName, CancellationToken.None);
}
