using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Core.Pipeline;
using NewsIngest.Core.Storage;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Pipeline;

/// <summary>The in-process cycle behind <c>newsingest ingest</c> and the demo, against Azurite and a local site.</summary>
[Collection(AzuriteTests.Name)]
public sealed class IngestCycleTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_second_cycle_on_an_unchanged_feed_fetches_nothing()
    {
        var routes = new Dictionary<string, (string, byte[])>();
        await using var server = await LocalHttpServer.StartAsync(async context =>
        {
            if (context.Request.Path == "/feed.xml")
            {
                context.Response.Headers.ETag = "\"feed-v1\"";
                if (context.Request.Headers.IfNoneMatch == "\"feed-v1\"")
                {
                    context.Response.StatusCode = 304;
                    return;
                }
            }

            if (routes.TryGetValue(context.Request.Path.Value!, out var route))
            {
                context.Response.ContentType = route.Item1;
                await context.Response.Body.WriteAsync(route.Item2);
            }
            else
            {
                context.Response.StatusCode = 404;
            }
        });
        routes["/a.html"] = ("text/html", SeedPage.Html);
        routes["/doc.pdf"] = ("application/pdf", "%PDF-1.4"u8.ToArray());
        routes["/feed.xml"] = ("application/rss+xml", FeedBuilder.Rss(server.Url("/a.html"), server.Url("/doc.pdf"), server.Url("/a.html?utm_source=x")));
        await using var services = TestServices.Create(azurite.ConnectionString, [server.Url("/feed.xml")]);
        var cycle = services.GetRequiredService<IngestCycle>();

        var first = await cycle.RunAsync(CancellationToken.None);
        Assert.Equal(1, first.Feeds);
        Assert.Equal(2, first.NewItems);
        Assert.Equal(1, first.Duplicates); // the tracking-parameter variant
        Assert.Equal(1, first.Fetched);
        Assert.Equal(1, first.Parsed);
        Assert.Equal(1, first.Skipped); // the PDF
        Assert.Equal(0, first.Rejected);

        var requestsAfterFirst = server.RequestCount;
        var second = await cycle.RunAsync(CancellationToken.None);
        Assert.Equal(1, second.NotModified);
        Assert.Equal(0, second.NewItems);
        Assert.Equal(0, second.Fetched);
        Assert.Equal(requestsAfterFirst + 1, server.RequestCount); // only the conditional feed request
        Assert.NotNull(await services.GetRequiredService<ArticleStore>().GetAsync(RawPageNames.ForUrl(server.Url("/a.html")), CancellationToken.None));

        // The cycle parsed the page from the bytes it stored: the row records exactly the stored blob's version, so a blob
        // trigger firing on it later (or a reparse) recognises the work as done.
        var name = RawPageNames.ForUrl(server.Url("/a.html"));
        var blob = services.GetRequiredService<StorageClients>().RawPages.GetBlobClient(name);
        var version = (await blob.GetPropertiesAsync()).Value.ETag.ToString();
        Assert.True(await services.GetRequiredService<ArticleStore>().IsCurrentAsync(name, version, CancellationToken.None));
    }
}
