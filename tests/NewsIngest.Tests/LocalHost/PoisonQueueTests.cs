using Microsoft.Azure.WebJobs.Host;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsIngest.Core.Pipeline;
using NewsIngest.Core.Storage;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.LocalHost;

/// <summary>The queue listener's dequeue count and poison queue, with host.json's maxDequeueCount, on a fresh Azurite.</summary>
[Collection(LocalHostTests.Name)]
public sealed class PoisonQueueTests
{
    [Fact]
    public async Task A_page_whose_fetch_always_fails_lands_in_the_poison_queue_after_maxDequeueCount_deliveries_with_its_reason()
    {
        await using var azurite = await FreshStorage.StartAsync();
        await using var server = await LocalHttpServer.StartAsync(context =>
        {
            if (context.Request.Path == "/feed.xml")
            {
                context.Response.ContentType = "application/rss+xml";
                return context.Response.Body.WriteAsync(FeedBuilder.Rss(new Uri(context.Request.Scheme + "://" + context.Request.Host + "/down.html"))).AsTask();
            }

            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        });
        var page = server.Url("/down.html");
        var log = new RecordedLog();
        var settings = LocalHostRun.Every(seconds: 1);
        // Each delivery fails within a second rather than after the production retries; the next delivery follows at once.
        settings["NewsIngest:Fetch:AttemptTimeout"] = "00:00:00.500";
        settings["NewsIngest:Fetch:TotalTimeout"] = "00:00:01";
        settings["AzureWebJobs:extensions:queues:visibilityTimeout"] = "00:00:00";
        await using var host = await LocalHostRun.StartAsync(azurite.ConnectionString, log, [server.Url("/feed.xml")], settings);

        var poisoned = host.Get<PoisonedRequests>();
        await Eventually.HoldsAsync("a message in page-requests-poison", async () => await poisoned.CountAsync(CancellationToken.None) > 0, LocalHostRun.Bound);

        var entry = Assert.Single(await poisoned.PeekAsync(CancellationToken.None).ToListAsync());
        Assert.Equal(page, entry.Url);
        Assert.Contains($"Fetching {page} failed", entry.Reason, StringComparison.Ordinal);
        var maxDequeueCount = (int)LocalHostRun.HostJson()["extensions"]!["queues"]!["maxDequeueCount"]!;
        Assert.Equal(maxDequeueCount, host.Get<IOptions<QueuesOptions>>().Value.MaxDequeueCount);
        Assert.Equal(maxDequeueCount, log.Entries.Count(e => e.Category == "Function.FetchPage" && e.Level == LogLevel.Error));
        var requests = host.Get<StorageClients>().PageRequests;
        Assert.Equal(0, (await requests.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }
}
