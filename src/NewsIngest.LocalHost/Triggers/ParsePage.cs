using Azure.Storage.Blobs;
using Microsoft.Azure.WebJobs;
using NewsIngest.Core.Pipeline;
using NewsIngest.Core.Storage;

namespace NewsIngest.LocalHost.Triggers;

/// <summary>
/// The Functions app's <c>ParsePageOnScan</c> on the WebJobs SDK's polling blob trigger (container scan and receipts): the local
/// source, since Azurite raises no Event Grid events for <c>ParsePageOnEvent</c>. The SDK binds the <see cref="BlobClient"/> itself,
/// where the isolated worker has the host pass a reference and the worker build the client.
/// </summary>
public sealed class ParsePage(PageProcessor processor)
{
    /// <summary>The name of the Functions app's polling function, so both hosts' logs name the same function.</summary>
    public const string OnScanName = "ParsePageOnScan";

    [FunctionName(OnScanName)]
    public async Task Run(
        [BlobTrigger(StorageNames.RawPagesContainer + "/{name}", Connection = StorageNames.Connection)] BlobClient blob,
        string name,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        await processor.ProcessTriggeredAsync(blob, cancellationToken).ConfigureAwait(false);
    }
}
