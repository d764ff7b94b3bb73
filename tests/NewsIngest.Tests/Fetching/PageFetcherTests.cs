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

    [Fact]
    public async Task A_429_with_retry_after_is_retried_no_sooner_than_asked_and_the_page_arrives()
    {
        var calls = new List<DateTimeOffset>();
        await using var server = await LocalHttpServer.StartAsync(async context =>
        {
            int count;
            lock (calls)
            {
                calls.Add(DateTimeOffset.UtcNow);
                count = calls.Count;
            }

            if (count == 1)
            {
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = "1";
                return;
            }

            context.Response.ContentType = "text/html";
            await context.Response.Body.WriteAsync(Page);
        });
        await using var services = Services();
        var result = await services.GetRequiredService<PageFetcher>().FetchPageAsync(server.Url("/busy"), CancellationToken.None);
        Assert.Equal(FetchStatus.Ok, result.Status);
        Assert.Equal(Page, result.Content.ToArray());
        Assert.Equal(2, calls.Count);
        Assert.True(calls[1] - calls[0] >= TimeSpan.FromMilliseconds(950), "the retry came before Retry-After");
    }

    [Fact]
    public async Task A_server_slower_than_the_timeouts_gives_a_failed_result_that_the_queue_will_retry()
    {
        await using var server = await LocalHttpServer.StartAsync(async context =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // the client gave up, as it should
            }
        });
        await using var services = Services(new Dictionary<string, string?> { ["NewsIngest:Fetch:AttemptTimeout"] = "00:00:01", ["NewsIngest:Fetch:TotalTimeout"] = "00:00:03" });
        var started = DateTimeOffset.UtcNow;
        var result = await services.GetRequiredService<PageFetcher>().FetchPageAsync(server.Url("/slow"), CancellationToken.None);
        Assert.Equal(FetchStatus.Failed, result.Status); // Failed, not Skipped: PageDownloader turns it into a queue retry, nothing is lost
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_20_MiB_page_is_refused_while_a_normal_page_of_the_same_site_still_arrives()
    {
        var huge = new byte[20 * 1024 * 1024];
        Array.Fill(huge, (byte)'a');
        await using var server = await LocalHttpServer.StartAsync(new Dictionary<string, (string, byte[])> { ["/huge"] = ("text/html", huge), ["/a"] = ("text/html", Page) });
        await using var services = Services();
        var fetcher = services.GetRequiredService<PageFetcher>();
        var big = await fetcher.FetchPageAsync(server.Url("/huge"), CancellationToken.None);
        var normal = await fetcher.FetchPageAsync(server.Url("/a"), CancellationToken.None);
        Assert.Equal(FetchStatus.TooLarge, big.Status);
        Assert.True(big.Content.IsEmpty);
        Assert.Equal(FetchStatus.Ok, normal.Status);
    }

    [Fact]
    public async Task A_redirect_loop_stops_after_ten_redirects_as_an_http_error_and_is_not_retried()
    {
        await using var server = await LocalHttpServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = "/loop?n=" + (Hop(context) + 1);
            return Task.CompletedTask;
        });
        await using var services = Services();
        var result = await services.GetRequiredService<PageFetcher>().FetchPageAsync(server.Url("/loop?n=0"), CancellationToken.None);
        Assert.Equal(FetchStatus.HttpError, result.Status);
        Assert.Equal(302, result.HttpStatus);
        Assert.Equal(11, server.RequestCount); // the request and ten redirects, once

        static int Hop(HttpContext context) => int.Parse(context.Request.Query["n"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Theory]
    [InlineData("http://10.0.0.1:1/internal")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://127.0.0.2:{port}/a")]
    public async Task A_redirect_to_a_private_address_is_refused_before_connecting_while_the_allowed_host_still_answers(string target)
    {
        await using var server = await LocalHttpServer.StartAsync(async context =>
        {
            if (context.Request.Path == "/go")
            {
                context.Response.StatusCode = StatusCodes.Status302Found;
                context.Response.Headers.Location = target.Replace("{port}", context.Request.Host.Port!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
                return;
            }

            context.Response.ContentType = "text/html";
            await context.Response.Body.WriteAsync(Page);
        });
        await using var services = Services(new Dictionary<string, string?>
        {
            ["NewsIngest:Fetch:AllowPrivateAddresses"] = "false",
            // Only this test server is let through the guard; every other private address stays refused.
            ["NewsIngest:Fetch:AllowedPrivateHosts:0"] = server.BaseUrl.Authority,
        });
        var fetcher = services.GetRequiredService<PageFetcher>();
        var started = DateTimeOffset.UtcNow;
        var redirected = await fetcher.FetchPageAsync(server.Url("/go"), CancellationToken.None);
        var direct = await fetcher.FetchPageAsync(server.Url("/a"), CancellationToken.None);
        Assert.Equal(FetchStatus.Refused, redirected.Status);
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(5), "a refusal must not be retried");
        Assert.Equal(FetchStatus.Ok, direct.Status);
        Assert.Equal(["/go", "/a"], server.RequestedPaths);
    }

    [Fact]
    public async Task A_page_disallowed_by_robots_txt_is_never_requested_and_allowed_pages_are()
    {
        await using var server = await LocalHttpServer.StartAsync(new Dictionary<string, (string, byte[])> { ["/private/a"] = ("text/html", Page), ["/news/a"] = ("text/html", Page) });
        server.RobotsTxt = "User-agent: *\nDisallow: /private/\n";
        await using var services = Services();
        var fetcher = services.GetRequiredService<PageFetcher>();
        var disallowed = await fetcher.FetchPageAsync(server.Url("/private/a"), CancellationToken.None);
        var allowed = await fetcher.FetchPageAsync(server.Url("/news/a"), CancellationToken.None);
        Assert.Equal(FetchStatus.Disallowed, disallowed.Status);
        Assert.Equal(FetchStatus.Ok, allowed.Status);
        Assert.Equal(["/news/a"], server.RequestedPaths);
        Assert.Equal(1, server.RobotsRequestCount); // cached per host
    }

    [Fact]
    public async Task A_robots_txt_answering_500_holds_the_site_back_as_a_retryable_failure_not_a_skip()
    {
        await using var robotsDown = await LocalHttpServer.StartAsync(new Dictionary<string, (string, byte[])> { ["/a"] = ("text/html", Page) });
        robotsDown.RobotsTxtStatus = StatusCodes.Status503ServiceUnavailable;
        await using var services = Services(new Dictionary<string, string?> { ["NewsIngest:Fetch:AttemptTimeout"] = "00:00:01", ["NewsIngest:Fetch:TotalTimeout"] = "00:00:02" });
        var result = await services.GetRequiredService<PageFetcher>().FetchPageAsync(robotsDown.Url("/a"), CancellationToken.None);
        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal(0, robotsDown.RequestCount);
    }

    [Fact]
    public async Task A_feed_served_as_application_octet_stream_is_still_read()
    {
        await using var server = await LocalHttpServer.StartAsync(new Dictionary<string, (string, byte[])> { ["/feed"] = ("application/octet-stream", FeedBuilder.Rss(new Uri("https://news.example/a"))) });
        await using var services = Services();
        var result = await services.GetRequiredService<PageFetcher>().FetchFeedAsync(server.Url("/feed"), null, null, CancellationToken.None);
        Assert.Equal(FetchStatus.Ok, result.Status);
        Assert.Single(NewsIngest.Core.Feeds.FeedReader.Read(new MemoryStream(result.Content.ToArray()), server.Url("/feed")));
    }

    [Fact]
    public async Task A_redirect_to_another_site_obeys_that_sites_robots_txt()
    {
        await using var target = await LocalHttpServer.StartAsync(new Dictionary<string, (string, byte[])> { ["/private/a"] = ("text/html", Page), ["/news/a"] = ("text/html", Page) });
        target.RobotsTxt = "User-agent: *\nDisallow: /private/\n";
        await using var origin = await LocalHttpServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            context.Response.Headers.Location = new Uri(target.BaseUrl, context.Request.Path.Value!.TrimStart('/')).AbsoluteUri;
            return Task.CompletedTask;
        });
        await using var services = Services();
        var fetcher = services.GetRequiredService<PageFetcher>();

        var disallowed = await fetcher.FetchPageAsync(origin.Url("/private/a"), CancellationToken.None);
        var allowed = await fetcher.FetchPageAsync(origin.Url("/news/a"), CancellationToken.None);

        Assert.Equal(FetchStatus.Disallowed, disallowed.Status);
        Assert.Equal(FetchStatus.Ok, allowed.Status);
        Assert.Equal(target.Url("/news/a"), allowed.FinalUrl);
        Assert.Equal(["/news/a"], target.RequestedPaths);
    }
}
