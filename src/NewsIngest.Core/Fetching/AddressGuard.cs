using System.Net;
using System.Net.Sockets;
using NewsIngest.Core.Configuration;

namespace NewsIngest.Core.Fetching;

/// <summary>
/// Refuses requests to non-public addresses (loopback, private, link-local such as the cloud metadata endpoint
/// 169.254.169.254, documentation, multicast, reserved… see <see cref="SpecialAddressRanges"/>), including IPv4 addresses
/// dressed as IPv6 (mapped, compatible, NAT64, 6to4, Teredo). Checked twice: on the request's target host before it is sent
/// (<see cref="TargetAddressHandler"/>, which also covers requests routed through a proxy) and at connect time (every DNS answer).
/// </summary>
public static class AddressGuard
{
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return !SpecialAddressRanges.IPv4.Any(range => range.Contains(address));
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublic(address.MapToIPv4());
        }

        var bytes = address.GetAddressBytes();
        if (address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6Loopback))
        {
            return false;
        }

        if (SpecialAddressRanges.IPv4Compatible.Contains(address) || SpecialAddressRanges.Nat64.Contains(address))
        {
            return IsPublic(EmbeddedIPv4(bytes, 12));
        }

        if (SpecialAddressRanges.SixToFour.Contains(address))
        {
            return IsPublic(EmbeddedIPv4(bytes, 2));
        }

        if (SpecialAddressRanges.Teredo.Contains(address))
        {
            var client = EmbeddedIPv4(bytes, 12, invert: true);
            return IsPublic(EmbeddedIPv4(bytes, 4)) && IsPublic(client);
        }

        return SpecialAddressRanges.GlobalUnicast.Contains(address) && !SpecialAddressRanges.IPv6.Any(range => range.Contains(address));
    }

    /// <summary>0.0.0.0 and <c>::</c> are no destination: connecting to them reaches this machine. Refused even where private addresses are allowed.</summary>
    public static bool IsUnspecified(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
            || (address.IsIPv4MappedToIPv6 && address.MapToIPv4().Equals(IPAddress.Any));
    }

    /// <summary>
    /// Resolves <paramref name="host"/> and keeps the addresses the options allow: public ones, or any but the unspecified
    /// address when <see cref="FetchOptions.AllowPrivateAddresses"/> is on or the host (<c>host</c> or <c>host:port</c>) is in
    /// <see cref="FetchOptions.AllowedPrivateHosts"/>. Throws <see cref="AddressRefusedException"/> when none is left.
    /// </summary>
    public static async Task<IPAddress[]> ResolveAllowedAsync(string host, int port, FetchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(options);
        var name = host.Trim('[', ']');
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(name, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            throw new HttpRequestException(HttpRequestError.NameResolutionError, $"{name} could not be resolved: {ex.Message}", ex);
        }

        var exempt = options.AllowPrivateAddresses
            || options.AllowedPrivateHosts.Contains(name, StringComparer.OrdinalIgnoreCase)
            || options.AllowedPrivateHosts.Contains(host, StringComparer.OrdinalIgnoreCase)
            || options.AllowedPrivateHosts.Contains($"{host}:{port}", StringComparer.OrdinalIgnoreCase);
        var allowed = addresses.Where(a => !IsUnspecified(a) && (exempt || IsPublic(a))).ToArray();
        return allowed.Length > 0
            ? allowed
            : throw new AddressRefusedException($"Refused: {host} resolves only to non-public addresses.");
    }

    /// <summary>
    /// A connect callback for <see cref="SocketsHttpHandler"/> that connects only to the addresses <see cref="ResolveAllowedAsync"/>
    /// keeps, so a redirect to 10.0.0.1 or a DNS answer of 127.0.0.2 never leaves the process. With a proxy, this sees the
    /// proxy, which is why the target is checked as well (<see cref="TargetAddressHandler"/>).
    /// </summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, FetchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endPoint = context.DnsEndPoint;
        var allowed = await ResolveAllowedAsync(endPoint.Host, endPoint.Port, options, cancellationToken).ConfigureAwait(false);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endPoint.Port, cancellationToken).ConfigureAwait(false);
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

    private static IPAddress EmbeddedIPv4(byte[] bytes, int offset, bool invert = false)
    {
        var v4 = bytes.AsSpan(offset, 4).ToArray();
        if (invert)
        {
            for (var i = 0; i < v4.Length; i++)
            {
                v4[i] = (byte)~v4[i];
            }
        }

        return new IPAddress(v4);
    }
}
