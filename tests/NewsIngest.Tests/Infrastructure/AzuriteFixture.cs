using NewsIngest.Cli.Hosting;

namespace NewsIngest.Tests.Infrastructure;

/// <summary>
/// One Azurite for the test run: the one named by NEWSINGEST_TEST_STORAGE (a connection string) when set,
/// else a fresh in-memory Azurite from the repository's node_modules on free loopback ports, stopped at the end. It is
/// started without <c>--skipApiVersionCheck</c>, as people usually start Azurite, so every test also proves that the
/// storage clients' pinned API version is one Azurite accepts.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string ConnectionVariable = "NEWSINGEST_TEST_STORAGE";

    private AzuriteProcess? _process;

    public string ConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var given = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            ConnectionString = given;
            return;
        }

        var executable = AzuriteProcess.FindExecutable(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException(
                $"Azurite is not installed: run 'npm ci' at the repository root, or set {ConnectionVariable} to a storage connection string.");
        _process = await AzuriteProcess.StartAsync(executable);
        ConnectionString = _process.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}

/// <summary>Tests that share the one Azurite.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteTests : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
