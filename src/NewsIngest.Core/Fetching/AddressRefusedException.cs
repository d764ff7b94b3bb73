namespace NewsIngest.Core.Fetching;

/// <summary>The SSRF guard refused to connect: the host resolves only to non-public addresses.</summary>
public sealed class AddressRefusedException : HttpRequestException
{
    public AddressRefusedException()
    {
    }

    public AddressRefusedException(string message)
        : base(message)
    {
    }

    public AddressRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
