using System.Net;

namespace NewsIngest.Core.Fetching;

/// <summary>
/// The address ranges of the IANA special-purpose registries (IPv4: RFC 6890 and updates; IPv6: the same registry) that are
/// not globally reachable, as CIDR data. Ranges that embed an IPv4 address are listed apart: they are judged by the address
/// they carry, not refused wholesale.
/// </summary>
internal static class SpecialAddressRanges
{
    /// <summary>IPv4 ranges no public site lives in.</summary>
    public static readonly IPNetwork[] IPv4 =
    [
        IPNetwork.Parse("0.0.0.0/8"), // "this network"; 0.0.0.0 reaches this very machine on Linux
        IPNetwork.Parse("10.0.0.0/8"), // private (RFC 1918)
        IPNetwork.Parse("100.64.0.0/10"), // carrier-grade NAT shared space (RFC 6598)
        IPNetwork.Parse("127.0.0.0/8"), // loopback
        IPNetwork.Parse("169.254.0.0/16"), // link-local, with the cloud metadata endpoint 169.254.169.254
        IPNetwork.Parse("172.16.0.0/12"), // private (RFC 1918)
        IPNetwork.Parse("192.0.0.0/24"), // IETF protocol assignments
        IPNetwork.Parse("192.0.2.0/24"), // documentation TEST-NET-1
        IPNetwork.Parse("192.88.99.0/24"), // deprecated 6to4 relay anycast (RFC 7526)
        IPNetwork.Parse("192.168.0.0/16"), // private (RFC 1918)
        IPNetwork.Parse("198.18.0.0/15"), // benchmarking
        IPNetwork.Parse("198.51.100.0/24"), // documentation TEST-NET-2
        IPNetwork.Parse("203.0.113.0/24"), // documentation TEST-NET-3
        IPNetwork.Parse("224.0.0.0/4"), // multicast
        IPNetwork.Parse("240.0.0.0/4"), // reserved, with the limited broadcast 255.255.255.255
    ];

    /// <summary>
    /// IPv6 ranges no public site lives in. Everything outside global unicast (2000::/3) is refused anyway; the ranges outside it
    /// are listed too so that this table alone reads as the registry.
    /// </summary>
    public static readonly IPNetwork[] IPv6 =
    [
        IPNetwork.Parse("::/128"), // unspecified
        IPNetwork.Parse("::1/128"), // loopback
        IPNetwork.Parse("64:ff9b:1::/48"), // local-use IPv4/IPv6 translation (RFC 8215): not globally reachable, whatever it embeds
        IPNetwork.Parse("100::/64"), // discard-only (RFC 6666)
        IPNetwork.Parse("100:0:0:1::/64"), // dummy prefix (RFC 9780)
        IPNetwork.Parse("2001::/23"), // IETF protocol assignments: benchmarking 2001:2::/48, ORCHID 2001:10::/28, ORCHIDv2 2001:20::/28…
        IPNetwork.Parse("2001:db8::/32"), // documentation
        IPNetwork.Parse("3fff::/20"), // documentation (RFC 9637)
        IPNetwork.Parse("5f00::/16"), // segment routing SIDs (RFC 9602)
        IPNetwork.Parse("fc00::/7"), // unique local
        IPNetwork.Parse("fe80::/10"), // link-local
        IPNetwork.Parse("fec0::/10"), // deprecated site-local
        IPNetwork.Parse("ff00::/8"), // multicast
    ];

    /// <summary>Where every public IPv6 address is allocated from.</summary>
    public static readonly IPNetwork GlobalUnicast = IPNetwork.Parse("2000::/3");

    /// <summary>IPv4-compatible addresses (deprecated, RFC 4291): the IPv4 address in the last 32 bits.</summary>
    public static readonly IPNetwork IPv4Compatible = IPNetwork.Parse("::/96");

    /// <summary>The well-known NAT64 prefix (RFC 6052): the IPv4 address in the last 32 bits.</summary>
    public static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    /// <summary>6to4 (RFC 3056): the IPv4 address in bits 16–47.</summary>
    public static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    /// <summary>Teredo (RFC 4380): the server's IPv4 address in bits 32–63, the client's, inverted, in the last 32 bits.</summary>
    public static readonly IPNetwork Teredo = IPNetwork.Parse("2001::/32");
}
