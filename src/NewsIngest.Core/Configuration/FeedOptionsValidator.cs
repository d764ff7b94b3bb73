using Microsoft.Extensions.Options;

namespace NewsIngest.Core.Configuration;

/// <summary>Every feed must be an absolute http(s) URL; the failure names each bad one and its setting, so it can be found and fixed.</summary>
public sealed class FeedOptionsValidator : IValidateOptions<FeedOptions>
{
    public ValidateOptionsResult Validate(string? name, FeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.Feeds
            .Select((feed, index) => (feed, index))
            .Where(entry => entry.feed is null || !entry.feed.IsAbsoluteUri || entry.feed.Scheme is not ("http" or "https"))
            .Select(entry => $"Feed {entry.index} ({FeedOptions.SectionName}:Feeds:{entry.index}) '{entry.feed}' is not an absolute http(s) URL.")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
