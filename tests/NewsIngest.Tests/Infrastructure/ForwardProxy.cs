using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using NewsIngest.Cli.Hosting;

namespace NewsIngest.Tests.Infrastructure;

/// <summary>
/// A plain HTTP forward proxy on 127.0.0.1 (absolute-form requests, as <c>HTTP_PROXY</c> makes clients send), which forwards
/// anything it is asked to, as an open corporate proxy would. Records the targets it forwarded to.
/// </summary>
public sealed class ForwardProxy : IAsyncDisposable, IWebProxy
{
    private readonly HttpClient _upstream = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
    private LoopbackSite _site = null!;

    private ForwardProxy()
    {
    }

    public Uri Address => _site.BaseUrl;

    public List<Uri> Forwarded { get; } = [];

    public ICredentials? Credentials { get; set; }

    public static async Task<ForwardProxy> StartAsync()
    {
        var proxy = new ForwardProxy();
        proxy._site = await LoopbackSite.StartAsync(proxy.ForwardAsync);
        return proxy;
    }

    /// <summary>As <see cref="IWebProxy"/>: every request, loopback included, goes through this proxy.</summary>
    public Uri GetProxy(Uri destination) => Address;

    public bool IsBypassed(Uri host) => false;

    private async Task ForwardAsync(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        if (!Uri.TryCreate(target, UriKind.Absolute, out var url))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        lock (Forwarded)
        {
            Forwarded.Add(url);
        }

        using var answer = await _upstream.GetAsync(url, context.RequestAborted);
        context.Response.StatusCode = (int)answer.StatusCode;
        context.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
        await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _site.DisposeAsync();
        _upstream.Dispose();
    }
}
