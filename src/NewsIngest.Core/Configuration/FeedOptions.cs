using System.ComponentModel.DataAnnotations;

namespace NewsIngest.Core.Configuration;

/// <summary>Which feeds to read: bound from the <c>NewsIngest</c> section (<c>NewsIngest__Feeds__0</c>, …).</summary>
public sealed class FeedOptions
{
    public const string SectionName = "NewsIngest";

    /// <summary>Absolute http(s) URLs of RSS or Atom feeds. Empty is allowed: the timer then has nothing to do.</summary>
    [Required]
    public IList<Uri> Feeds { get; init; } = [];
}
