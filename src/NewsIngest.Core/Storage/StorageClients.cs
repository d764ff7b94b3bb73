using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace NewsIngest.Core.Storage;

/// <summary>The containers, queue and tables NewsIngest uses, created on first use.</summary>
public sealed class StorageClients : IDisposable
{
    private readonly StorageAccount _account;
    private readonly SemaphoreSlim _createLock = new(1, 1);
    private volatile bool _created;

    public StorageClients(StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        _account = account;
        RawPages = account.Blobs.GetBlobContainerClient(StorageNames.RawPagesContainer);
        Articles = account.Blobs.GetBlobContainerClient(StorageNames.ArticlesContainer);
        PageRequests = account.Queues.GetQueueClient(StorageNames.PageRequestsQueue);
        ArticlesTable = account.Tables.GetTableClient(StorageNames.ArticlesTable);
        ArticlesByDayTable = account.Tables.GetTableClient(StorageNames.ArticlesByDayTable);
        FeedStateTable = account.Tables.GetTableClient(StorageNames.FeedStateTable);
        RejectionsTable = account.Tables.GetTableClient(StorageNames.RejectionsTable);
    }

    public StorageAccount Account => _account;

    public BlobContainerClient RawPages { get; }

    public BlobContainerClient Articles { get; }

    public QueueClient PageRequests { get; }

    public TableClient ArticlesTable { get; }

    public TableClient ArticlesByDayTable { get; }

    public TableClient FeedStateTable { get; }

    public TableClient RejectionsTable { get; }

    public void Dispose() => _createLock.Dispose();

    /// <summary>Creates every container, queue and table once per process; cheap to call before each unit of work.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (_created)
        {
            return;
        }

        await _createLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_created)
            {
                return;
            }

            await Task.WhenAll(
                RawPages.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
                Articles.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
                PageRequests.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
                ArticlesTable.CreateIfNotExistsAsync(cancellationToken),
                ArticlesByDayTable.CreateIfNotExistsAsync(cancellationToken),
                FeedStateTable.CreateIfNotExistsAsync(cancellationToken),
                RejectionsTable.CreateIfNotExistsAsync(cancellationToken)).ConfigureAwait(false);
            _created = true;
        }
        finally
        {
            _createLock.Release();
        }
    }
}
