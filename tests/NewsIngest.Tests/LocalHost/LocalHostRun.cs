using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NewsIngest.LocalHost;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.LocalHost;

/// <summary>
/// One <c>newsingest run</c> host (the real WebJobs SDK listeners) over a test's storage, started and stopped by the test. Polling is
/// shortened so the tests take seconds; every other queue and blob setting is the root host.json's.
/// </summary>
internal sealed class LocalHostRun : IAsyncDisposable
{
    /// <summary>How long a test waits for the listeners to do something before it fails.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    /// <summary>Once a year: the timer stays quiet in tests that are not about it.</summary>
    public const string QuietSchedule = "0 0 0 1 1 *";

    private LocalHostRun(IHost host) => Host = host;

    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    public static async Task<LocalHostRun> StartAsync(string storageConnection, RecordedLog log, IEnumerable<Uri>? feeds = null, IDictionary<string, string?>? settings = null)
    {
        var host = LocalFunctionHost.Build(Settings(storageConnection, feeds, settings), logging => logging.AddProvider(log).SetMinimumLevel(LogLevel.Debug));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(timeout.Token);
        return new LocalHostRun(host);
    }

    public static IConfiguration Settings(string storageConnection, IEnumerable<Uri>? feeds = null, IDictionary<string, string?>? settings = null)
    {
        var values = TestServices.Settings(storageConnection, feeds, new Dictionary<string, string?>
        {
            [LocalFunctionHost.ScheduleSetting] = QuietSchedule,
            // host.json's 10 s back-off ceiling would make each test wait up to that for a message; the rest of host.json stays.
            ["AzureWebJobs:extensions:queues:maxPollingInterval"] = "00:00:00.200",
        });
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    /// <summary>A <c>FeedSchedule</c> firing every few seconds.</summary>
    public static Dictionary<string, string?> Every(int seconds) => new() { [LocalFunctionHost.ScheduleSetting] = $"*/{seconds} * * * * *" };

    /// <summary>The repository's root host.json, which the host reads.</summary>
    public static JsonNode HostJson() => JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")))!;

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Host.StopAsync(timeout.Token);
        Host.Dispose();
    }
}
