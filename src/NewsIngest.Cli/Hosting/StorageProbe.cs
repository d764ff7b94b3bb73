using Azure;
using NewsIngest.Cli.Errors;
using NewsIngest.Core.Storage;

namespace NewsIngest.Cli.Hosting;

/// <summary>
/// Checks a storage connection once, with a short timeout and no retries, before a command starts work: a wrong string,
/// a storage that is down, refuses the key or is an Azurite too old for the pinned API version each gets one clear message
/// within seconds, instead of a stack trace after the SDK's half-minute of retries.
/// </summary>
internal static class StorageProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task CheckAsync(string connectionString, string source, CancellationToken cancellationToken)
    {
        var account = Open(connectionString, source);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        // All three services: an emulator running blob storage only (azurite-blob) would otherwise fail later, after retries.
        await Task.WhenAll(
            CheckAsync(account.Blobs.Uri, source, async ct => await account.Blobs.GetBlobContainerClient(StorageNames.RawPagesContainer).ExistsAsync(ct).ConfigureAwait(false), timeout.Token, cancellationToken),
            CheckAsync(account.Queues.Uri, source, async ct => await account.Queues.GetQueueClient(StorageNames.PageRequestsQueue).ExistsAsync(ct).ConfigureAwait(false), timeout.Token, cancellationToken),
            CheckAsync(account.Tables.Uri, source, async ct => await account.Tables.QueryAsync(filter: $"TableName eq '{StorageNames.ArticlesTable}'", maxPerPage: 1, cancellationToken: ct).AsPages().GetAsyncEnumerator(ct).MoveNextAsync().ConfigureAwait(false), timeout.Token, cancellationToken))
            .ConfigureAwait(false);
    }

    private static async Task CheckAsync(Uri service, string source, Func<CancellationToken, Task> request, CancellationToken timeout, CancellationToken cancellationToken)
    {
        try
        {
            await request(timeout).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Message.Contains("skipApiVersionCheck", StringComparison.Ordinal))
        {
            throw CommandException.StorageUnavailable(
                $"The Azurite at {service} does not know storage API version {StorageAccount.ApiVersion}, which NewsIngest uses. " +
                "Update it to 3.35 or later ('npm ci' installs it; 'npm run azurite' starts it), or restart it with --skipApiVersionCheck.", ex);
        }
        catch (RequestFailedException ex) when (ex.Status is 401 or 403)
        {
            throw CommandException.StorageUnavailable(
                $"The storage at {service} ({source}) refused the credentials ({ex.ErrorCode ?? ex.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)}). Check the account key or SAS in the connection string.", ex);
        }
        catch (Exception ex) when (ex is RequestFailedException { Status: 0 } or AggregateException or HttpRequestException
                                       || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw CommandException.StorageUnavailable(
                $"The storage at {service} ({source}) is not reachable. " +
                "Start Azurite ('npm run azurite' in the repository), or check --storage / AzureWebJobsStorage.", ex);
        }
    }

    private static StorageAccount Open(string connectionString, string source)
    {
        try
        {
            return StorageAccount.FromConnectionString(connectionString, options =>
            {
                options.Retry.MaxRetries = 0;
                options.Retry.NetworkTimeout = Timeout;
            });
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            throw CommandException.Usage(
                $"{Capitalize(source)} is not a storage connection string. Give 'UseDevelopmentStorage=true' (Azurite on this machine) " +
                "or 'DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...;EndpointSuffix=core.windows.net'.");
        }
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
