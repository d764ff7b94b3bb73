using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Core.Fetching;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Fetching;

/// <summary>The HTTP pipeline against a real local server: results are values, limits hold while streaming.</summary>
public sealed class PageFetcherTests
{
    private static readonly byte[] Page = Encoding.UTF8.GetBytes("<html><body><p>Bonjour</p></body></html>");

    private static ServiceProvider Services(IDictionary<string, string?>? extra = null) =>
        TestServices.Create("UseDevelopmentStorage=true", extra: extra);

    [Fact]
    public async Task An_html_page_is_returned_with_its_content_type_and_bytes()
    {
        await using var server = await LocalHttpServer.StartAsync(new Dictionary<string, (string, byte[])> { ["/a"] = ("text/html; charset=utf-8", Page) });
        await using var services = Services();
        var result = await services.GetRequiredService<PageFetcher>().FetchPageAsync(server.Url("/a"), CancellationToken.None);
        Assert.Equal(FetchStatus.Ok, result.Status);
        Assert.Equal("text/html; charset=utf-8", result.ContentType);
        Assert.Equal(Page, result.Content.ToArray());
    }

    [Fact]
    public async Task A_non_html_response_is_skipped_not_stored()
    {
        await using var server = await LocalHttpServer.StartAsync(new Dictionary<string, (string, byte[])> { ["/doc.pdf"] = ("application/pdf", "%PDF-1.4"u8.ToArray()) });
        await using var services = Services();
        var result = await services.GetRequiredService<PageFetcher>().FetchPageAsync(server.Url("/doc.pdf"), CancellationToken.None);
        Assert.Equal(FetchStatus.NotHtml, result.Status);
        Assert.True(result.Content.IsEmpty);
    }

    [Fact]
    public async Task A_page_over_the_size_limit_is_refused_even_without_a_declared_length()
    {
        await using var server = await LocalHttpServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/html";
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'a');
            for (var i = 0; i < 40; i++)
            {
                await context.Response.Body.WriteAsync(chunk); // 2.5 MiB, streamed without Content-Length
            }
        });
        await using var services = Services(new Dictionary<string, string?> { ["NewsIngest:Fetch:MaxPageBytes"] = (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var result = await services.GetRequiredService<PageFetcher>().FetchPageAsync(server.Url("/big"), CancellationToken.None);
        Assert.Equal(FetchStatus.TooLarge, result.Status);
    }

    [Fact]
    public async Task A_gzip_bomb_is_stopped_by_the_limit_on_decompressed_bytes()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 50; i++)
            {
                gzip.Write(zeros); // 50 MiB of zeros, about 50 KiB on the wire
            }
        }

        var body = compressed.ToArray();
        await using var server = await LocalHttpServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/html";
            context.Response.Headers.ContentEncoding = "gzip";
            await context.Response.Body.WriteAsync(body);
        });
        await using var services = Services();
        var result = await services.GetRequiredService<PageFetcher>().FetchPageAsync(server.Url("/bomb"), CancellationToken.None);
        Assert.Equal(FetchStatus.TooLarge, result.Status);
    }

    [Fact]
    public async Task A_not_found_page_is_an_http_error_result_not_an_exception()
    {
        await using var server = await LocalHttpServer.StartAsync(new Dictionary<string, (string, byte[])>());
        await using var services = Services();
        var result = await services.GetRequiredService<PageFetcher>().FetchPageAsync(server.Url("/missing"), CancellationToken.None);
        Assert.Equal(FetchStatus.HttpError, result.Status);
        Assert.Equal(404, result.HttpStatus);
    }

    [Fact]
    public async Task A_server_error_is_retried_and_the_later_success_returned()
    {
        var calls = 0;
        await using var server = await LocalHttpServer.StartAsync(async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            }

            context.Response.ContentType = "text/html";
            await context.Response.Body.WriteAsync(Page);
        });
        await using var services = Services();
        var result = await services.GetRequiredService<PageFetcher>().FetchPageAsync(server.Url("/flaky"), CancellationToken.None);
        Assert.Equal(FetchStatus.Ok, result.Status);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Loopback_is_refused_unless_private_addresses_are_allowed()
    {
        await using var server = await LocalHttpServer.StartAsync(new Dictionary<string, (string, byte[])> { ["/a"] = ("text/html", Page) });
        await using var services = Services(new Dictionary<string, string?> { ["NewsIngest:Fetch:AllowPrivateAddresses"] = "false", ["NewsIngest:Fetch:TotalTimeout"] = "00:00:10" });
        var result = await services.GetRequiredService<PageFetcher>().FetchPageAsync(server.Url("/a"), CancellationToken.None);
        Assert.Equal(FetchStatus.Refused, result.Status);
        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public async Task An_unchanged_feed_answers_not_modified_to_a_conditional_request()
    {
        await using var server = await LocalHttpServer.StartAsync(async context =>
        {
            if (context.Request.Headers.IfNoneMatch == "\"v1\"")
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            context.Response.Headers.ETag = "\"v1\"";
            context.Response.ContentType = "application/rss+xml";
            await context.Response.Body.WriteAsync(FeedBuilder.Rss(new Uri("https://news.example/a")));
        });
        await using var services = Services();
        var fetcher = services.GetRequiredService<PageFetcher>();
        var first = await fetcher.FetchFeedAsync(server.Url("/feed"), null, null, CancellationToken.None);
        var second = await fetcher.FetchFeedAsync(server.Url("/feed"), first.ETag, first.LastModified, CancellationToken.None);
        Assert.Equal(FetchStatus.Ok, first.Status);
        Assert.Equal("\"v1\"", first.ETag);
        Assert.Equal(FetchStatus.NotModified, second.Status);
    }
}
