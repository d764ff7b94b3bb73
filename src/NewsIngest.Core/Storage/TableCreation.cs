using Azure.Data.Tables;

namespace NewsIngest.Core.Storage;

/// <summary>
/// Creates one table the first time it is needed in this process, however many callers race to it; after that a call
/// costs no request. A failed creation is tried again by the next caller.
/// </summary>
public sealed class TableCreation(TableClient table) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private volatile bool _created;

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (_created)
        {
            return;
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_created)
            {
                await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                _created = true;
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose() => _lock.Dispose();
}
