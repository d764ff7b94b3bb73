using System.Text.Json.Serialization;

namespace NewsIngest.Core.Pipeline;

/// <summary>What one reparse did; its JSON form is the last line of <c>newsingest reparse</c> (a contract).</summary>
public sealed record ReparseSummary(
    [property: JsonPropertyName("parsed")] long Parsed,
    [property: JsonPropertyName("rejected")] long Rejected,
    [property: JsonPropertyName("unchanged")] long Unchanged);
