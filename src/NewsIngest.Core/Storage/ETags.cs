namespace NewsIngest.Core.Storage;

/// <summary>Compares ETags as the services spell them: quoted in headers, sometimes unquoted in listings.</summary>
public static class ETags
{
    public static bool Same(string? left, string? right) =>
        left is not null && right is not null && string.Equals(Bare(left), Bare(right), StringComparison.Ordinal);

    private static string Bare(string etag) => etag.Trim().Trim('"');
}
