using NewsIngest.Core.Storage;

namespace NewsIngest.Tests.LocalHost;

/// <summary>The listeners chained on a fresh Azurite: a feed item goes through the timer, the queue and the blob trigger to a table row.</summary>
[Collection(LocalHostTests.Name)]
public sealed class FeedToTableTests
{
    [Fact]
    public async Task A_feed_item_goes_through_the_timer_the_queue_and_the_blob_trigger_to_a_table_row()
    {
        await using var azurite = await FreshStorage.StartAsync();
        await using var site = await SampleSiteServer.StartAsync();
        var log = new RecordedLog();
        await using var host = await LocalHostRun.StartAsync(azurite.ConnectionString, log, [site.FeedUrl], LocalHostRun.Every(seconds: 1));

        var articles = host.Get<ArticleStore>();
        foreach (var page in site.Pages)
        {
            var blob = RawPageNames.ForUrl(page);
            await Eventually.HoldsAsync($"an Articles row for {page}", async () => await articles.GetRowAsync(blob, CancellationToken.None) is not null, LocalHostRun.Bound);
        }

        // The host logs a page as parsed just after its row is written: wait for the log line, then check each page parsed once.
        await Eventually.HoldsAsync("every page logged as parsed", () => log.ParsedBlobs.Count >= site.Pages.Count, LocalHostRun.Bound);
        Assert.Equal(site.Pages.Select(p => RawPageNames.ForUrl(p)).Order(StringComparer.Ordinal), log.ParsedBlobs.Order(StringComparer.Ordinal));
    }
}
