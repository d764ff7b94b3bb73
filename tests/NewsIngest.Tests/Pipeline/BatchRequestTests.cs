using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Core.Deduplication;
using NewsIngest.Core.Pipeline;
using NewsIngest.Core.Storage;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Pipeline;

/// <summary>Many new pages of one host travel several to a queue message; a page of a batch that fails goes back alone.</summary>
[Collection(AzuriteTests.Name)]
public sealed class BatchRequestTests(AzuriteFixture azurite)
{
    private static readonly byte[] Page = SeedPage.Html;

    [Fact]
    public void A_single_page_request_keeps_its_message_format_and_a_batch_round_trips()
    {
        var single = new PageRequest(new Uri("https://example.com/a.html"), new Uri("https://example.com/feed.xml"));
        Assert.DoesNotContain("more", single.ToJson(), StringComparison.Ordinal);
        Assert.False(PageRequest.FromJson(single.ToJson()).IsBatch);

        var batch = single with { More = [new Uri("https://example.com/b.html"), new Uri("https://example.com/c.html")] };
        var read = PageRequest.FromJson(batch.ToJson());
        Assert.True(read.IsBatch);
        Assert.Equal(["https://example.com/a.html", "https://example.com/b.html", "https://example.com/c.html"], read.Pages().Select(p => p.Url.AbsoluteUri));
        Assert.All(read.Pages(), p => Assert.Equal(single.FeedUrl, p.FeedUrl));
        Assert.Throws<JsonException>(() => PageRequest.FromJson("""{"url":"https://example.com/a.html","more":[null]}"""));
    }

    [Fact]
    public async Task Many_new_pages_of_one_host_are_enqueued_ten_to_a_message_and_every_page_is_stored_once()
    {
        byte[] feed = [];
        await using var server = await LocalHttpServer.StartAsync(async context =>
        {
            var isFeed = context.Request.Path == "/feed.xml";
            context.Response.ContentType = isFeed ? "application/rss+xml" : "text/html";
            await context.Response.Body.WriteAsync(isFeed ? feed : Page);
        });
        var pages = Enumerable.Range(0, 25).Select(i => server.Url($"/batch{i}.html")).ToArray();
        feed = FeedBuilder.Rss(pages);
        await using var services = TestServices.Create(azurite.ConnectionString, [server.Url("/feed.xml")]);
        var queue = services.GetRequiredService<StorageClients>().PageRequests;

        var poll = await services.GetRequiredService<FeedPoller>().PollAsync(CancellationToken.None);

        Assert.Equal(25, poll.NewItems);
        var downloader = services.GetRequiredService<PageDownloader>();
        var sizes = new List<int>();
        var queued = new List<string>();
        var stored = 0;
        while ((await queue.ReceiveMessagesAsync(32)).Value is { Length: > 0 } messages)
        {
            foreach (var message in messages)
            {
                var request = PageRequest.FromJson(message.Body.ToString());
                sizes.Add(request.Pages().Count);
                queued.AddRange(request.Pages().Select(page => page.Url.AbsoluteUri));
                stored += (await downloader.DownloadAllAsync(request, message.DequeueCount, CancellationToken.None)).Count(r => r.Outcome == DownloadOutcome.Stored);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }

        Assert.Equal([10, 10, 5], sizes.OrderDescending());
        Assert.Equal(pages.Select(p => p.AbsoluteUri).Order(), queued.Order());
        Assert.Equal(25, stored);
        Assert.Equal(25, server.RequestedPaths.Count(p => p.StartsWith("/batch", StringComparison.Ordinal)));
        var rawPages = services.GetRequiredService<RawPageStore>();
        foreach (var page in pages)
        {
            Assert.True(await rawPages.ExistsAsync(RawPageNames.ForUrl(page), CancellationToken.None));
        }
    }

    [Fact]
    public async Task A_page_of_a_batch_failing_even_on_the_last_delivery_goes_back_to_the_queue_alone_while_the_others_are_stored()
    {
        await using var server = await LocalHttpServer.StartAsync(async context =>
        {
            if (context.Request.Path == "/batch-down.html")
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            context.Response.ContentType = "text/html";
            await context.Response.Body.WriteAsync(Page);
        });
        await using var services = TestServices.Create(azurite.ConnectionString, extra: new Dictionary<string, string?>
        {
            ["NewsIngest:Fetch:AttemptTimeout"] = "00:00:01",
            ["NewsIngest:Fetch:TotalTimeout"] = "00:00:02",
        });
        var queue = services.GetRequiredService<StorageClients>().PageRequests;
        var down = server.Url("/batch-down.html");
        var request = new PageRequest(server.Url("/batch-up1.html"), null) { More = [down, server.Url("/batch-up2.html")] };
        try
        {
            var results = await services.GetRequiredService<PageDownloader>().DownloadAllAsync(request, PageDownloader.MaxDeliveries, CancellationToken.None);

            Assert.Equal(2, results.Count(r => r.Outcome == DownloadOutcome.Stored));
            var claim = await services.GetRequiredService<PageClaimStore>().GetAsync(down, CancellationToken.None);
            Assert.Equal(ClaimState.Queued, claim?.State); // poisoned only as a message of its own, after its own deliveries
            Assert.Contains("batch-down.html", claim?.LastError, StringComparison.Ordinal);
            Assert.Equal(1, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount); // hidden for 30 s, then retried alone
            Assert.Empty((await queue.PeekMessagesAsync(32)).Value); // not visible yet: it waits the retry delay
        }
        finally
        {
            await queue.ClearMessagesAsync();
        }
    }

    [Fact]
    public async Task A_batch_out_of_time_sends_its_remaining_pages_back_to_the_queue_as_a_batch_of_their_own()
    {
        await using var server = await LocalHttpServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/html";
            await context.Response.Body.WriteAsync(Page);
        });
        await using var services = TestServices.Create(azurite.ConnectionString);
        var queue = services.GetRequiredService<StorageClients>().PageRequests;
        var pages = Enumerable.Range(0, 4).Select(i => server.Url($"/budget{i}.html")).ToArray();
        var request = new PageRequest(pages[0], null) { More = pages[1..] };
        try
        {
            // No time at all: the first page is still done (progress is always made), the other three go back as one batch.
            var results = await services.GetRequiredService<PageDownloader>().DownloadAllAsync(request, 1, TimeSpan.Zero, CancellationToken.None);

            Assert.Equal(DownloadOutcome.Stored, Assert.Single(results).Outcome);
            var message = Assert.Single((await queue.ReceiveMessagesAsync(32)).Value);
            var rest = PageRequest.FromJson(message.Body.ToString());
            Assert.Equal(pages[1..], rest.Pages().Select(p => p.Url));
        }
        finally
        {
            await queue.ClearMessagesAsync();
        }
    }
}
