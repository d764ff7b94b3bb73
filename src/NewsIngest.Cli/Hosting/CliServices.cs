using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsIngest.Core;

namespace NewsIngest.Cli.Hosting;

/// <summary>Builds the Core services for a command: environment settings, overridden by what the command line says.</summary>
internal static class CliServices
{
    public static ServiceProvider Create(string storageConnection, IReadOnlyList<Uri>? feeds = null, bool allowPrivateAddresses = false, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = Configuration(storageConnection, feeds, allowPrivateAddresses, settings);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging
            .AddSimpleConsole(console => console.SingleLine = true)
            .AddFilter(level => level >= LogLevel.Warning)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddNewsIngestCore(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    /// <summary>The settings a command runs with: the environment, overridden by the command line.</summary>
    public static IConfigurationRoot Configuration(string storageConnection, IReadOnlyList<Uri>? feeds = null, bool allowPrivateAddresses = false, IReadOnlyDictionary<string, string?>? settings = null)
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

        return new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            .Build();
    }
}
