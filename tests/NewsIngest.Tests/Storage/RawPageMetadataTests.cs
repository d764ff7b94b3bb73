using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Core.Pipeline;
using NewsIngest.Core.Storage;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Storage;

/// <summary>Values copied from a response into blob metadata are bounded and cleaned, so no server can make the storage call fail.</summary>
[Collection(AzuriteTests.Name)]
public sealed class RawPageMetadataTests(AzuriteFixture azurite)
{
    private static readonly byte[] Page = TestPages.Plain;

    [Fact]
    public async Task A_page_with_a_9_KB_content_type_is_stored_with_a_bounded_content_type_and_parsed()
    {
        var huge = "text/html; charset=utf-8; x=" + new string('a', 9 * 1024);
        var routes = new Dictionary<string, (string, byte[])>();
        await using var server = await LocalHttpServer.StartAsync(routes);
        routes["/huge-type.html"] = (huge, Page);
        routes["/feed.xml"] = ("application/rss+xml", FeedBuilder.Rss(server.Url("/huge-type.html")));
        await using var services = TestServices.Create(azurite.ConnectionString, [server.Url("/feed.xml")]);

        var summary = await services.GetRequiredService<IngestCycle>().RunAsync(CancellationToken.None);

        Assert.Equal(1, summary.Fetched);
        Assert.Equal(1, summary.Parsed);
        var blob = services.GetRequiredService<StorageClients>().RawPages.GetBlobClient(RawPageNames.ForUrl(server.Url("/huge-type.html")));
        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.InRange(properties.Metadata["contenttype"].Length, 1, RawPageMetadata.MaxTextLength);
        Assert.StartsWith("text/html; charset=utf-8", properties.Metadata["contenttype"], StringComparison.Ordinal);
        Assert.InRange(properties.ContentType.Length, 1, RawPageMetadata.MaxTextLength);
    }

    [Fact]
    public async Task Metadata_with_control_characters_non_ascii_and_an_overlong_url_is_cleaned_and_the_page_stored()
    {
        await using var services = TestServices.Create(azurite.ConnectionString);
        var store = services.GetRequiredService<RawPageStore>();
        var unicode = new Uri("https://exämple.fr/actualité/été?q=ü");
        var overlong = new Uri("https://news.example/" + new string('p', 9000));
        var origin = new RawPageOrigin(unicode, overlong, DateTimeOffset.UtcNow, "text/html;\r\n charset=\u00e9t\u00e9\u0001");
        var name = $"metadata-test/{Guid.NewGuid():N}.html";

        var stored = await store.TryAddAsync(name, Page, origin, CancellationToken.None);

        Assert.NotNull(stored);
        var read = await RawPageStore.ReadAsync(services.GetRequiredService<StorageClients>().RawPages.GetBlobClient(name), 1 << 20, CancellationToken.None);
        Assert.Equal(unicode.IdnHost, read.Origin.SourceUrl?.IdnHost); // the same URL, in its ASCII spelling
        Assert.Equal(unicode.PathAndQuery, read.Origin.SourceUrl?.PathAndQuery);
        Assert.Null(read.Origin.FeedUrl); // too long to keep whole; a cut URL would be a wrong one
        Assert.Equal("text/html; charset=t", read.Origin.ContentType);
    }
}
