using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using NewsIngest.Core.Pipeline;
using NewsIngest.Core.Storage;

namespace NewsIngest.Functions;

/// <summary>
/// Blob: parses each page that lands in <c>raw-pages</c> — fetched or dropped by hand — into the <c>articles</c>
/// container and the <c>Articles</c> table. Binds a <see cref="BlobClient"/> so the page is read once, with its metadata.
/// </summary>
public sealed class ParsePage(PageProcessor processor)
{
    [Function(nameof(ParsePage))]
    public async Task Run(
        [BlobTrigger(StorageNames.RawPagesContainer + "/{name}", Connection = StorageNames.Connection)] BlobClient blob,
        string name,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        await processor.ProcessAsync(blob, cancellationToken).ConfigureAwait(false);
    }
}
