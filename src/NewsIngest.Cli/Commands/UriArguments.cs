using System.CommandLine.Parsing;

namespace NewsIngest.Cli.Commands;

/// <summary>Parses absolute http(s) URLs for options, with a clear error for anything else (System.CommandLine has no Uri converter).</summary>
internal static class UriArguments
{
    public static Uri? ParseOne(ArgumentResult result) => ParseMany(result).FirstOrDefault();

    public static Uri[] ParseMany(ArgumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var uris = new List<Uri>();
        foreach (var token in result.Tokens)
        {
            if (Uri.TryCreate(token.Value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                uris.Add(uri);
            }
            else
            {
                result.AddError($"'{token.Value}' is not an absolute http(s) URL.");
            }
        }

        return [.. uris];
    }
}
