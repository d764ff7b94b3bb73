using NewsIngest.Core.Storage;

namespace NewsIngest.Tests.LocalHost;

/// <summary>The blob trigger's receipts, on a fresh Azurite: a page is parsed once, across a restart and across two hosts sharing the storage.</summary>
[Collection(LocalHostTests.Name)]
public sealed class BlobReceiptTests
{
    [Fact]
    public async Task A_blob_dropped_while_the_host_runs_is_parsed_once_and_not_again_after_a_restart()
    {
        await using var azurite = await FreshStorage.StartAsync();
        var log = new RecordedLog();
        var first = await LocalHostRun.StartAsync(azurite.ConnectionString, log);
        await first.Get<RawPageStore>().DropAsync("dropped/first.html", SampleSiteServer.PageHtml(0), CancellationToken.None);
        await Eventually.HoldsAsync("the dropped page parsed", () => log.ParsedBlobs.Contains("dropped/first.html"), LocalHostRun.Bound);
        await first.DisposeAsync();

        // A new host scans the container from scratch: the receipt of the first parse, not memory, keeps it from parsing the page again.
        await using var second = await LocalHostRun.StartAsync(azurite.ConnectionString, log);
        await second.Get<RawPageStore>().DropAsync("dropped/second.html", SampleSiteServer.PageHtml(1), CancellationToken.None);
        await Eventually.HoldsAsync("the page dropped after the restart parsed", () => log.ParsedBlobs.Contains("dropped/second.html"), LocalHostRun.Bound);

        Assert.Equal(["dropped/first.html", "dropped/second.html"], log.ParsedBlobs.Order(StringComparer.Ordinal));
        // The restarted host's scan did see the first page, and its receipt made the SDK skip it.
        Assert.Contains(log.Entries, e => e.Message.StartsWith("Blob 'dropped/first.html' will be skipped", StringComparison.Ordinal) && e.Message.Contains("already been processed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_hosts_on_the_same_storage_parse_each_page_once()
    {
        await using var azurite = await FreshStorage.StartAsync();
        await using var site = await SampleSiteServer.StartAsync();
        var log = new RecordedLog();
        await using var one = await LocalHostRun.StartAsync(azurite.ConnectionString, log, [site.FeedUrl], LocalHostRun.Every(seconds: 1));
        await using var two = await LocalHostRun.StartAsync(azurite.ConnectionString, log, [site.FeedUrl], LocalHostRun.Every(seconds: 1));
        var dropped = Enumerable.Range(0, SampleSiteServer.PageCount).Select(i => $"dropped/{i}.html").ToArray();
        for (var i = 0; i < dropped.Length; i++)
        {
            await one.Get<RawPageStore>().DropAsync(dropped[i], SampleSiteServer.PageHtml(i), CancellationToken.None);
        }

        var expected = site.Pages.Select(p => RawPageNames.ForUrl(p)).Concat(dropped).Order(StringComparer.Ordinal).ToArray();
        await Eventually.HoldsAsync("every fetched and dropped page parsed", () => expected.All(log.ParsedBlobs.Contains), LocalHostRun.Bound);
        // Past the moment both hosts' scans have seen every blob: a second parse would show up now.
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(expected, log.ParsedBlobs.Order(StringComparer.Ordinal));
        Assert.All(site.Pages, page => Assert.Equal(1, site.RequestsFor(page)));
    }
}
