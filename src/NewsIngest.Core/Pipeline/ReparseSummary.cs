using System.Text.Json.Serialization;

namespace NewsIngest.Core.Pipeline;

/// <summary>
/// What one reparse did; its JSON form is the last line of <c>newsingest reparse</c> (a contract). <c>failed</c> appears only
/// when storage refused some pages (<see cref="ParseOutcome.Failed"/>), so the line of a clean run is unchanged.
/// </summary>
public sealed record ReparseSummary(
    [property: JsonPropertyName("parsed")] long Parsed,
    [property: JsonPropertyName("rejected")] long Rejected,
    [property: JsonPropertyName("unchanged")] long Unchanged,
    [property: JsonPropertyName("failed"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] long Failed = 0);
