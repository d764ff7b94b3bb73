using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Core.Pipeline;
using NewsIngest.Core.Storage;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Storage;

/// <summary>What the article store tests share: Core's services over the shared Azurite, and ways to parse, read and find rows.</summary>
public abstract class ArticleStoreTestBase(AzuriteFixture azurite) : IAsyncLifetime
{
    private ServiceProvider? _services;

    protected ServiceProvider Services => _services ?? throw new InvalidOperationException("Not initialized.");

    protected StorageClients Storage => Services.GetRequiredService<StorageClients>();

    protected ArticleStore Articles => Services.GetRequiredService<ArticleStore>();

    protected RawPageStore RawPages => Services.GetRequiredService<RawPageStore>();

    public Task InitializeAsync()
    {
        _services = TestServices.Create(azurite.ConnectionString);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    /// <summary>Parses the raw page as the blob trigger does.</summary>
    protected Task<ParseOutcome> Process(string name) =>
        Services.GetRequiredService<PageProcessor>().ProcessAsync(Storage.RawPages.GetBlobClient(name), CancellationToken.None);

    protected Task<RawPage> Read(string name) =>
        RawPageStore.ReadAsync(Storage.RawPages.GetBlobClient(name), long.MaxValue, CancellationToken.None);

    protected static async Task<List<TableEntity>> RowsNamed(TableClient table, string name)
    {
        ArgumentNullException.ThrowIfNull(table);
        var rows = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {TableKeys.RowFor(name)}")))
        {
            rows.Add(entity);
        }

        return rows;
    }
}
