using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace NewsIngest.Tests.Infrastructure;

/// <summary>A Kestrel server on 127.0.0.1 with a free port, answering each request with the test's handler.</summary>
public sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;
    private int _robotsRequests;

    private LocalHttpServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>How many requests the server answered, for asserting what was (not) fetched.</summary>
    public int RequestCount => Volatile.Read(ref _requests);

    public List<string> RequestedPaths { get; } = [];

    /// <summary>The body served at <c>/robots.txt</c>; null answers 404 (no rules). Not counted in <see cref="RequestCount"/>.</summary>
    public string? RobotsTxt { get; set; }

    /// <summary>The status <c>/robots.txt</c> answers with, when not 200 (e.g. 503 for an unreachable robots.txt).</summary>
    public int? RobotsTxtStatus { get; set; }

    /// <summary>How many times <c>/robots.txt</c> was asked for.</summary>
    public int RobotsRequestCount => Volatile.Read(ref _robotsRequests);

    public Uri Url(string path) => new(BaseUrl, path);

    public static async Task<LocalHttpServer> StartAsync(Func<HttpContext, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new LocalHttpServer(app);
        app.Run(async context =>
        {
            // robots.txt is answered here, so each scenario's handler and request counts see only the requests it is about.
            if (context.Request.Path == "/robots.txt")
            {
                Interlocked.Increment(ref server._robotsRequests);
                if (server.RobotsTxtStatus is { } status)
                {
                    context.Response.StatusCode = status;
                }
                else if (server.RobotsTxt is { } robots)
                {
                    context.Response.ContentType = "text/plain";
                    await context.Response.WriteAsync(robots);
                }
                else
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                }

                return;
            }

            Interlocked.Increment(ref server._requests);
            lock (server.RequestedPaths)
            {
                server.RequestedPaths.Add(context.Request.Path + context.Request.QueryString);
            }

            await handler(context);
        });
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return server;
    }

    /// <summary>A server answering from a path → (content type, body) table, 404 otherwise.</summary>
    public static Task<LocalHttpServer> StartAsync(IReadOnlyDictionary<string, (string ContentType, byte[] Body)> routes) =>
        StartAsync(async context =>
        {
            if (routes.TryGetValue(context.Request.Path.Value ?? "/", out var route))
            {
                context.Response.ContentType = route.ContentType;
                await context.Response.Body.WriteAsync(route.Body);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }
        });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
