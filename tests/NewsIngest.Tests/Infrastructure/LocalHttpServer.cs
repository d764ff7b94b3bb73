using Microsoft.AspNetCore.Http;
using NewsIngest.Cli.Hosting;

namespace NewsIngest.Tests.Infrastructure;

/// <summary>A Kestrel server on 127.0.0.1 with a free port, answering each request with the test's handler.</summary>
public sealed class LocalHttpServer : IAsyncDisposable
{
    private LoopbackSite _site = null!;
    private int _requests;
    private int _robotsRequests;

    private LocalHttpServer()
    {
    }

    public Uri BaseUrl => _site.BaseUrl;

    /// <summary>How many requests the server answered, for asserting what was (not) fetched.</summary>
    public int RequestCount => Volatile.Read(ref _requests);

    public List<string> RequestedPaths { get; } = [];

    /// <summary>The body served at <c>/robots.txt</c>; null answers 404 (no rules). Not counted in <see cref="RequestCount"/>.</summary>
    public string? RobotsTxt { get; set; }

    /// <summary>The status <c>/robots.txt</c> answers with, when not 200 (e.g. 503 for an unreachable robots.txt).</summary>
    public int? RobotsTxtStatus { get; set; }

    /// <summary>Answers <c>/robots.txt</c> when set (a robots.txt that stalls or is cut), instead of <see cref="RobotsTxt"/>.</summary>
    public Func<HttpContext, Task>? RobotsTxtHandler { get; set; }

    /// <summary>How many times <c>/robots.txt</c> was asked for.</summary>
    public int RobotsRequestCount => Volatile.Read(ref _robotsRequests);

    public Uri Url(string path) => new(BaseUrl, path);

    public static async Task<LocalHttpServer> StartAsync(Func<HttpContext, Task> handler)
    {
        var server = new LocalHttpServer();
        server._site = await LoopbackSite.StartAsync(async context =>
        {
            // robots.txt is answered here, so each scenario's handler and request counts see only the requests it is about.
            if (context.Request.Path == "/robots.txt")
            {
                Interlocked.Increment(ref server._robotsRequests);
                if (server.RobotsTxtHandler is { } robotsHandler)
                {
                    await robotsHandler(context);
                }
                else if (server.RobotsTxtStatus is { } status)
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

    public ValueTask DisposeAsync() => _site.DisposeAsync();
}
