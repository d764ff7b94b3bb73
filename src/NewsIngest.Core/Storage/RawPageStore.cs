using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using NewsIngest.Core.Diagnostics;

namespace NewsIngest.Core.Storage;

/// <summary>The <c>raw-pages</c> container: each fetched page stored once under its stable name, with its origin as metadata.</summary>
public sealed class RawPageStore(StorageClients storage, NewsIngestMetrics metrics)
{
    private const string SourceUrlKey = "sourceurl";
    private const string FeedUrlKey = "feedurl";
    private const string FetchedAtKey = "fetchedat";
    private const string ContentTypeKey = "contenttype";

    public async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var response = await storage.RawPages.GetBlobClient(name).ExistsAsync(cancellationToken).ConfigureAwait(false);
        return response.Value;
    }

    /// <summary>
    /// Stores the page unless a blob of that name exists: the stored page with its new version, or null when another run
    /// stored it first (so nothing is duplicated).
    /// </summary>
    public async Task<RawPage?> TryAddAsync(string name, ReadOnlyMemory<byte> content, RawPageOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(origin);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var options = new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            HttpHeaders = new BlobHttpHeaders { ContentType = RawPageMetadata.Text(origin.ContentType) ?? "text/html" },
            Metadata = ToMetadata(origin),
        };
        try
        {
            // The fetcher parses what it stores: the mark keeps the cloud's blob trigger from parsing it a second time.
            using var marked = FetchedUploads.Scope();
            var stored = (await storage.RawPages.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(content), options, cancellationToken).ConfigureAwait(false)).Value;
            metrics.PageFetched();
            return new RawPage(name, content, origin, stored.ETag.ToString(), stored.LastModified, content.Length);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return null;
        }
    }

    /// <summary>
    /// Uploads a page with no metadata, exactly as a person dropping a file into the container would, under
    /// <see cref="RawPageNames.ForDrop"/> of <paramref name="name"/>: the name it returns is the name stored.
    /// </summary>
    public async Task<string> DropAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var stored = RawPageNames.ForDrop(name);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await storage.RawPages.GetBlobClient(stored).UploadAsync(BinaryData.FromBytes(content), overwrite: true, cancellationToken).ConfigureAwait(false);
        return stored;
    }

    /// <summary>
    /// Reads a page, its origin and its version in one request. A page larger than <paramref name="maxBytes"/> comes back
    /// with its version but no bytes (<see cref="RawPage.IsTooLarge"/>): the download is abandoned before the body is read.
    /// </summary>
    public static async Task<RawPage> ReadAsync(BlobClient blob, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var response = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        using var download = response.Value;
        var details = download.Details;
        var metadata = details.Metadata;
        var origin = new RawPageOrigin(
            ParseUri(metadata, SourceUrlKey),
            ParseUri(metadata, FeedUrlKey),
            metadata.TryGetValue(FetchedAtKey, out var at) && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var fetchedAt) ? fetchedAt : null,
            metadata.TryGetValue(ContentTypeKey, out var type) ? type : null);
        var etag = details.ETag.ToString();
        if (details.ContentLength > maxBytes)
        {
            return new RawPage(blob.Name, ReadOnlyMemory<byte>.Empty, origin, etag, details.LastModified, details.ContentLength);
        }

        var buffer = new MemoryStream((int)details.ContentLength);
        await download.Content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return new RawPage(blob.Name, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), origin, etag, details.LastModified, buffer.Length);
    }

    /// <summary>The ETag of a raw page's current version, or null when the blob is gone.</summary>
    public async Task<string?> CurrentETagAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await storage.RawPages.GetBlobClient(name).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return properties.Value.ETag.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The origin as metadata, every value bounded and cleaned (<see cref="RawPageMetadata"/>); a value that cannot be kept is left out.</summary>
    private static Dictionary<string, string> ToMetadata(RawPageOrigin origin)
    {
        var metadata = new Dictionary<string, string>();
        Add(metadata, SourceUrlKey, RawPageMetadata.Url(origin.SourceUrl));
        Add(metadata, FeedUrlKey, RawPageMetadata.Url(origin.FeedUrl));
        Add(metadata, FetchedAtKey, origin.FetchedAt?.ToString("O", CultureInfo.InvariantCulture));
        Add(metadata, ContentTypeKey, RawPageMetadata.Text(origin.ContentType));
        return metadata;

        static void Add(Dictionary<string, string> metadata, string key, string? value)
        {
            if (value is not null)
            {
                metadata[key] = value;
            }
        }
    }

    private static Uri? ParseUri(IDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var value) && Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;
}
