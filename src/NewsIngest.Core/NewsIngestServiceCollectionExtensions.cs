using System.Net;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using NewsIngest.Core.Configuration;
using NewsIngest.Core.Diagnostics;
using NewsIngest.Core.Deduplication;
using NewsIngest.Core.Extraction;
using NewsIngest.Core.Fetching;
using NewsIngest.Core.Pipeline;
using NewsIngest.Core.Politeness;
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
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<FeedOptions>, FeedOptionsValidator>();
        services.AddOptions<FetchOptions>().Bind(configuration.GetSection(FetchOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.AttemptTimeout > TimeSpan.Zero && o.TotalTimeout >= o.AttemptTimeout, "Timeouts must be positive, the total at least one attempt.")
            .Validate(o => o.RequestTimeout >= o.TotalTimeout && o.RequestTimeout <= TimeSpan.FromMinutes(10), "RequestTimeout must be at least TotalTimeout (it bounds the headers and the body) and at most 10 minutes (the function timeout).")
            .Validate(o => o.RobotsTxtFailureBackoff > TimeSpan.Zero && o.RobotsTxtFailureMaxBackoff >= o.RobotsTxtFailureBackoff && o.RobotsTxtFailureMaxBackoff <= o.RobotsTxtCacheDuration, "RobotsTxtFailureBackoff must be positive, RobotsTxtFailureMaxBackoff at least that and at most RobotsTxtCacheDuration.")
            .Validate(o => o.MinDelayPerHost >= TimeSpan.Zero && o.MaxCrawlDelay >= TimeSpan.Zero, "Per-host delays cannot be negative.")
            .Validate(o => o.RobotsTxtCacheDuration > TimeSpan.Zero && o.RobotsTxtCacheDuration <= TimeSpan.FromHours(24), "RobotsTxtCacheDuration must be positive and at most 24 hours (RFC 9309).")
            .Validate(o => o.AllowedPrivateHosts.All(h => !string.IsNullOrWhiteSpace(h) && !h.Contains('/', StringComparison.Ordinal)), "AllowedPrivateHosts holds host or host:port entries.")
            .ValidateOnStart();
        services.AddOptions<CycleOptions>().Bind(configuration.GetSection(CycleOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.ReceiveVisibility >= TimeSpan.FromSeconds(1) && o.ReceiveVisibility <= TimeSpan.FromDays(7), "ReceiveVisibility must be between 1 second and 7 days (the queue's limit).")
            .ValidateOnStart();
        services.AddOptions<ClaimOptions>().Bind(configuration.GetSection(ClaimOptions.SectionName))
            .Validate(o => o.Lease >= TimeSpan.FromSeconds(1) && o.Lease <= TimeSpan.FromDays(1), "Claims:Lease must be between 1 second and 1 day.")
            .ValidateOnStart();
        services.AddOptions<ParseOptions>().Bind(configuration.GetSection(ParseOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<SharedPolitenessOptions>().Bind(configuration.GetSection(SharedPolitenessOptions.SectionName))
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
        services.AddSingleton<ParseRecords>();
        services.AddSingleton<FeedStateStore>();
        services.AddSingleton<PageClaimStore>();

        services.AddSingleton<ArticleExtractor>();
        services.AddSingleton<PageFetcher>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SharedHostGate>();
        services.AddSingleton<HostThrottle>();
        services.AddSingleton<RobotsTxtCache>();
        services.AddTransient<HostThrottleHandler>();
        services.AddTransient<TargetAddressHandler>();
        services.AddTransient<RequestDeadlineHandler>();
        services.AddSingleton<FeedPoller>();
        services.AddSingleton<PageDownloader>();
        services.AddSingleton<PageProcessor>();
        services.AddSingleton<PageReparser>();
        services.AddSingleton<IngestCycle>();
        services.AddSingleton<PoisonedRequests>();

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
            // The factory's default rotates the whole handler chain every 2 minutes, a new connection pool and a new resilience
            // pipeline per host each time, the old ones left for the GC: a 10,000-feed run over 300 hosts kept tens of MB of them
            // (docs/fetching.md). PooledConnectionLifetime already renews connections, which is all the rotation was for.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var options = provider.GetRequiredService<IOptions<FetchOptions>>().Value;
                var handler = new SocketsHttpHandler
                {
                    AutomaticDecompression = DecompressionMethods.All,
                    // PageFetcher and RobotsTxtCache follow redirects themselves, so every hop passes the throttle and robots.txt.
                    AllowAutoRedirect = false,
                    // Connections are renewed after 5 minutes (so DNS changes are seen): that is why the factory need not rotate the handler.
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    UseCookies = false,
                };
                // Always on: with private addresses allowed it still refuses the unspecified address (0.0.0.0, ::).
                handler.ConnectCallback = (context, ct) => AddressGuard.ConnectAsync(context, options, ct);
                return handler;
            })
            // Outermost: the target host is checked before anything else, however the request is routed (see TargetAddressHandler).
            .AddHttpMessageHandler<TargetAddressHandler>()
            // Outside the resilience handler, so a request waits for its host's turn once and its retries keep the slot (see HostThrottleHandler).
            .AddHttpMessageHandler<HostThrottleHandler>()
            // Inside the throttle, so the bound counts from the moment the request holds its slot, and covers the body too.
            .AddHttpMessageHandler<RequestDeadlineHandler>()
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider provider) =>
            {
                var options = provider.GetRequiredService<IOptions<FetchOptions>>().Value;
                resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
                resilience.TotalRequestTimeout.Timeout = options.TotalTimeout;
                resilience.CircuitBreaker.SamplingDuration = options.AttemptTimeout * 2 > TimeSpan.FromSeconds(30) ? options.AttemptTimeout * 2 : TimeSpan.FromSeconds(30);
                resilience.Retry.UseJitter = true;
                resilience.Retry.ShouldRetryAfterHeader = true;
                // A refusal by the address guard is a decision, not a fault: retrying it only wastes time, and it must not open a circuit.
                resilience.Retry.ShouldHandle = args => ValueTask.FromResult(IsTransientFault(args.Outcome));
                resilience.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(IsTransientFault(args.Outcome));
            })
            // One pipeline, so one circuit breaker, per scheme+host+port: a failing site opens its own circuit, not everyone's.
            .SelectPipelineByAuthority();
    }

    private static bool IsTransientFault(Polly.Outcome<HttpResponseMessage> outcome) =>
        !(outcome.Exception is { } exception && AddressGuard.IsRefusal(exception)) && HttpClientResiliencePredicates.IsTransient(outcome);
}
