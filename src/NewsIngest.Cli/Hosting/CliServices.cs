using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsIngest.Cli.Errors;
using NewsIngest.Core;
using NewsIngest.Core.Fetching;

namespace NewsIngest.Cli.Hosting;

/// <summary>
/// Builds the Core services for a command: environment settings, overridden by what the command line says, validated at once
/// as the Functions host does at start-up, so an invalid setting stops the command with a message naming it.
/// </summary>
internal static class CliServices
{
    public static ServiceProvider Create(string storageConnection, IReadOnlyList<Uri>? feeds = null, bool allowPrivateAddresses = false,
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var overrides = new Dictionary<string, string?> { ["AzureWebJobsStorage"] = storageConnection };
        if (feeds is { Count: > 0 })
        {
            for (var i = 0; i < feeds.Count; i++)
            {
                overrides[$"NewsIngest:Feeds:{i}"] = feeds[i].AbsoluteUri;
            }
        }

        if (allowPrivateAddresses)
        {
            overrides["NewsIngest:Fetch:AllowPrivateAddresses"] = "true";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => ConfigureLogging(logging.AddSimpleConsole(console => console.SingleLine = true)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddNewsIngestCore(configuration);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        try
        {
            provider.GetService<IStartupValidator>()?.Validate();
        }
        catch (Exception ex) when (ConfigurationErrors.Describe(ex) is { } error)
        {
            provider.Dispose();
            throw error;
        }

        return provider;
    }

    /// <summary>
    /// By default one line per problem: the pipeline's own warnings (a feed or page that failed, a rejection). The HTTP
    /// resilience pipeline's events (several per failing page: each attempt, each retry) and the fetcher's per-request
    /// failures, which the pipeline's line repeats, show with --verbose, as does every debug log.
    /// </summary>
    private static void ConfigureLogging(ILoggingBuilder logging)
    {
        if (Verbosity.IsVerbose)
        {
            logging.SetMinimumLevel(LogLevel.Debug);
            return;
        }

        logging.SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Polly", LogLevel.None)
            .AddFilter("System.Net.Http", LogLevel.None)
            .AddFilter("Microsoft.Extensions.Http", LogLevel.None)
            .AddFilter(typeof(PageFetcher).FullName, LogLevel.Error);
    }
}
