using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace NewsIngest.Core.Storage;

/// <summary>The <c>raw-pages</c> container: each fetched page stored once under its stable name, with its origin as metadata.</summary>
public sealed class RawPageStore(StorageClients storage)
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

    /// <summary>Stores the page unless a blob of that name exists; false when another run stored it first (so nothing is duplicated).</summary>
    public async Task<bool> TryAddAsync(string name, ReadOnlyMemory<byte> content, RawPageOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(origin);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var options = new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            HttpHeaders = new BlobHttpHeaders { ContentType = origin.ContentType ?? "text/html" },
            Metadata = ToMetadata(origin),
        };
        try
        {
            await storage.RawPages.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(content), options, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Uploads a page with no metadata, exactly as a person dropping a file into the container would.</summary>
    public async Task DropAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await storage.RawPages.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(content), overwrite: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a page and its origin in one request; null when the page is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<RawPage?> ReadAsync(BlobClient blob, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var response = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        using var download = response.Value;
        if (download.Details.ContentLength > maxBytes)
        {
            return null;
        }

        var buffer = new MemoryStream((int)download.Details.ContentLength);
        await download.Content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var metadata = download.Details.Metadata;
        var origin = new RawPageOrigin(
            ParseUri(metadata, SourceUrlKey),
            ParseUri(metadata, FeedUrlKey),
            metadata.TryGetValue(FetchedAtKey, out var at) && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var fetchedAt) ? fetchedAt : null,
            metadata.TryGetValue(ContentTypeKey, out var type) ? type : null);
        return new RawPage(blob.Name, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), origin, download.Details.ETag.ToString());
    }

    private static Dictionary<string, string> ToMetadata(RawPageOrigin origin)
    {
        var metadata = new Dictionary<string, string>();
        if (origin.SourceUrl is not null)
        {
            metadata[SourceUrlKey] = origin.SourceUrl.AbsoluteUri;
        }

        if (origin.FeedUrl is not null)
        {
            metadata[FeedUrlKey] = origin.FeedUrl.AbsoluteUri;
        }

        if (origin.FetchedAt is { } fetchedAt)
        {
            metadata[FetchedAtKey] = fetchedAt.ToString("O", CultureInfo.InvariantCulture);
        }

        if (origin.ContentType is not null)
        {
            metadata[ContentTypeKey] = origin.ContentType;
        }

        return metadata;
    }

    private static Uri? ParseUri(IDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var value) && Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;
}
