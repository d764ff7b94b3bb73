using System.Net.Sockets;
using NewsIngest.Cli.Errors;

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
    /// else a private in-memory Azurite started from the repository's node_modules. A given storage is checked once
    /// (<see cref="StorageProbe"/>) so a wrong or unreachable one fails in seconds with a clear message. A temporary Azurite
    /// is announced on stderr: whatever a command reads from it is empty, and whatever it writes is gone when it ends.
    /// </summary>
    public static async Task<StorageLease> AcquireAsync(string? storageOption, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(storageOption))
        {
            return await CheckedAsync(storageOption, "the storage given with --storage", cancellationToken).ConfigureAwait(false);
        }

        var setting = Environment.GetEnvironmentVariable("AzureWebJobsStorage");
        if (!string.IsNullOrWhiteSpace(setting))
        {
            return await CheckedAsync(setting, "the AzureWebJobsStorage setting", cancellationToken).ConfigureAwait(false);
        }

        if (await IsListeningAsync(10000, cancellationToken).ConfigureAwait(false))
        {
            return await CheckedAsync("UseDevelopmentStorage=true", "the Azurite running on 127.0.0.1:10000", cancellationToken).ConfigureAwait(false);
        }

        var executable = AzuriteProcess.FindExecutable(Environment.CurrentDirectory) ?? AzuriteProcess.FindExecutable(AppContext.BaseDirectory)
            ?? throw CommandException.StorageUnavailable(
                "No storage found: nothing listens on 127.0.0.1:10000, and no Azurite is installed here to start (it comes from 'npm ci' in the repository).\n" +
                "Start one ('npx azurite@3.35.0 --inMemoryPersistence', or the mcr.microsoft.com/azure-storage/azurite container), or pass --storage / set AzureWebJobsStorage.");
        AzuriteProcess azurite;
        try
        {
            azurite = await AzuriteProcess.StartAsync(executable, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            throw CommandException.StorageUnavailable(
                $"No storage found, and the temporary Azurite ({executable}) did not start: {ex.Message.Split('\n', 2)[0].TrimEnd()}\n" +
                "Check that Node.js 20 or later is on the PATH, or start Azurite yourself ('npm run azurite'), or pass --storage.", ex);
        }

        var lease = new StorageLease(azurite.ConnectionString, $"a temporary in-memory Azurite (blob port {azurite.BlobPort})", azurite);
        await Console.Error.WriteLineAsync(
            $"No running storage found: using {lease.Description}, which starts empty and is gone when this command ends. " +
            "For a lasting store run 'npm run azurite' in another terminal, or pass --storage.").ConfigureAwait(false);
        return lease;
    }

    private static async Task<StorageLease> CheckedAsync(string connectionString, string description, CancellationToken cancellationToken)
    {
        await StorageProbe.CheckAsync(connectionString, description, cancellationToken).ConfigureAwait(false);
        return new StorageLease(connectionString, description, null);
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
