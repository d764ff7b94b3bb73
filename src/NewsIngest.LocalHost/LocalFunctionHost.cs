using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.Timers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NCrontab;
using NewsIngest.Core;
using NewsIngest.LocalHost.Hosting;

namespace NewsIngest.LocalHost;

/// <summary>
/// Hosts <c>FetchFeeds</c>, <c>FetchPage</c> and <c>ParsePage</c> in one process on the WebJobs SDK listeners the Functions host is
/// built on: the timer with its singleton lock and schedule status, the queue listener with its dequeue count and poison queue, the
/// blob trigger's container scan with its receipts. Queue and blob settings come from the root host.json, as in the Functions host.
/// </summary>
public static class LocalFunctionHost
{
    /// <summary>The app setting holding the timer's NCRONTAB schedule, as in the Functions app.</summary>
    public const string ScheduleSetting = "FeedSchedule";

    /// <summary>The schedule of the example settings and the Bicep: every 15 minutes.</summary>
    public const string DefaultSchedule = "0 */15 * * * *";

    /// <summary>
    /// One host id for every local host: processes on the same storage then share the timer's lock, the blob receipts and the
    /// blob trigger's internal queue, so they split the work as instances of one Function app do instead of each doing all of it.
    /// </summary>
    public const string HostId = "newsingest-local";

    /// <summary>Whether the timer accepts <paramref name="schedule"/>: an NCRONTAB expression (seconds first) or a time span, as in the Functions host.</summary>
    public static bool IsValidSchedule(string schedule) =>
        CrontabSchedule.TryParse(schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 }) is not null
        || TimeSpan.TryParse(schedule, System.Globalization.CultureInfo.InvariantCulture, out _);

    /// <param name="settings">The app settings: <c>AzureWebJobsStorage</c>, <c>FeedSchedule</c>, <c>NewsIngest:*</c>; they override host.json's values.</param>
    /// <param name="configureLogging">Where the host's logs go.</param>
    /// <param name="hostJsonPath">The host.json to read; default the one shipped beside this assembly.</param>
    public static IHost Build(IConfiguration settings, Action<ILoggingBuilder>? configureLogging = null, string? hostJsonPath = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var hostJson = HostJsonSettings.Read(hostJsonPath ?? HostJsonSettings.DefaultPath);
        return new HostBuilder()
            .ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(hostJson).AddConfiguration(settings))
            .ConfigureWebJobs(webJobs =>
            {
                webJobs.UseHostId(HostId);
                // Blob-lease singleton locks (the timer runs on one host at a time) and host storage on AzureWebJobsStorage.
                webJobs.AddAzureStorageCoreServices();
                webJobs.AddAzureStorageBlobs();
                webJobs.AddAzureStorageQueues();
                webJobs.AddTimers();
            })
            .ConfigureServices((context, services) =>
            {
                services.AddNewsIngestCore(context.Configuration);
                services.AddSingleton<ITypeLocator, TriggerTypes>();
                // Registered after AddTimers, so it replaces the extension's WindowsAzure.Storage-based monitor.
                services.AddSingleton<ScheduleMonitor, BlobScheduleMonitor>();
                // The listeners' storage clients send the app's pinned API version, so any Azurite from 3.35 on serves them.
                PinnedVersionComponentFactory.Decorate(services);
            })
            .ConfigureLogging(logging => configureLogging?.Invoke(logging))
            .Build();
    }
}
