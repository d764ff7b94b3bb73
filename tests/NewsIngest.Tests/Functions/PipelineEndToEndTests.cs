using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Core.Storage;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Functions;

/// <summary>The real function classes, chained as the Functions host chains them, against a real Azurite and a local site.</summary>
[Collection(AzuriteTests.Name)]
public sealed class PipelineEndToEndTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Feed_to_table_produces_the_seed_article_and_a_second_run_adds_nothing()
    {
        var routes = new Dictionary<string, (string, byte[])>();
        await using var server = await LocalHttpServer.StartAsync(routes);
        var articleUrl = server.Url("/russie/degel/");
        routes["/russie/degel/"] = ("text/html; charset=utf-8", SeedPage.Html);
        // The same article twice: once with tracking parameters and a fragment, which must not make a second page.
        routes["/feed.xml"] = ("application/rss+xml; charset=utf-8", FeedBuilder.Rss(articleUrl, new Uri(articleUrl + "?utm_source=rss#top")));

        await using var services = TestServices.Create(azurite.ConnectionString, [server.Url("/feed.xml")]);
        var storage = services.GetRequiredService<StorageClients>();
        var pipeline = new FunctionChain(services);

        await pipeline.FetchFeedsAsync();
        var messages = await pipeline.DrainPageRequestsAsync();
        var expectedBlob = RawPageNames.ForUrl(articleUrl);
        Assert.Contains(expectedBlob, messages);
        Assert.Single(messages, m => m == expectedBlob);

        var raw = storage.RawPages.GetBlobClient(expectedBlob);
        var properties = (await raw.GetPropertiesAsync()).Value;
        Assert.Equal(articleUrl.AbsoluteUri, properties.Metadata["sourceurl"]);
        Assert.Equal(server.Url("/feed.xml").AbsoluteUri, properties.Metadata["feedurl"]);
        Assert.StartsWith("text/html", properties.Metadata["contenttype"], StringComparison.Ordinal);
        Assert.True(DateTimeOffset.TryParse(properties.Metadata["fetchedat"], System.Globalization.CultureInfo.InvariantCulture, out _));

        await pipeline.ParseAsync(expectedBlob);

        var article = await services.GetRequiredService<ArticleStore>().GetAsync(expectedBlob, CancellationToken.None);
        Assert.NotNull(article);
        Assert.Equal(SeedPage.Title, article.Title);
        Assert.Equal(SeedPage.Section, article.Section);
        Assert.Equal(SeedPage.Source, article.Source);
        // The seed page's canonical link names another host than the local server it was fetched from: the fetched URL stands.
        Assert.Equal(articleUrl.AbsoluteUri, article.Url);
        Assert.DoesNotContain("Source:", article.Body, StringComparison.Ordinal);

        var row = (await storage.ArticlesTable.GetEntityAsync<TableEntity>(TableKeys.PartitionFor(expectedBlob), TableKeys.RowFor(expectedBlob))).Value;
        Assert.Equal(SeedPage.Title, row.GetString("Title"));
        Assert.Equal(SeedPage.Section, row.GetString("Section"));
        // A news article fits its row: the row holds the JSON, no blob is written for it and the row names none.
        Assert.Null(row.GetString("ArticleBlob"));
        Assert.Equal(await services.GetRequiredService<ArticleStore>().GetJsonAsync(expectedBlob, CancellationToken.None), ArticleJsonProperties.Read(row));
        Assert.False((await storage.Articles.GetBlobClient(RawPageNames.ArticleBlobFor(expectedBlob)).ExistsAsync()).Value);
        var published = ArticleRow.FromEntity(row).Published;
        Assert.Equal(DateTimeOffset.Parse("2017-05-11T13:47:00+03:00", System.Globalization.CultureInfo.InvariantCulture), published);
        Assert.Equal(TimeSpan.FromHours(3), published!.Value.Offset);

        // Second timer run: the feed lists the same article, nothing new is queued or fetched.
        var requestsBefore = server.RequestCount;
        await pipeline.FetchFeedsAsync();
        var second = await pipeline.DrainPageRequestsAsync();
        Assert.DoesNotContain(expectedBlob, second);
        Assert.Equal(requestsBefore + 1, server.RequestCount);
        Assert.Single(await ListAsync(storage, expectedBlob));
    }

    [Fact]
    public async Task A_page_dropped_by_hand_without_metadata_is_parsed_with_its_canonical_url()
    {
        await using var services = TestServices.Create(azurite.ConnectionString);
        var name = $"dropped/{Guid.NewGuid():N}/seed page.html";
        await services.GetRequiredService<RawPageStore>().DropAsync(name, SeedPage.Html, CancellationToken.None);

        await new FunctionChain(services).ParseAsync(name);

        var article = await services.GetRequiredService<ArticleStore>().GetAsync(name, CancellationToken.None);
        Assert.NotNull(article);
        Assert.Equal(SeedPage.CanonicalUrl, article.Url);
        Assert.Equal(SeedPage.Title, article.Title);
    }

    [Fact]
    public async Task FetchPage_parses_the_page_it_stores_and_marks_its_upload_so_the_event_subscription_leaves_it_out()
    {
        var routes = new Dictionary<string, (string, byte[])>();
        await using var server = await LocalHttpServer.StartAsync(routes);
        var articleUrl = server.Url("/russie/degel/");
        routes["/russie/degel/"] = ("text/html; charset=utf-8", SeedPage.Html);
        routes["/feed.xml"] = ("application/rss+xml; charset=utf-8", FeedBuilder.Rss(articleUrl));
        var uploads = new UploadRecorder();
        await using var services = TestServices.Create(azurite.ConnectionString, [server.Url("/feed.xml")], configure: collection =>
            collection.AddSingleton(StorageAccount.FromConnectionString(azurite.ConnectionString, options => options.AddPolicy(uploads, HttpPipelinePosition.PerRetry))));
        var pipeline = new FunctionChain(services);

        await pipeline.FetchFeedsAsync();
        await pipeline.DrainPageRequestsAsync();

        // No blob trigger ran: FetchPage stored the page and parsed it.
        var name = RawPageNames.ForUrl(articleUrl);
        var article = await services.GetRequiredService<ArticleStore>().GetAsync(name, CancellationToken.None);
        Assert.NotNull(article);
        Assert.Equal(SeedPage.Title, article.Title);
        var upload = Assert.Single(uploads.RawPageUploads, u => u.Blob == name);
        Assert.StartsWith(FetchedUploads.RequestIdPrefix, upload.ClientRequestId, StringComparison.Ordinal);

        // A page dropped by hand carries no mark: the subscription passes its event to ParsePage.
        var dropped = await services.GetRequiredService<RawPageStore>().DropAsync($"dropped/{Guid.NewGuid():N}.html", SeedPage.Html, CancellationToken.None);
        var drop = Assert.Single(uploads.RawPageUploads, u => u.Blob == dropped);
        Assert.False(drop.ClientRequestId.StartsWith(FetchedUploads.RequestIdPrefix, StringComparison.Ordinal));

        // The event of a fetched page, should one arrive (a subscription without the filter), parses nothing twice.
        var row = (await services.GetRequiredService<StorageClients>().ArticlesTable.GetEntityAsync<TableEntity>(TableKeys.PartitionFor(name), TableKeys.RowFor(name))).Value;
        await pipeline.ParseAsync(name);
        var after = (await services.GetRequiredService<StorageClients>().ArticlesTable.GetEntityAsync<TableEntity>(TableKeys.PartitionFor(name), TableKeys.RowFor(name))).Value;
        Assert.Equal(row.ETag, after.ETag);
    }

    /// <summary>Records the client request id of every upload to raw-pages, as Blob Storage copies it into the BlobCreated event.</summary>
    private sealed class UploadRecorder : HttpPipelineSynchronousPolicy
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<(string Blob, string ClientRequestId)> _uploads = new();

        public IEnumerable<(string Blob, string ClientRequestId)> RawPageUploads => _uploads;

        public override void OnSendingRequest(HttpMessage message)
        {
            var prefix = "/" + StorageNames.RawPagesContainer + "/";
            var path = Uri.UnescapeDataString(message.Request.Uri.Path);
            var index = path.IndexOf(prefix, StringComparison.Ordinal);
            if (message.Request.Method == RequestMethod.Put && index >= 0 && !message.Request.Uri.Query.Contains("comp=", StringComparison.Ordinal)
                && message.Request.Headers.TryGetValue("x-ms-client-request-id", out var id))
            {
                _uploads.Enqueue((path[(index + prefix.Length)..], id!));
            }
        }
    }

    private static async Task<List<string>> ListAsync(StorageClients storage, string prefix)
    {
        var names = new List<string>();
        await foreach (var blob in storage.RawPages.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        return names;
    }
}
