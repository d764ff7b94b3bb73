using System.Net;
using NewsIngest.Core.Fetching;

namespace NewsIngest.Tests.Fetching;

public sealed class AddressGuardTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void Non_public_addresses_are_refused(string address)
    {
        Assert.False(AddressGuard.IsPublic(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("192.0.2.1")] // TEST-NET-1
    [InlineData("198.51.100.1")] // TEST-NET-2
    [InlineData("203.0.113.1")] // TEST-NET-3
    [InlineData("198.18.0.1")] // benchmarking
    [InlineData("192.0.0.8")] // IETF protocol assignments
    [InlineData("192.88.99.1")] // deprecated 6to4 relay anycast
    [InlineData("240.0.0.1")] // reserved
    [InlineData("255.255.255.255")] // limited broadcast
    [InlineData("::")] // unspecified
    [InlineData("100::1")] // discard-only
    [InlineData("2001:db8::1")] // documentation
    [InlineData("3fff::1")] // documentation (RFC 9637)
    [InlineData("2001:2::1")] // benchmarking
    [InlineData("2001:10::1")] // ORCHID
    [InlineData("fec0::1")] // deprecated site-local
    [InlineData("ff02::1")] // multicast
    [InlineData("5f00::1")] // SRv6 SIDs
    [InlineData("4000::1")] // outside global unicast 2000::/3, unassigned
    public void Special_purpose_ranges_of_the_iana_registries_are_refused(string address)
    {
        Assert.False(AddressGuard.IsPublic(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("::127.0.0.1")] // IPv4-compatible loopback
    [InlineData("::10.0.0.1")] // IPv4-compatible private
    [InlineData("::ffff:169.254.169.254")] // IPv4-mapped metadata endpoint
    [InlineData("64:ff9b::a9fe:a9fe")] // NAT64 (RFC 6052) of the metadata address 169.254.169.254
    [InlineData("64:ff9b::7f00:1")] // NAT64 of 127.0.0.1
    [InlineData("64:ff9b:1::808:808")] // local-use NAT64 (RFC 8215): not globally reachable whatever it embeds
    [InlineData("2002:a9fe:a9fe::")] // 6to4 of 169.254.169.254
    [InlineData("2002:7f00:1::1")] // 6to4 of 127.0.0.1
    [InlineData("2001:0:4136:e378:8000:63bf:80ff:fffe")] // Teredo whose obfuscated client is 127.0.0.1
    [InlineData("2001:0:a00:1:8000:63bf:f7f7:f7f7")] // Teredo whose server is 10.0.0.1
    public void Ipv4_addresses_embedded_in_ipv6_are_classified_as_the_ipv4_address(string address)
    {
        Assert.False(AddressGuard.IsPublic(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("192.0.3.1")]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946")]
    [InlineData("::ffff:93.184.216.34")]
    [InlineData("64:ff9b::5db8:d822")] // NAT64 of 93.184.216.34
    [InlineData("2002:5db8:d822::1")] // 6to4 of 93.184.216.34
    [InlineData("2001:0:4136:e378:8000:63bf:f7f7:f7f7")] // Teredo: server 65.54.227.120, client 8.8.8.8
    public void Public_addresses_are_allowed(string address)
    {
        Assert.True(AddressGuard.IsPublic(IPAddress.Parse(address)));
    }
}
