using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace NewsIngest.Cli.Demo;

/// <summary>
/// Serves the bundled sample site (samples/site) on 127.0.0.1 with a free port, so the demo runs offline.
/// Feeds hold the placeholder <c>{{BASE_URL}}</c>, replaced by the server's address as they are served.
/// </summary>
internal sealed class SampleSite : IAsyncDisposable
{
    public const string BaseUrlPlaceholder = "{{BASE_URL}}";

    private readonly WebApplication _app;

    private SampleSite(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<SampleSite> StartAsync(string root)
    {
        var fullRoot = Path.GetFullPath(root);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        Uri? baseUrl = null;
        app.Run(async context =>
        {
            var relative = (context.Request.Path.Value ?? "/").TrimStart('/');
            var path = Path.GetFullPath(Path.Combine(fullRoot, relative.Length == 0 || relative.EndsWith('/') ? relative + "index.html" : relative));
            if (!path.StartsWith(fullRoot, StringComparison.Ordinal) || !File.Exists(path))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            if (path.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.ContentType = "application/rss+xml; charset=utf-8";
                var text = (await File.ReadAllTextAsync(path, context.RequestAborted).ConfigureAwait(false))
                    .Replace(BaseUrlPlaceholder, baseUrl!.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal);
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), context.RequestAborted).ConfigureAwait(false);
                return;
            }

            // Pages are served as raw bytes with no charset, so the extractor must honour what the page itself declares.
            context.Response.ContentType = "text/html";
            await context.Response.SendFileAsync(path, context.RequestAborted).ConfigureAwait(false);
        });
        await app.StartAsync().ConfigureAwait(false);
        baseUrl = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return new SampleSite(app, baseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
