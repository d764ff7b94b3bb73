using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Core.Fetching;
using NewsIngest.Core.Politeness;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Fetching;

/// <summary>
/// Servers that stall, trickle, never end or cut the connection mid-body: every fetch ends within the configured
/// <c>RequestTimeout</c> as a <see cref="FetchStatus.Failed"/> result with its reason (a transient failure the queue retries),
/// never as an exception and never as a wait without end.
/// </summary>
public sealed class HostileResponseTests
{
    /// <summary>Far above the 2 s request timeout below: reaching it means the bound did not hold.</summary>
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    private static ServiceProvider Services(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["NewsIngest:Fetch:AttemptTimeout"] = "00:00:01",
            ["NewsIngest:Fetch:TotalTimeout"] = "00:00:02",
            ["NewsIngest:Fetch:RequestTimeout"] = "00:00:02",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return TestServices.Create("UseDevelopmentStorage=true", extra: settings);
    }

    [Fact]
    public async Task A_page_that_declares_100000_bytes_sends_20_and_goes_silent_fails_transiently_at_the_request_timeout()
    {
        await using var server = await LocalHttpServer.StartAsync(HostileResponses.Stall("text/html", declared: 100_000, sent: 20));
        await using var services = Services();
        var result = await services.GetRequiredService<PageFetcher>().FetchPageAsync(server.Url("/stall.html"), CancellationToken.None).WaitAsync(Hang);
        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Contains("did not complete within", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_sent_one_byte_per_second_fails_transiently_at_the_request_timeout()
    {
        await using var server = await LocalHttpServer.StartAsync(HostileResponses.Trickle("text/html"));
        await using var services = Services();
        var result = await services.GetRequiredService<PageFetcher>().FetchPageAsync(server.Url("/trickle.html"), CancellationToken.None).WaitAsync(Hang);
        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Contains("did not complete within", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_feed_that_streams_8_KB_every_second_forever_fails_at_the_request_timeout()
    {
        await using var server = await LocalHttpServer.StartAsync(HostileResponses.EndlessFeed());
        await using var services = Services();
        var result = await services.GetRequiredService<PageFetcher>().FetchFeedAsync(server.Url("/endless.xml"), null, null, CancellationToken.None).WaitAsync(Hang);
        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Contains("did not complete within", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_robots_txt_that_stalls_after_its_headers_fails_the_page_transiently_at_the_request_timeout()
    {
        await using var server = await LocalHttpServer.StartAsync(HostileResponses.Stall("text/html", declared: 10, sent: 0));
        server.RobotsTxtHandler = HostileResponses.Stall("text/plain", declared: 1000, sent: 10);
        await using var services = Services();
        var result = await services.GetRequiredService<PageFetcher>().FetchPageAsync(server.Url("/a.html"), CancellationToken.None).WaitAsync(Hang);
        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Contains("robots.txt", result.Error, StringComparison.Ordinal);
        Assert.Contains("did not complete within", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, server.RequestCount); // the page itself is never asked for while robots.txt is unknown
    }

    [Fact]
    public async Task A_page_cut_mid_body_is_a_failed_result_with_its_reason_not_an_exception()
    {
        await using var server = await LocalHttpServer.StartAsync(HostileResponses.CutMidBody("text/html"));
        await using var services = Services();
        var result = await services.GetRequiredService<PageFetcher>().FetchPageAsync(server.Url("/cut.html"), CancellationToken.None).WaitAsync(Hang);
        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }

    [Fact]
    public async Task A_feed_cut_mid_body_is_a_failed_result_not_an_exception()
    {
        await using var server = await LocalHttpServer.StartAsync(HostileResponses.CutMidBody("application/rss+xml"));
        await using var services = Services();
        var result = await services.GetRequiredService<PageFetcher>().FetchFeedAsync(server.Url("/cut.xml"), null, null, CancellationToken.None).WaitAsync(Hang);
        Assert.Equal(FetchStatus.Failed, result.Status);
    }

    [Fact]
    public async Task A_robots_txt_cut_mid_body_fails_the_page_transiently_is_kept_only_for_the_back_off_and_is_then_asked_again()
    {
        var robotsCalls = 0;
        await using var server = await LocalHttpServer.StartAsync(new Dictionary<string, (string, byte[])> { ["/a.html"] = ("text/html", "<html><body><p>a</p></body></html>"u8.ToArray()) });
        var cut = HostileResponses.CutMidBody("text/plain");
        server.RobotsTxtHandler = context => Interlocked.Increment(ref robotsCalls) == 1 ? cut(context) : context.Response.WriteAsync("User-agent: *\nAllow: /\n");
        await using var services = Services(new Dictionary<string, string?> { ["NewsIngest:Fetch:RobotsTxtFailureBackoff"] = "00:00:03" });
        var fetcher = services.GetRequiredService<PageFetcher>();

        var first = await fetcher.FetchPageAsync(server.Url("/a.html"), CancellationToken.None).WaitAsync(Hang);
        var duringBackoff = await fetcher.FetchPageAsync(server.Url("/a.html"), CancellationToken.None).WaitAsync(Hang);
        var robotsAskedDuringBackoff = server.RobotsRequestCount;
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        var afterBackoff = await fetcher.FetchPageAsync(server.Url("/a.html"), CancellationToken.None).WaitAsync(Hang);

        Assert.Equal(FetchStatus.Failed, first.Status);
        Assert.Contains("robots.txt", first.Error, StringComparison.Ordinal);
        Assert.Equal(FetchStatus.Failed, duringBackoff.Status); // the failure is cached for the back-off: the site is not hammered
        Assert.Equal(1, robotsAskedDuringBackoff);
        Assert.Equal(FetchStatus.Ok, afterBackoff.Status);
        Assert.Equal(2, server.RobotsRequestCount);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(5, 30)]
    [InlineData(40, 30)]
    public void A_robots_txt_failing_again_waits_twice_as_long_up_to_the_maximum(int earlierFailures, int expectedMinutes)
    {
        var delay = RobotsTxtCache.FailureBackoff(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(30), earlierFailures);
        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), delay);
    }
}
