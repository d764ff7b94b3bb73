using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Core;

namespace NewsIngest.Tests.Infrastructure;

/// <summary>Builds the same service graph the Functions app and the CLI use, over the test's storage and feeds.</summary>
public static class TestServices
{
    public static ServiceProvider Create(string storageConnection, IEnumerable<Uri>? feeds = null, IDictionary<string, string?>? extra = null, Action<IServiceCollection>? configure = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storageConnection,
            ["NewsIngest:Fetch:AllowPrivateAddresses"] = "true",
            ["NewsIngest:Fetch:AttemptTimeout"] = "00:00:05",
            ["NewsIngest:Fetch:TotalTimeout"] = "00:00:20",
            // A stalled body in any test ends here rather than at the 2-minute production bound.
            ["NewsIngest:Fetch:RequestTimeout"] = "00:00:30",
            // One local server is one host: the production 1 s spacing would only slow the tests; politeness tests set their own.
            ["NewsIngest:Fetch:MinDelayPerHost"] = "00:00:00",
        };
        var index = 0;
        foreach (var feed in feeds ?? [])
        {
            settings[$"NewsIngest:Feeds:{index++}"] = feed.AbsoluteUri;
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddNewsIngestCore(configuration);
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
