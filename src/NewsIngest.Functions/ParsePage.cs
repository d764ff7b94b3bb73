using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using NewsIngest.Core.Pipeline;
using NewsIngest.Core.Storage;

namespace NewsIngest.Functions;

/// <summary>
/// Blob: parses each page that lands in <c>raw-pages</c> into the <c>articles</c> container and the <c>Articles</c> table.
/// Binds a <see cref="BlobClient"/> so the page is read once, with its metadata. Pages dropped by hand are its work; a fetched
/// page is parsed by <c>FetchPage</c> from the bytes it holds, and the cloud's event subscription leaves its upload out
/// (<see cref="FetchedUploads"/>). Where a fetched page's event does arrive (the polling scan of local runs, a subscription
/// made without the filter), the parse finds the article of that version stored and writes nothing.
/// </summary>
/// <remarks>
/// A blob trigger's source is fixed at compile time, so one handler has two triggers and each environment disables one
/// with the app setting <c>AzureWebJobs.&lt;name&gt;.Disabled</c>:
/// <see cref="OnEventName"/> (Event Grid: seconds of latency, the only source Flex Consumption runs, disabled locally
/// because Azurite raises no events) and <see cref="OnScanName"/> (the polling container scan that works under
/// <c>func start</c> with Azurite, disabled in the cloud by infra/main.bicep).
/// </remarks>
public sealed class ParsePage(PageProcessor processor)
{
    /// <summary>The Event Grid function; the azd postdeploy hook subscribes <c>Host.Functions.ParsePageOnEvent</c>.</summary>
    public const string OnEventName = "ParsePageOnEvent";

    /// <summary>The polling function, for local runs.</summary>
    public const string OnScanName = "ParsePageOnScan";

    private const string RawPagesPath = StorageNames.RawPagesContainer + "/{name}";

    [Function(OnEventName)]
    public Task RunOnEvent(
        [BlobTrigger(RawPagesPath, Source = BlobTriggerSource.EventGrid, Connection = StorageNames.Connection)] BlobClient blob,
        string name,
        CancellationToken cancellationToken) =>
        ParseAsync(blob, name, cancellationToken);

    [Function(OnScanName)]
    public Task RunOnScan(
        [BlobTrigger(RawPagesPath, Source = BlobTriggerSource.LogsAndContainerScan, Connection = StorageNames.Connection)] BlobClient blob,
        string name,
        CancellationToken cancellationToken) =>
        ParseAsync(blob, name, cancellationToken);

    private async Task ParseAsync(BlobClient blob, string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        await processor.ProcessTriggeredAsync(blob, cancellationToken).ConfigureAwait(false);
    }
}
