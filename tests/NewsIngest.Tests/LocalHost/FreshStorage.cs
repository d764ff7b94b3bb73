using NewsIngest.Cli.Hosting;

namespace NewsIngest.Tests.LocalHost;

/// <summary>
/// An Azurite of the test's own: a host scans every blob of <c>raw-pages</c> and shares receipts by host id, so a listener test on the
/// shared Azurite would parse the other tests' pages and they its.
/// </summary>
internal static class FreshStorage
{
    public static async Task<AzuriteProcess> StartAsync()
    {
        var executable = AzuriteProcess.FindExecutable(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("Azurite is not installed: run 'npm ci' at the repository root.");
        // The SDK listeners' own storage clients send the newest API version (the app's clients pin an older one, see StorageAccount),
        // so this Azurite accepts any version, as `npm run azurite` does.
        return await AzuriteProcess.StartAsync(executable, skipApiVersionCheck: true);
    }
}
