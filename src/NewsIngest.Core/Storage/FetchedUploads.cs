using Azure.Core.Pipeline;

namespace NewsIngest.Core.Storage;

/// <summary>
/// Marks the upload of a fetched page, which its fetcher parses itself, so the cloud's Event Grid subscription can leave it out:
/// the storage request carries a client request id starting with <see cref="RequestIdPrefix"/>, Blob Storage copies it into the
/// BlobCreated event's <c>data.clientRequestId</c>, and infra/hooks/postdeploy filters on it (docs/deployment.md). A page
/// uploaded any other way — dropped by hand, by <c>newsingest drop</c>, by a tool — carries no such id and is parsed by the trigger.
/// </summary>
public static class FetchedUploads
{
    /// <summary>The start of every fetched upload's client request id; the event subscription's <c>StringNotBeginsWith</c> value.</summary>
    public const string RequestIdPrefix = "newsingest-fetched-";

    /// <summary>Every storage request started inside the scope (retries included) carries one fresh marked client request id.</summary>
    public static IDisposable Scope() => HttpPipeline.CreateClientRequestIdScope(RequestIdPrefix + Guid.NewGuid().ToString("N"));
}
