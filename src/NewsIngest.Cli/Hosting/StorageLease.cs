using System.Net.Sockets;
using NewsIngest.Core.Hosting;

namespace NewsIngest.Cli.Hosting;

/// <summary>The storage a command works against, and the Azurite it started for it, if any (stopped on dispose).</summary>
internal sealed class StorageLease : IAsyncDisposable
{
    private readonly AzuriteProcess? _azurite;

    private StorageLease(string connectionString, string description, AzuriteProcess? azurite)
    {
        ConnectionString = connectionString;
        Description = description;
        _azurite = azurite;
    }

    public string ConnectionString { get; }

    public string Description { get; }

    public bool IsTemporary => _azurite is not null;

    /// <summary>
    /// --storage, else the AzureWebJobsStorage setting, else an Azurite already listening on the default ports,
    /// else a private in-memory Azurite started from the repository's node_modules.
    /// </summary>
    public static async Task<StorageLease> AcquireAsync(string? storageOption, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(storageOption))
        {
            return new StorageLease(storageOption, "the storage given with --storage", null);
        }

        var setting = Environment.GetEnvironmentVariable("AzureWebJobsStorage");
        if (!string.IsNullOrWhiteSpace(setting))
        {
            return new StorageLease(setting, "the AzureWebJobsStorage setting", null);
        }

        if (await IsListeningAsync(10000, cancellationToken).ConfigureAwait(false))
        {
            return new StorageLease("UseDevelopmentStorage=true", "the Azurite running on 127.0.0.1:10000", null);
        }

        var executable = AzuriteProcess.FindExecutable(Environment.CurrentDirectory) ?? AzuriteProcess.FindExecutable(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException(
                "No storage to use: pass --storage, set AzureWebJobsStorage, start Azurite (npm run azurite), or run 'npm ci' in the repository so newsingest can start one.");
        var azurite = await AzuriteProcess.StartAsync(executable, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new StorageLease(azurite.ConnectionString, $"a temporary in-memory Azurite (blob port {azurite.BlobPort})", azurite);
    }

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<bool> IsListeningAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMilliseconds(500));
            await client.ConnectAsync("127.0.0.1", port, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
