using System.Net;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using NewsIngest.Core.Configuration;
using NewsIngest.Core.Diagnostics;
using NewsIngest.Core.Extraction;
using NewsIngest.Core.Fetching;
using NewsIngest.Core.Pipeline;
using NewsIngest.Core.Storage;

namespace NewsIngest.Core;

/// <summary>The one place NewsIngest's services are wired, shared by the Functions app, the CLI and the tests.</summary>
public static class NewsIngestServiceCollectionExtensions
{
    public static IServiceCollection AddNewsIngestCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<FeedOptions>().Bind(configuration.GetSection(FeedOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.Feeds.All(f => f.IsAbsoluteUri && f.Scheme is "http" or "https"), "Every feed must be an absolute http(s) URL.")
            .ValidateOnStart();
        services.AddOptions<FetchOptions>().Bind(configuration.GetSection(FetchOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.AttemptTimeout > TimeSpan.Zero && o.TotalTimeout >= o.AttemptTimeout, "Timeouts must be positive, the total at least one attempt.")
            .ValidateOnStart();
        services.AddOptions<ParseOptions>().Bind(configuration.GetSection(ParseOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddMetrics();
        services.AddSingleton<NewsIngestMetrics>();
        services.AddAzureClientsCore();
        services.AddSingleton(provider => StorageAccount.FromConfiguration(
            configuration.GetSection(StorageNames.Connection), provider.GetRequiredService<AzureComponentFactory>()));
        services.AddSingleton<StorageClients>();
        services.AddSingleton<RawPageStore>();
        services.AddSingleton<ArticleStore>();
        services.AddSingleton<RejectionStore>();
        services.AddSingleton<FeedStateStore>();

        services.AddSingleton<ArticleExtractor>();
        services.AddSingleton<PageFetcher>();
        services.AddSingleton<FeedPoller>();
        services.AddSingleton<PageDownloader>();
        services.AddSingleton<PageProcessor>();
        services.AddSingleton<PageReparser>();
        services.AddSingleton<IngestCycle>();

        AddHttpPipeline(services);
        return services;
    }

    private static void AddHttpPipeline(IServiceCollection services)
    {
        services.AddHttpClient(PageFetcher.HttpClientName)
            .ConfigureHttpClient((provider, client) =>
            {
                var options = provider.GetRequiredService<IOptions<FetchOptions>>().Value;
                client.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
                client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr,en;q=0.8,*;q=0.5");
                // The resilience pipeline owns timeouts; HttpClient's own would cut across its retries.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var options = provider.GetRequiredService<IOptions<FetchOptions>>().Value;
                var handler = new SocketsHttpHandler
                {
                    AutomaticDecompression = DecompressionMethods.All,
                    AllowAutoRedirect = true,
                    MaxAutomaticRedirections = 10,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    UseCookies = false,
                };
                if (!options.AllowPrivateAddresses)
                {
                    handler.ConnectCallback = AddressGuard.ConnectPublicOnlyAsync;
                }

                return handler;
            })
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider provider) =>
            {
                var options = provider.GetRequiredService<IOptions<FetchOptions>>().Value;
                resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
                resilience.TotalRequestTimeout.Timeout = options.TotalTimeout;
                resilience.CircuitBreaker.SamplingDuration = options.AttemptTimeout * 2 > TimeSpan.FromSeconds(30) ? options.AttemptTimeout * 2 : TimeSpan.FromSeconds(30);
                resilience.Retry.UseJitter = true;
                resilience.Retry.ShouldRetryAfterHeader = true;
            });
    }
}
