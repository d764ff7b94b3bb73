using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Core.Fetching;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Politeness;

/// <summary>The throttle in the real HTTP pipeline, against a local server that measures what it receives.</summary>
public sealed class HostThrottleTests
{
    [Fact]
    public async Task At_most_the_per_host_limit_of_requests_reach_one_host_at_once_and_none_is_lost()
    {
        int inFlight = 0, peak = 0;
        await using var server = await LocalHttpServer.StartAsync(async context =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref peak, now);
            await Task.Delay(100);
            Interlocked.Decrement(ref inFlight);
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body><p>ok</p></body></html>");
        });
        await using var services = TestServices.Create("UseDevelopmentStorage=true", extra: new Dictionary<string, string?> { ["NewsIngest:Fetch:PerHostConcurrency"] = "2" });
        var fetcher = services.GetRequiredService<PageFetcher>();

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => fetcher.FetchPageAsync(server.Url($"/p{i}"), CancellationToken.None)));

        Assert.All(results, r => Assert.Equal(FetchStatus.Ok, r.Status));
        Assert.Equal(12, server.RequestCount);
        Assert.Equal(2, peak);
    }

    [Fact]
    public async Task Request_starts_to_one_host_are_spaced_by_the_larger_of_the_minimum_delay_and_crawl_delay()
    {
        var starts = new List<long>();
        await using var server = await LocalHttpServer.StartAsync(async context =>
        {
            lock (starts)
            {
                starts.Add(Stopwatch.GetTimestamp());
            }

            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body><p>ok</p></body></html>");
        });
        server.RobotsTxt = "User-agent: *\nCrawl-delay: 0.4\n";
        await using var services = TestServices.Create("UseDevelopmentStorage=true", extra: new Dictionary<string, string?>
        {
            ["NewsIngest:Fetch:MinDelayPerHost"] = TimeSpan.FromMilliseconds(100).ToString("c", CultureInfo.InvariantCulture),
            ["NewsIngest:Fetch:PerHostConcurrency"] = "4",
        });
        var fetcher = services.GetRequiredService<PageFetcher>();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => fetcher.FetchPageAsync(server.Url($"/p{i}"), CancellationToken.None)));

        Assert.All(results, r => Assert.Equal(FetchStatus.Ok, r.Status));
        Assert.Equal(4, starts.Count);
        starts.Sort();
        // Three 0.4 s gaps (the Crawl-delay beats the 0.1 s minimum, which would give 0.3 s in all). Measured at the server, the
        // span can only shrink by how late the first request arrived, so it is asserted with slack for a loaded machine.
        Assert.True(Stopwatch.GetElapsedTime(starts[0], starts[^1]) >= TimeSpan.FromMilliseconds(1000), $"span {Stopwatch.GetElapsedTime(starts[0], starts[^1])}");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
