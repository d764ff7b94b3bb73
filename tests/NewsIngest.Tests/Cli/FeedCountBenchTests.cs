using NewsIngest.Cli.Bench;
using NewsIngest.Core.Pipeline;
using NewsIngest.Core.Storage;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Cli;

/// <summary>The wiring of <c>bench feeds</c> at a small N: the real <see cref="FeedPoller"/> against Azurite and the local feed site.</summary>
[Collection(AzuriteTests.Name)]
public sealed class FeedCountBenchTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_first_run_over_twenty_feeds_claims_every_item_and_the_second_is_answered_by_304_except_the_feed_that_changed()
    {
        await using var site = await FeedCountSite.StartAsync();

        var runs = await FeedCountBench.MeasureAsync(azurite.ConnectionString, site, feeds: 20, hosts: 4, removeMessages: true, CancellationToken.None);

        var (first, second) = (runs[0], runs[1]);
        const int Items = 20 * FeedCountSite.ItemsPerFeed;
        Assert.Equal((20L, 0, 0, (long)Items, Items, 0, (long)Items), (first.Ok, first.NotModified, first.Failed, first.ItemsListed, first.NewPages, first.Duplicates, first.Messages));
        // One feed in a hundred publishes one item between the runs: of 20 feeds, feed 0 alone, listing one new item and four known.
        Assert.Equal((1L, 19, 0, (long)FeedCountSite.ItemsPerFeed, 1, FeedCountSite.ItemsPerFeed - 1, 1L), (second.Ok, second.NotModified, second.Failed, second.ItemsListed, second.NewPages, second.Duplicates, second.Messages));

        // First run, per feed: validators read and saved, and its five new items claimed in one transaction (a feed never read before).
        Assert.Equal(40, first.TableRequests["FeedState"]);
        Assert.Equal(20, first.TableRequests["$batch"]);
        Assert.False(first.TableRequests.ContainsKey("PageClaims"));
        // Second run: one read per feed and no write for a 304; the changed feed inserts its five items one by one (it was read
        // before, so they are likely known) and reads the four existing claims, which the first run still holds.
        Assert.Equal(20, second.TableRequests["FeedState"]);
        Assert.Equal(9, second.TableRequests["PageClaims"]);
        Assert.False(second.TableRequests.ContainsKey("$batch"));
        // Each feed request books and releases its host's shared slot; releases finish in the background, so at least the bookings are counted.
        Assert.True(first.TableRequests["HostLeases"] >= 20, $"HostLeases: {first.TableRequests["HostLeases"]}");
        Assert.True(second.TableRequests["HostLeases"] >= 20, $"HostLeases: {second.TableRequests["HostLeases"]}");
        Assert.All(runs, run => Assert.Equal(run.Messages, run.Operations.Where(op => op.Service == "queue").Sum(op => op.Count)));

        // The bench took its page requests back out of the shared queue.
        var left = (await StorageAccount.FromConnectionString(azurite.ConnectionString).Queues.GetQueueClient(StorageNames.PageRequestsQueue).PeekMessagesAsync(32)).Value;
        Assert.DoesNotContain(left, message => message.Body.ToString().Contains(".bench.localhost", StringComparison.Ordinal));
    }
}
