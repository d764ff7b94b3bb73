using NewsIngest.LocalHost;

namespace NewsIngest.Tests.LocalHost;

/// <summary>The timer's <c>%FeedSchedule%</c>, resolved from configuration by the SDK, on a fresh Azurite.</summary>
[Collection(LocalHostTests.Name)]
public sealed class TimerScheduleTests
{
    [Fact]
    public async Task The_timer_reads_its_schedule_from_the_FeedSchedule_setting()
    {
        await using var azurite = await FreshStorage.StartAsync();
        await using var site = await SampleSiteServer.StartAsync();
        var log = new RecordedLog();
        await using (var quiet = await LocalHostRun.StartAsync(azurite.ConnectionString, log, [site.FeedUrl]))
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal(0, site.FeedRequests);
        }

        await using var everySecond = await LocalHostRun.StartAsync(azurite.ConnectionString, log, [site.FeedUrl], LocalHostRun.Every(seconds: 1));
        await Eventually.HoldsAsync("the feed read twice", () => site.FeedRequests >= 2, LocalHostRun.Bound);
    }

    [Fact]
    public void A_host_without_the_FeedSchedule_setting_fails_at_start_naming_it()
    {
        var settings = LocalHostRun.Settings("UseDevelopmentStorage=true", settings: new Dictionary<string, string?> { [LocalFunctionHost.ScheduleSetting] = null });
        using var host = LocalFunctionHost.Build(settings);

        var error = Assert.ThrowsAny<Exception>(() => host.StartAsync().GetAwaiter().GetResult());
        Assert.Contains(LocalFunctionHost.ScheduleSetting, error.ToString(), StringComparison.Ordinal);
    }
}
