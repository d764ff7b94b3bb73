using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;

namespace NewsIngest.Core.Storage;

/// <summary>
/// The service clients of one storage account, built from the same <c>AzureWebJobsStorage</c> setting the Functions
/// host reads: a connection string (Azurite, keys) or identity-based settings (<c>__blobServiceUri</c>, <c>__credential</c>…).
/// </summary>
public sealed class StorageAccount
{
    private StorageAccount(BlobServiceClient blobs, QueueServiceClient queues, TableServiceClient tables)
    {
        Blobs = blobs;
        Queues = queues;
        Tables = tables;
    }

    public BlobServiceClient Blobs { get; }

    public QueueServiceClient Queues { get; }

    public TableServiceClient Tables { get; }

    /// <summary>
    /// The storage REST version every client sends, pinned rather than the SDK's newest: Azure accepts it, and so does any
    /// Azurite from 3.35 on started without <c>--skipApiVersionCheck</c> (by hand, by the VS Code extension, from a
    /// container). The SDK's default (2026-10-06 in Azure.Storage.Blobs 12.30) is refused by every Azurite released so far.
    /// Raise it only together with the Azurite pinned in package.json.
    /// </summary>
    public const string ApiVersion = "2025-11-05";

    /// <summary>The blob service version of <see cref="ApiVersion"/>.</summary>
    public const BlobClientOptions.ServiceVersion BlobServiceVersion = BlobClientOptions.ServiceVersion.V2025_11_05;

    /// <summary>The queue service version of <see cref="ApiVersion"/>.</summary>
    public const QueueClientOptions.ServiceVersion QueueServiceVersion = QueueClientOptions.ServiceVersion.V2025_11_05;

    /// <summary>The blob client options: the pinned <see cref="ApiVersion"/>.</summary>
    public static BlobClientOptions BlobOptions => new(BlobServiceVersion);

    /// <summary>The queue client options: the pinned <see cref="ApiVersion"/>; base64 messages, as the Functions queue trigger expects by default.</summary>
    public static QueueClientOptions QueueOptions => new(QueueServiceVersion) { MessageEncoding = QueueMessageEncoding.Base64 };

    /// <summary>
    /// Clients for a connection string. <paramref name="configureClients"/> adjusts the three clients' options alike
    /// (retries, transport, pipeline policies): the fault-injection tests use it; the hosts keep the SDK defaults.
    /// </summary>
    public static StorageAccount FromConnectionString(string connectionString, Action<ClientOptions>? configureClients = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var blobOptions = BlobOptions;
        var queueOptions = QueueOptions;
        var tableOptions = new TableClientOptions();
        configureClients?.Invoke(blobOptions);
        configureClients?.Invoke(queueOptions);
        configureClients?.Invoke(tableOptions);
        return new StorageAccount(
            new BlobServiceClient(connectionString, blobOptions),
            new QueueServiceClient(connectionString, queueOptions),
            new TableServiceClient(connectionString, tableOptions));
    }

    /// <summary>Reads the connection section; a plain value is a connection string, children are identity-based settings.</summary>
    public static StorageAccount FromConfiguration(IConfigurationSection section, AzureComponentFactory factory)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(factory);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return FromConnectionString(section.Value);
        }

        var accountName = section["accountName"];
        var blobUri = ServiceUri(section, "blobServiceUri", accountName, "blob");
        var queueUri = ServiceUri(section, "queueServiceUri", accountName, "queue");
        var tableUri = ServiceUri(section, "tableServiceUri", accountName, "table");
        TokenCredential credential = factory.CreateTokenCredential(section);
        return new StorageAccount(
            new BlobServiceClient(blobUri, credential, BlobOptions),
            new QueueServiceClient(queueUri, credential, QueueOptions),
            new TableServiceClient(tableUri, credential));
    }

    private static Uri ServiceUri(IConfigurationSection section, string key, string? accountName, string service)
    {
        var value = section[key] ?? section["serviceUri"];
        if (value is not null)
        {
            return new Uri(value, UriKind.Absolute);
        }

        if (!string.IsNullOrWhiteSpace(accountName))
        {
            return new Uri($"https://{accountName}.{service}.core.windows.net");
        }

        throw new InvalidOperationException(
            $"Storage setting '{section.Path}' is missing: give a connection string, or '{section.Path}__{key}' (or '__accountName') with identity settings.");
    }
}
