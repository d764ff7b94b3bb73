using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Core.Fetching;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Fetching;

/// <summary>The SSRF guard checks the request's target, however the request is routed (directly or through a proxy).</summary>
public sealed class TargetGuardTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("<html><body><p>internal secret</p></body></html>");

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task A_private_target_is_refused_when_requests_go_through_an_allowed_proxy(string targetHost)
    {
        await using var target = await LocalHttpServer.StartAsync(new Dictionary<string, (string, byte[])> { ["/secret"] = ("text/html", Secret) });
        await using var publicSite = await LocalHttpServer.StartAsync(new Dictionary<string, (string, byte[])> { ["/a"] = ("text/html", Secret) });
        await using var proxy = await ForwardProxy.StartAsync();
        await using var services = TestServices.Create("UseDevelopmentStorage=true", extra: new Dictionary<string, string?>
        {
            ["NewsIngest:Fetch:AllowPrivateAddresses"] = "false",
            // The proxy and one site stand in for public hosts; the target is private and not allowed.
            ["NewsIngest:Fetch:AllowedPrivateHosts:0"] = proxy.Address.Authority,
            ["NewsIngest:Fetch:AllowedPrivateHosts:1"] = publicSite.BaseUrl.Authority,
            ["NewsIngest:Fetch:RespectRobotsTxt"] = "false",
        }, configure: services => services.AddHttpClient(PageFetcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler((handler, _) => ((SocketsHttpHandler)handler).Proxy = proxy));
        var fetcher = services.GetRequiredService<PageFetcher>();
        var port = target.BaseUrl.Port.ToString(CultureInfo.InvariantCulture);

        var refused = await fetcher.FetchPageAsync(new Uri($"http://{targetHost}:{port}/secret"), CancellationToken.None);
        var allowed = await fetcher.FetchPageAsync(publicSite.Url("/a"), CancellationToken.None);

        Assert.Equal(FetchStatus.Refused, refused.Status);
        Assert.Equal(0, target.RequestCount);
        Assert.Equal(FetchStatus.Ok, allowed.Status); // the proxy is really in the path: the allowed site is reached through it
        Assert.Equal([publicSite.Url("/a")], proxy.Forwarded);
    }

    [Theory]
    [InlineData("0.0.0.0", false)]
    [InlineData("0.0.0.0", true)]
    [InlineData("[::]", false)]
    [InlineData("[::]", true)]
    public async Task The_unspecified_address_is_refused_once_even_where_private_addresses_are_allowed(string host, bool allowPrivate)
    {
        await using var server = await LocalHttpServer.StartAsync(new Dictionary<string, (string, byte[])> { ["/a"] = ("text/html", Secret) });
        await using var services = TestServices.Create("UseDevelopmentStorage=true", extra: new Dictionary<string, string?>
        {
            ["NewsIngest:Fetch:AllowPrivateAddresses"] = allowPrivate ? "true" : "false",
        });
        var url = new Uri($"http://{host}:{server.BaseUrl.Port.ToString(CultureInfo.InvariantCulture)}/a");

        var result = await services.GetRequiredService<PageFetcher>().FetchPageAsync(url, CancellationToken.None);

        // Refused, not Failed: a refusal is never retried (neither by the HTTP pipeline nor by the queue).
        Assert.True(result.Status == FetchStatus.Refused, $"{result.Status}: {result.Error}");
        Assert.Equal(0, server.RequestCount);
    }
}
