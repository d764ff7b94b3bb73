namespace NewsIngest.Core.Extraction;

/// <summary>What is known about a raw page besides its bytes: where it came from and how it was served.</summary>
/// <param name="Url">The URL the page was fetched from, when known (a page dropped by hand has none).</param>
/// <param name="ContentType">The HTTP Content-Type header, whose charset outranks the page's own declaration.</param>
public sealed record PageContext(Uri? Url = null, string? ContentType = null)
{
    /// <summary>A context with nothing known: the page alone decides.</summary>
    public static PageContext Empty { get; } = new();
}
