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
        // Started with the API version check on, as an Azurite run by hand or by an editor is: the listeners' own storage clients
        // must send the app's pinned version (PinnedVersionComponentFactory), or every listener call is refused.
        return await AzuriteProcess.StartAsync(executable, skipApiVersionCheck: false);
    }
}
