using System.Net;
using System.Net.Sockets;

namespace NewsIngest.Core.Fetching;

/// <summary>
/// Refuses connections to non-public addresses (loopback, private, link-local such as the cloud metadata endpoint
/// 169.254.169.254, multicast…). Checked at connect time, so every redirect hop and every DNS answer is covered.
/// </summary>
public static class AddressGuard
{
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
            || address.Equals(IPAddress.Broadcast) || address.Equals(IPAddress.IPv6None))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                     || (address.GetAddressBytes()[0] & 0xFE) == 0xFC); // fc00::/7 unique local
        }

        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 => false,
            100 when b[1] is >= 64 and <= 127 => false, // carrier-grade NAT
            169 when b[1] == 254 => false, // link-local, cloud metadata
            172 when b[1] is >= 16 and <= 31 => false,
            192 when b[1] == 168 => false,
            192 when b[1] == 0 && b[2] is 0 or 2 => false,
            198 when b[1] is 18 or 19 => false, // benchmarking
            >= 224 => false, // multicast and reserved
            _ => true,
        };
    }

    /// <summary>A connect callback for <see cref="SocketsHttpHandler"/> that resolves the host and refuses non-public addresses.</summary>
    public static ValueTask<Stream> ConnectPublicOnlyAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken) =>
        ConnectAsync(context, [], cancellationToken);

    /// <summary>
    /// A connect callback like <see cref="ConnectPublicOnlyAsync"/> that also lets through the hosts named in
    /// <paramref name="allowedPrivateHosts"/> (<c>host</c> or <c>host:port</c>). Anything else non-public is refused
    /// before a single packet is sent, so a redirect to 10.0.0.1 or 127.0.0.2 never leaves the process.
    /// </summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, IReadOnlyCollection<string> allowedPrivateHosts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(allowedPrivateHosts);
        var endPoint = context.DnsEndPoint;
        var exempt = allowedPrivateHosts.Contains(endPoint.Host, StringComparer.OrdinalIgnoreCase)
            || allowedPrivateHosts.Contains($"{endPoint.Host}:{endPoint.Port}", StringComparer.OrdinalIgnoreCase);
        var addresses = await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken).ConfigureAwait(false);
        var allowed = exempt ? addresses : addresses.Where(IsPublic).ToArray();
        if (allowed.Length == 0)
        {
            throw new AddressRefusedException($"Refused: {context.DnsEndPoint.Host} resolves only to non-public addresses.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>True when an HTTP failure is this guard's refusal (possibly wrapped by the handler), not a network fault.</summary>
    public static bool IsRefusal(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is AddressRefusedException)
            {
                return true;
            }
        }

        return false;
    }
}
