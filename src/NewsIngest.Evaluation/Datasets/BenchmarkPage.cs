namespace NewsIngest.Evaluation.Datasets;

/// <summary>One benchmark page: its id, URL, expected body, raw bytes, and the snippets a correct body must and must not contain.</summary>
public sealed record BenchmarkPage(string Id, string? Url, string ExpectedBody, byte[] Html, IReadOnlyList<string> With, IReadOnlyList<string> Without)
{
    public Uri? Uri => Url is not null && Uri.TryCreate(Url, UriKind.Absolute, out var uri) ? uri : null;
}
